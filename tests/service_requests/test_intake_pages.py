"""Asking for help through the pages: the portal, the Customer Care Center's phone entry,
and "my requests", through Django's test client."""

import re

import pytest
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import working
from tests.core.factories import PersonFactory
from tests.service_requests.builders import local, priority, submit
from tests.service_requests.pages import categorised, portal_data, text

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status

# --- The portal ------------------------------------------------------------------------


def test_the_portal_starts_at_the_requesters_home_campus_with_its_rooms(client, people, district):
    client.force_login(people[Role.REQUESTER])

    response = client.get(reverse("request_new"))

    assert response.status_code == 200
    assert response.context["form"]["campus"].value() == district.north.pk
    rooms = re.findall(
        r'<option value="\d+">([^<]+)</option>',
        text(response).split('id="id_room"')[1].split("</select>")[0],
    )
    assert rooms == ["101", "102", "LIB"]


def test_a_link_from_a_device_prefills_its_tag_campus_and_room(client, people, district):
    # Given "Report a problem" on a south high projector's page
    room = district.south.rooms.get(number="A100")
    client.force_login(people[Role.REQUESTER])

    response = client.get(
        reverse("request_new"),
        {"asset_tag": "SH-000731", "campus": district.south.pk, "room": room.pk},
    )

    form = response.context["form"]
    assert (form["asset_tag"].value(), form["campus"].value(), form["room"].value()) == (
        "SH-000731",
        district.south.pk,
        room.pk,
    )


def test_a_link_with_values_the_form_would_refuse_prefills_only_the_rest(client, people, district):
    south_room = district.south.rooms.get(number="A100")
    client.force_login(people[Role.REQUESTER])

    response = client.get(
        reverse("request_new"),
        {"asset_tag": "T" * 80, "campus": "north", "room": south_room.pk, "system": "999999"},
    )

    # The tag is too long and the campus unknown: the home campus stays, and a room at
    # another campus is dropped with it
    assert response.status_code == 200
    form = response.context["form"]
    assert form["campus"].value() == district.north.pk
    assert form["asset_tag"].value() is None
    assert form["room"].value() is None
    assert form["system"].value() is None


def test_a_teacher_submits_a_request_and_lands_on_it_with_its_number(client, people, district, now):
    teacher = people[Role.REQUESTER]
    client.force_login(teacher)

    response = client.post(reverse("request_new"), portal_data(district), follow=True)

    created = ServiceRequest.objects.get()
    assert response.redirect_chain == [(reverse("request_detail", args=[created.pk]), 302)]
    assert f"Request {created.number} submitted" in text(response)
    assert (created.requester, created.entered_by, created.channel) == (teacher, None, "portal")
    assert (created.status, created.urgency, created.asset_tag) == (Status.NEW, "high", "NE-004512")
    assert created.room.number == "102"


def test_a_missing_field_is_shown_beside_it_and_nothing_typed_is_lost(client, people, district):
    client.force_login(people[Role.REQUESTER])

    response = client.post(reverse("request_new"), portal_data(district, impact="  "))

    assert response.status_code == 200
    assert response.context["form"].errors == {"impact": ["This field is required."]}
    page = text(response)
    assert 'value="Document camera in room 102 is dead"' in page
    assert "No power light, tried another outlet." in page
    assert 'id="id_impact-errors"' in page
    assert not ServiceRequest.objects.exists()


def test_a_room_at_another_campus_is_refused_beside_the_room_field(client, people, district):
    client.force_login(people[Role.REQUESTER])
    elsewhere = district.south.rooms.get()

    response = client.post(reverse("request_new"), portal_data(district, room=elsewhere.pk))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "room": ["Room A100 is not at Northeast Elementary."]
    }
    assert 'value="NE-004512"' in text(response)
    assert not ServiceRequest.objects.exists()


def test_without_javascript_the_room_list_follows_the_campus_and_keeps_the_typing(
    client, people, district
):
    client.force_login(people[Role.REQUESTER])

    response = client.post(
        reverse("request_new"),
        {**portal_data(district, campus=district.south.pk, room=""), "refresh_rooms": "1"},
    )

    page = text(response)
    assert response.status_code == 200
    assert ">A100</option>" in page
    assert ">101</option>" not in page
    assert 'value="Document camera in room 102 is dead"' in page
    assert "This field is required" not in page  # asking for rooms is not a submission
    assert not ServiceRequest.objects.exists()


