"""The requester's side of the technology-request pages through Django's test client: the
form with its check against the standards, my requests, and a request's page with the steps
each person is offered."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from districtdesk.acquisitions.models import (
    Quote,
    TechnologyRequest,
)
from districtdesk.core.models import Role
from tests.acquisitions import builders
from tests.acquisitions.conftest import TUESDAY
from tests.acquisitions.pages import HTMX, awaiting_funding, form_data, offered, step_url, text
from tests.inventory.factories import register

pytestmark = pytest.mark.django_db
Status = TechnologyRequest.Status


# --- The form ----------------------------------------------------------------------------


def test_the_form_starts_at_the_requesters_campus_with_its_rooms(
    client, district, people, catalogue
):
    client.force_login(people[Role.REQUESTER])

    response = client.get(reverse("technology_new"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["campus"] == district.north
    page = text(response)
    assert "Visualiser 5 document camera · $89.00–$129.00 · supported until Jun 2030" in page
    assert '<optgroup label="Document cameras">' in page
    assert ">101<" in page
    assert ">A100<" not in page  # a room of another campus


def test_a_request_is_submitted_and_shown_on_its_page(client, district, people, catalogue, now):
    client.force_login(people[Role.REQUESTER])

    response = client.post(reverse("technology_new"), form_data(district, catalogue))

    created = TechnologyRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("technology_detail", kwargs={"pk": created.pk})
    assert created.standard_item == catalogue["camera"]
    assert created.service_request.room.number == "101"
    page = text(client.get(response.url))
    assert "submitted. The technology team reviews it next." in page
    assert 'aria-current="step"' in page


def test_an_off_standard_ask_is_flagged_with_the_standard_items_of_its_type(
    client, district, people, catalogue
):
    client.force_login(people[Role.REQUESTER])
    cameras = catalogue["camera"].asset_type

    response = client.post(
        reverse("technology_check"),
        form_data(district, catalogue, standard_item="", asset_type=cameras.pk),
        headers=HTMX,
    )

    page = text(response)
    assert "Off-standard" in page
    assert "Visualiser 5 document camera" in page
    assert "Visualiser 8 document camera" in page
    assert "<html" not in page


def test_the_standards_check_works_without_javascript(client, district, people, catalogue):
    client.force_login(people[Role.REQUESTER])
    cameras = catalogue["camera"].asset_type

    response = client.post(
        reverse("technology_new"),
        form_data(district, catalogue, standard_item="", asset_type=cameras.pk, check="1"),
    )

    assert response.status_code == 200
    assert response.context["off_standard"] is True
    assert len(response.context["standard_alternatives"]) == 2
    assert not TechnologyRequest.objects.exists()


def test_errors_show_beside_their_fields_and_nothing_typed_is_lost(
    client, district, people, catalogue
):
    client.force_login(people[Role.REQUESTER])

    response = client.post(
        reverse("technology_new"),
        form_data(district, catalogue, need="", standard_item="", quantity="0"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"need", "quantity", "asset_type"}
    assert "Daily maths lessons for 28 students." in text(response)
    assert not TechnologyRequest.objects.exists()


def test_the_services_refusal_shows_beside_the_stolen_tag(client, district, people, catalogue):
    asset = register(district, bar_tag="NE123456")
    client.force_login(people[Role.REQUESTER])

    response = client.post(
        reverse("technology_new"),
        form_data(district, catalogue, kind="stolen_replacement", replaces_tag=asset.bar_tag),
    )

    assert response.status_code == 200
    assert "is not reported stolen" in response.context["form"].errors["replaces_tag"][0]
    assert not TechnologyRequest.objects.exists()


def test_an_unknown_person_or_tag_is_a_form_error_not_a_crash(client, district, people, catalogue):
    client.force_login(people[Role.REQUESTER])

    response = client.post(
        reverse("technology_new"),
        form_data(
            district,
            catalogue,
            kind="stolen_replacement",
            replaces_tag="ZZ999999",
            requested_for="nobody@example.org",
            campus="999999",
            room="abc",
            standard_item="999999",
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"replaces_tag", "requested_for", "campus", "standard_item"} <= set(errors)


# --- My requests and the status page -----------------------------------------------------


def test_my_requests_lists_only_mine(client, district, people, catalogue):
    mine = builders.ask(district, item=catalogue["camera"])
    builders.ask(district, item=catalogue["camera"], actor=people[Role.TECHNICIAN])
    client.force_login(people[Role.REQUESTER])

    response = client.get(reverse("technology_list"))

    assert [item.pk for item in response.context["page"]] == [mine.pk]


def test_the_page_is_a_404_for_someone_outside_its_scope(client, district, people, catalogue):
    request = builders.ask(district, item=catalogue["camera"])
    client.force_login(people[Role.CHANGE_COORDINATOR])

    assert client.get(reverse("technology_detail", kwargs={"pk": request.pk})).status_code == 404
    assert client.get(reverse("technology_detail", kwargs={"pk": 999999})).status_code == 404


def test_the_page_names_the_approver_and_says_when_it_waits_too_long(
    client, district, people, catalogue, now
):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.REQUESTER])
    url = reverse("technology_detail", kwargs={"pk": request.pk})

    response = client.get(url)
    assert "Priya Shah, the requester&#x27;s supervisor" in text(response)
    assert not response.context["waiting_too_long"]
    steps = response.context["steps"]
    assert [step["state"] for step in steps[:3]] == ["done", "current", "upcoming"]

    with time_machine.travel(TUESDAY + timedelta(days=7), tick=False):
        client.force_login(people[Role.REQUESTER])  # a week later: a new session
        late = client.get(url)
    assert late.context["waiting_too_long"]
    assert "Waiting too long" in text(late)


def test_each_person_is_offered_only_their_steps(client, district, people, catalogue, now):
    request = builders.ask(district, item=catalogue["camera"])
    url = reverse("technology_detail", kwargs={"pk": request.pk})

    client.force_login(people[Role.TECHNICIAN])
    assert offered(client.get(url)) == ["forward", "deny_in_review"]
    client.force_login(people[Role.REQUESTER])
    assert offered(client.get(url)) == ["withdraw"]
    client.force_login(people[Role.BUSINESS_OFFICE])
    assert offered(client.get(url)) == []

    builders.forwarded(district, request)
    client.force_login(people[Role.PRINCIPAL])
    assert offered(client.get(url)) == ["approve", "deny"]


def test_a_step_redirects_without_javascript_and_answers_panels_to_htmx(
    client, district, people, catalogue, now
):
    first = builders.ask(district, item=catalogue["camera"])
    second = builders.ask(district, item=catalogue["camera"])
    client.force_login(people[Role.TECHNICIAN])

    plain = client.post(step_url("forward", first), {"status": "in_review", "forward-notes": "ok"})
    assert plain.status_code == 302
    assert plain.url == reverse("technology_detail", kwargs={"pk": first.pk})

    swapped = client.post(
        step_url("forward", second), {"status": "in_review", "forward-notes": ""}, headers=HTMX
    )
    assert swapped.status_code == 200
    assert 'id="technology-panels"' in text(swapped)
    assert "<html" not in text(swapped)
    assert TechnologyRequest.objects.filter(status=Status.AWAITING_APPROVAL).count() == 2


def test_a_denial_in_review_needs_a_reason_and_an_explanation(
    client, district, people, catalogue, now
):
    request = builders.ask(district, item=catalogue["camera"])
    client.force_login(people[Role.TECHNICIAN])

    refused = client.post(step_url("deny_in_review", request), {"status": "in_review"})
    assert refused.status_code == 200
    form = dict((step, form) for step, _l, _s, form in refused.context["actions"])["deny_in_review"]
    assert {"denial_reason", "explanation"} <= set(form.errors)

    done = client.post(
        step_url("deny_in_review", request),
        {
            "status": "in_review",
            "deny_in_review-denial_reason": "alternative_exists",
            "deny_in_review-explanation": "Room 102 has a spare camera.",
            "deny_in_review-alternatives": [catalogue["camera_plus"].pk],
            "deny_in_review-alternatives_text": "Borrow from the library.",
        },
    )
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.DENIED
    assert list(request.alternatives.all()) == [catalogue["camera_plus"]]
    client.force_login(people[Role.REQUESTER])
    page = text(client.get(done.url))
    assert "An existing resource meets the need" in page
    assert "Room 102 has a spare camera." in page
    assert "Borrow from the library." in page
    assert page.index('id="denial-heading"') < page.index('id="details-heading"')
    assert 'id="history-heading"' in page


def test_a_stale_page_is_refused_before_the_service(client, district, people, catalogue, now):
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.TECHNICIAN])

    response = client.post(step_url("forward", request), {"status": "in_review"})

    assert response.status_code == 200
    assert "moved on while you were looking at it" in text(response)


def test_a_step_the_person_may_never_take_is_a_404(client, district, people, catalogue, now):
    request = builders.ask(district, item=catalogue["camera"])
    client.force_login(people[Role.REQUESTER])

    assert client.post(step_url("forward", request), {"status": "in_review"}).status_code == 404
    assert client.get(step_url("withdraw", request)).status_code == 405
    client.force_login(people[Role.CHANGE_COORDINATOR])
    assert client.post(step_url("withdraw", request), {}).status_code == 404


def test_the_quote_form_adds_a_line_without_javascript_and_saves_every_line(
    client, district, people, catalogue, now
):
    request = builders.approved(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.TECHNICIAN])
    data = {
        "status": "quoting",
        "add_quote-vendor": "Classroom Supply Co.",
        "add_quote-reference": "Q-1",
        "add_quote-valid_until": "2027-03-01",
        "add_quote-line-TOTAL_FORMS": "1",
        "add_quote-line-INITIAL_FORMS": "1",
        "add_quote-line-0-description": "Visualiser 5",
        "add_quote-line-0-asset_model": catalogue["camera"].asset_model_id,
        "add_quote-line-0-quantity": "1",
        "add_quote-line-0-unit_price": "99.00",
    }

    more = client.post(step_url("add_quote", request), {**data, "add_line": "1"})
    assert more.status_code == 200
    form = dict((step, form) for step, _l, _s, form in more.context["actions"])["add_quote"]
    assert len(form.lines.forms) == 2
    assert not Quote.objects.exists()

    saved = client.post(
        step_url("add_quote", request),
        {
            **data,
            "add_quote-line-TOTAL_FORMS": "2",
            "add_quote-line-1-description": "Three-year licence",
            "add_quote-line-1-asset_model": "",
            "add_quote-line-1-quantity": "1",
            "add_quote-line-1-unit_price": "20",
        },
    )
    assert saved.status_code == 302
    quote = Quote.objects.get()
    assert quote.total == Decimal("119.00")
    assert quote.lines.count() == 2


def test_an_expired_quote_is_refused_beside_its_date(client, district, people, catalogue, now):
    request = builders.approved(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.TECHNICIAN])

    response = client.post(
        step_url("add_quote", request),
        {
            "status": "quoting",
            "add_quote-vendor": "Classroom Supply Co.",
            "add_quote-valid_until": "2027-01-01",
            "add_quote-line-TOTAL_FORMS": "1",
            "add_quote-line-INITIAL_FORMS": "0",
            "add_quote-line-0-description": "Visualiser 5",
            "add_quote-line-0-quantity": "1",
            "add_quote-line-0-unit_price": "99.00",
        },
        headers=HTMX,
    )

    assert response.status_code == 200
    form = dict((step, form) for step, _l, _s, form in response.context["actions"])["add_quote"]
    assert form.errors["valid_until"] == ["This quote has already expired."]
    assert "Not saved." in text(response)


def test_the_business_office_funds_from_a_bond_budget_code(
    client, district, people, catalogue, now
):
    request = awaiting_funding(district, catalogue)
    quote = request.quotes.get()
    client.force_login(people[Role.BUSINESS_OFFICE])
    assert offered(client.get(reverse("technology_detail", kwargs={"pk": request.pk}))) == [
        "send_back",
        "fund",
    ]

    response = client.post(
        step_url("fund", request),
        {
            "status": "awaiting_funding",
            "fund-quote": quote.pk,
            "fund-funding": "bond",
            "fund-budget_code": "B-2027-410",
            "fund-purchase_order": "PO-1",
        },
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.budget_code, request.chosen_quote) == (
        Status.ORDERED,
        "B-2027-410",
        quote,
    )


def test_funding_with_another_requests_quote_is_a_form_error(
    client, district, people, catalogue, now
):
    request = awaiting_funding(district, catalogue)
    other = awaiting_funding(district, catalogue)
    client.force_login(people[Role.BUSINESS_OFFICE])

    response = client.post(
        step_url("fund", request),
        {
            "status": "awaiting_funding",
            "fund-quote": other.quotes.get().pk,
            "fund-funding": "bond",
            "fund-budget_code": "B",
            "fund-purchase_order": "PO",
        },
    )

    assert response.status_code == 200
    form = dict((step, form) for step, _l, _s, form in response.context["actions"])["fund"]
    assert "quote" in form.errors


def test_deployment_closes_the_request(client, district, people, catalogue, now):
    request = builders.received(district, builders.ask(district, item=catalogue["camera"]))
    client.force_login(people[Role.TEAM_LEAD])
    technician = people[Role.TECHNICIAN]

    assigned = client.post(
        step_url("assign_deployer", request),
        {"status": "received", "assign_deployer-technician": technician.pk},
    )
    assert assigned.status_code == 302
    client.force_login(technician)
    page = client.get(assigned.url)
    assert "Tomas Nguyen, deploying it" in text(page)
    deployed = client.post(
        step_url("deploy", request), {"status": "deploying", "deploy-notes": "On the desk."}
    )

    assert deployed.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.DEPLOYED
    page = client.get(deployed.url)
    assert all(step["state"] == "done" for step in page.context["steps"])
    assert "NE700001" in text(page)


def test_the_requester_withdraws_with_a_reason(client, district, people, catalogue, now):
    request = builders.ask(district, item=catalogue["camera"])
    client.force_login(people[Role.REQUESTER])

    refused = client.post(step_url("withdraw", request), {"status": "in_review"})
    assert (
        "reason" in dict((s, f) for s, _l, _s, f in refused.context["actions"])["withdraw"].errors
    )
    done = client.post(
        step_url("withdraw", request), {"status": "in_review", "withdraw-reason": "Got one."}
    )

    assert done.status_code == 302
    page = client.get(done.url)
    assert [step["state"] for step in page.context["steps"]][:2] == ["stopped", "skipped"]
    assert "withdrawn here" in text(page)


def test_the_form_waits_for_a_choice_before_flagging(client, people, catalogue):
    client.force_login(people[Role.REQUESTER])

    response = client.get(reverse("technology_new"))

    assert response.context["undecided"] is True
    assert response.context["off_standard"] is False
