"""The system administrator's business-calendar page: closures, the clock preview, history."""

from datetime import date

import pytest
from django.urls import reverse

from districtdesk.activity.events import describe
from districtdesk.activity.models import Event
from districtdesk.core.models import BusinessCalendar, Closure, Role
from tests.cast import build_district

pytestmark = pytest.mark.django_db


@pytest.fixture
def district():
    return build_district()


@pytest.fixture
def calendar():
    return BusinessCalendar.objects.get(is_default=True)


@pytest.fixture
def admin_client(client, district):
    client.force_login(district.people[Role.SYSTEM_ADMIN])
    return client


def test_the_district_ships_a_default_calendar_with_a_school_year(calendar):
    assert [
        (p.weekday, f"{p.starts_at:%H:%M}", f"{p.ends_at:%H:%M}")
        for p in calendar.working_periods.all()
    ] == [(day, "07:30", "16:30") for day in range(5)]
    assert calendar.closures.filter(name="Winter break", first_day=date(2026, 12, 21)).exists()
    assert BusinessCalendar.objects.get(around_the_clock=True).name == "Around the clock"


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.TECHNICIAN, Role.DIRECTOR])
def test_people_who_do_not_manage_calendars_get_not_found(client, district, calendar, role):
    client.force_login(district.people[role])

    assert client.get(reverse("calendar_list")).status_code == 404
    assert client.get(reverse("calendar_detail", args=[calendar.pk])).status_code == 404
    response = client.post(
        reverse("closure_add", args=[calendar.pk]),
        {
            "name": "Snow day",
            "kind": "emergency",
            "first_day": "2027-02-01",
            "last_day": "2027-02-01",
        },
    )
    assert response.status_code == 404
    assert not Closure.objects.filter(name="Snow day").exists()


def test_an_administrator_adds_a_snow_day_and_the_history_records_it(
    admin_client, district, calendar
):
    # When the administrator adds a closure
    response = admin_client.post(
        reverse("closure_add", args=[calendar.pk]),
        {
            "name": "Snow day",
            "kind": "emergency",
            "first_day": "2027-02-01",
            "last_day": "2027-02-01",
        },
    )

    # Then it is stored, and the calendar's history says who added what
    assert response.status_code == 302
    closure = calendar.closures.get(name="Snow day")
    assert closure.kind == Closure.Kind.EMERGENCY
    [event] = Event.objects.for_subject(calendar)
    assert event.code == "calendar.closure_added"
    assert event.actor == district.people[Role.SYSTEM_ADMIN]
    assert describe(event) == "Added closure “Snow day” (2027-02-01 – 2027-02-01)"
    page = admin_client.get(reverse("calendar_detail", args=[calendar.pk])).content.decode()
    assert "Added closure “Snow day”" in page


def test_a_closure_ending_before_it_starts_is_refused_with_the_reason(admin_client, calendar):
    before = calendar.closures.count()

    response = admin_client.post(
        reverse("closure_add", args=[calendar.pk]),
        {
            "name": "Backwards",
            "kind": "holiday",
            "first_day": "2027-02-05",
            "last_day": "2027-02-01",
        },
    )

    assert response.status_code == 200
    assert "The last day cannot be before the first day." in response.content.decode()
    assert calendar.closures.count() == before
    assert not Event.objects.exists()


def test_a_closure_without_a_name_shows_which_field_to_fix(admin_client, calendar):
    response = admin_client.post(
        reverse("closure_add", args=[calendar.pk]),
        {"name": "", "kind": "holiday", "first_day": "2027-02-05", "last_day": "2027-02-05"},
    )

    assert response.status_code == 200
    assert response.context["closure_form"].errors == {"name": ["This field is required."]}


def test_an_administrator_removes_a_closure_and_the_history_keeps_it(admin_client, calendar):
    closure = calendar.closures.get(name="Spring break")

    response = admin_client.post(reverse("closure_remove", args=[calendar.pk, closure.pk]))

    assert response.status_code == 302
    assert not calendar.closures.filter(name="Spring break").exists()
    [event] = Event.objects.for_subject(calendar)
    assert event.code == "calendar.closure_removed"
    assert event.params["first_day"] == "2027-03-15"


def test_removing_needs_a_post(admin_client, calendar):
    closure = calendar.closures.first()

    response = admin_client.get(reverse("closure_remove", args=[calendar.pk, closure.pk]))

    assert response.status_code == 405
    assert Closure.objects.filter(pk=closure.pk).exists()


def test_the_clock_preview_explains_a_due_time_across_a_weekend_and_a_closure(
    admin_client, calendar
):
    # Given Monday 7 December is a staff-development day
    admin_client.post(
        reverse("closure_add", args=[calendar.pk]),
        {
            "name": "Staff development day",
            "kind": "staff_development",
            "first_day": "2026-12-07",
            "last_day": "2026-12-07",
        },
    )

    # When the administrator asks when 3 business days from Friday 16:10 falls
    response = admin_client.get(
        reverse("calendar_detail", args=[calendar.pk]),
        {"submitted_at": "2026-12-04T16:10", "amount": "3", "unit": "days"},
    )

    # Then it is Thursday 16:10, with the skipped days named
    preview = response.context["preview"]
    assert f"{preview.due:%a %d %b %H:%M}" == "Thu 10 Dec 16:10"
    assert "Staff development day" in preview.text


def test_a_bad_preview_shows_errors_instead_of_a_due_time(admin_client, calendar):
    response = admin_client.get(
        reverse("calendar_detail", args=[calendar.pk]),
        {"submitted_at": "not a date", "amount": "-1", "unit": "days"},
    )

    assert response.status_code == 200
    assert response.context["preview"] is None
    assert set(response.context["preview_form"].errors) == {"submitted_at", "amount"}