def test_the_room_select_for_a_campus_is_a_fragment_for_htmx(client, people, district):
    client.force_login(people[Role.REQUESTER])

    response = client.get(
        reverse("request_room_options"), {"campus": district.south.pk}, HTTP_HX_REQUEST="true"
    )

    page = text(response)
    assert page.lstrip().startswith('<div id="room-field"')
    assert ">A100</option>" in page and "<html" not in page


# --- Phone entry -----------------------------------------------------------------------


def phone_data(district, people, **changes) -> dict:
    return {
        **portal_data(district),
        "requester": people[Role.REQUESTER].pk,
        "priority": priority("1.3").pk,
        **changes,
    }


def test_the_analyst_finds_the_caller_without_javascript_and_nothing_is_lost(client, people):
    client.force_login(people[Role.CCC_ANALYST])

    response = client.post(
        reverse("request_phone"),
        {"caller_query": "alvarez", "summary": "Laptop will not boot", "find_caller": "1"},
    )

    page = text(response)
    assert response.status_code == 200
    assert response.context["callers"] == [people[Role.REQUESTER]]
    assert f'name="requester" id="caller-{people[Role.REQUESTER].pk}"' in page
    assert 'value="Laptop will not boot"' in page
    assert "1 person matches “alvarez”" in page
    assert not ServiceRequest.objects.exists()


def test_caller_search_answers_htmx_with_matches_by_name_email_or_employee_id(client, people):
    PersonFactory(first_name="Rosalind", last_name="Franklin", employee_id="E-7781")
    PersonFactory(first_name="Rosa", last_name="Parks", is_active=False)
    client.force_login(people[Role.CCC_ANALYST])
    url = reverse("request_caller_search")

    def names(query: str) -> list[str]:
        response = client.get(url, {"caller_query": query}, HTTP_HX_REQUEST="true")
        return [str(person) for person in response.context["callers"] or []]

    assert names("rosa") == ["Rosa Alvarez", "Rosalind Franklin"]
    assert names("rosa alv") == ["Rosa Alvarez"]
    assert names("e-7781") == ["Rosalind Franklin"]
    assert names("requester@district") == ["Rosa Alvarez"]
    assert names("r") == []  # too short to search
    assert names("nobody-by-this-name") == []


def test_a_phone_request_is_entered_categorised_for_the_caller(client, people, district, now):
    analyst = people[Role.CCC_ANALYST]
    client.force_login(analyst)

    response = client.post(reverse("request_phone"), phone_data(district, people, campus=""))

    created = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("request_detail", args=[created.pk])
    assert (created.requester, created.entered_by, created.channel) == (
        people[Role.REQUESTER],
        analyst,
        "phone",
    )
    assert created.campus == district.north  # the caller's home campus
    assert (created.status, created.priority, created.team) == (
        Status.OPEN,
        priority("1.3"),
        district.campus_team,
    )


def test_a_phone_request_without_a_caller_says_so_and_keeps_the_rest(client, people, district):
    client.force_login(people[Role.CCC_ANALYST])

    response = client.post(reverse("request_phone"), phone_data(district, people, requester=""))

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "requester": ["Find the caller and choose them from the matches."]
    }
    assert 'value="Document camera in room 102 is dead"' in text(response)
    assert not ServiceRequest.objects.exists()


def test_only_those_who_enter_for_others_have_the_phone_page(client, people):
    for role, expected in [
        (Role.REQUESTER, 404),
        (Role.DIRECTOR, 404),
        (Role.TECHNICIAN, 200),
        (Role.CCC_ANALYST, 200),
    ]:
        client.force_login(people[role])
        assert client.get(reverse("request_phone")).status_code == expected, role


# --- My requests -----------------------------------------------------------------------


def test_my_requests_lists_mine_only_and_says_plainly_when_one_waits(client, people, district):
    teacher = people[Role.REQUESTER]
    mine = categorised(submit(teacher, now=local(2027, 2, 1, 9)), people)
    working.wait_on(
        mine, actor=people[Role.TECHNICIAN], waiting_on="vendor", reason="Lamp on order"
    )
    submit(PersonFactory(home_campus=district.south), now=local(2027, 2, 1, 9), summary="Other")
    client.force_login(teacher)

    response = client.get(reverse("request_list"))

    page = text(response)
    assert [item.pk for item in response.context["page"]] == [mine.pk]
    assert "Waiting on a vendor — the clock is stopped" in page
    assert "Other" not in page
