"""Change control in a real browser. Every page is checked (axe-core, CSP, console). The
live server runs on real time, so dates are pinned relative to the test's own now."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from districtdesk.changes.models import (
    ChangeControlSettings,
    ChangeRequest,
    Meeting,
)
from districtdesk.changes.services import implementation, meetings, submission
from districtdesk.core.models import EnterpriseSystem, Role
from tests.cast import build_district
from tests.changes.builders import change_fields, linked_request
from tests.core.factories import TEST_PASSWORD, EnterpriseSystemFactory


def saturday_night(weeks_ahead: int) -> datetime:
    """20:00 on a Saturday a few weeks from now, on the district's wall clock: inside the
    weekend window, past the Saturday-noon boundary, with more than two weeks' notice."""
    today = timezone.localdate()
    saturday = today + timedelta(days=(5 - today.weekday()) % 7 + 7 * weeks_ahead)
    return timezone.make_aware(datetime.combine(saturday, datetime.min.time())) + timedelta(
        hours=20
    )


def a_submitted_change(district) -> ChangeRequest:
    lead = district.people[Role.TEAM_LEAD]
    start = saturday_night(3)
    fields = change_fields(district, planned_start=start, planned_end=start + timedelta(hours=2))
    change = submission.draft_change(actor=lead, **fields)
    return submission.submit_change(change, actor=lead)


def test_the_change_pages_pass_their_checks(page: Page, check_page, sign_in):
    district = build_district()
    change = a_submitted_change(district)
    coordinator = district.people[Role.CHANGE_COORDINATOR]
    meeting = meetings.prepare_meeting(actor=coordinator)
    sign_in(coordinator.username, TEST_PASSWORD)
    check_page("chg-home")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Changes").click()
    expect(page.get_by_role("heading", name="Changes", exact=True)).to_be_visible()
    check_page("chg-list")
    page.goto(f"/changes/{change.pk}/")
    expect(page.get_by_text("The Change Control committee, at the meeting.")).to_be_visible()
    check_page("chg-detail")
    for path, name in [
        ("/changes/new/", "chg-form"),
        ("/changes/meetings/", "chg-meetings"),
        (f"/changes/meetings/{meeting.pk}/", "chg-meeting"),
        (f"/changes/meetings/{meeting.pk}/agenda/", "chg-agenda"),
        ("/changes/calendar/", "chg-calendar"),
        ("/changes/calendar/?view=list", "chg-calendar-list"),
        ("/changes/calendar/subscribe/", "chg-subscribe"),
        ("/changes/reports/scheduled/", "chg-report"),
    ]:
        page.goto(path)
        check_page(name)


def test_the_form_flags_a_change_outside_the_window_as_it_is_typed(page: Page, check_page, sign_in):
    district = build_district()
    lead = district.people[Role.TEAM_LEAD]
    sign_in(lead.username, TEST_PASSWORD)
    check_page()
    page.goto("/changes/new/")
    check_page()
    # A Wednesday morning three weeks ahead: a school day, outside every window.
    start = saturday_night(3) - timedelta(days=3, hours=10)
    page.get_by_label("Planned start").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Planned end").fill((start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Affects user connectivity").check()
    page.get_by_label(EnterpriseSystem.objects.get().name).check()

    expect(page.locator("#change-flags")).to_contain_text("outside the maintenance windows")
    check_page("chg-form-flagged")


def test_the_change_pages_fit_a_phone(page: Page, check_page, sign_in):
    district = build_district()
    change = a_submitted_change(district)
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(district.people[Role.TECHNICIAN].username, TEST_PASSWORD)
    check_page()

    for path, name in [
        ("/changes/", "chg-phone-list"),
        (f"/changes/{change.pk}/", "chg-phone-detail"),
    ]:
        page.goto(path)
        check_page(name)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than a 320px screen"


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")


def take_step(page: Page, check_page, button: str, status: str, name: str) -> None:
    """Press a step's button on the change's page and wait for the change's new status."""
    page.get_by_role("group", name="Actions").get_by_role("button", name=button).click()
    status_card = page.get_by_role("region", name="Status", exact=True)
    expect(status_card.locator(".status")).to_have_text(status)
    check_page(name)


def test_a_firmware_upgrade_goes_from_the_form_to_closed(page: Page, check_page, sign_in):
    """Issue 4: the network manager's firmware upgrade, flagged outside the window and
    moved into it, is approved at Monday's meeting, carried out, reviewed and closed."""
    district = build_district()
    people = district.people
    network = EnterpriseSystemFactory(code="network-services", name="Network Services")
    request = linked_request(district)

    # The team lead writes the change; a Wednesday morning is outside every window
    sign_in(people[Role.TEAM_LEAD].username, TEST_PASSWORD)
    check_page()
    page.goto("/changes/new/")
    check_page("journey-form")
    page.get_by_label("Title").fill("Upgrade the Northeast Elementary core switch firmware")
    page.get_by_label("Category").select_option(label="OS or firmware upgrade")
    page.get_by_label(network.name).check()
    page.get_by_label("Campuses affected").select_option(label=str(district.north))
    page.get_by_label("Affects user connectivity").check()
    wednesday = saturday_night(3) - timedelta(days=3, hours=10)
    page.get_by_label("Planned start").fill(f"{wednesday:%Y-%m-%dT%H:%M}")
    page.get_by_label("Planned end").fill(f"{wednesday + timedelta(hours=2):%Y-%m-%dT%H:%M}")
    rules = page.get_by_role("region", name="What the rules say")
    expect(rules).to_contain_text("outside the maintenance windows")
    check_page("journey-form-outside-window")

    # …so it moves to Saturday night, inside the weekend window, and the flag goes
    saturday = saturday_night(3)
    page.get_by_label("Planned start").fill(f"{saturday:%Y-%m-%dT%H:%M}")
    page.get_by_label("Planned end").fill(f"{saturday + timedelta(hours=2):%Y-%m-%dT%H:%M}")
    expect(rules).to_contain_text("No flags")
    expect(rules).not_to_contain_text("outside the maintenance windows")
    fields = change_fields(district)
    for label, name in [
        ("Description", "description"),
        ("Reason for the change", "reason"),
        ("Risk and impact", "risk_and_impact"),
        ("Who is affected and how they were informed", "affected_users"),
        ("Implementation plan", "implementation_plan"),
        ("Back-out plan", "back_out_plan"),
        ("Test plan", "test_plan"),
    ]:
        page.get_by_label(label).fill(fields[name])
    page.get_by_label("Service request").fill(request.number)
    page.get_by_role("button", name="Submit the change").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("core switch firmware")
    check_page("journey-submitted")
    change = ChangeRequest.objects.get(title__contains="core switch firmware")
    assert change.status == ChangeRequest.Status.SUBMITTED
    assert change.planned_start == saturday
    sign_out(page)

    # The coordinator plans a meeting for now (a meeting opens no earlier than its grace
    # before its time), which puts the change on its agenda, and opens it
    sign_in(people[Role.CHANGE_COORDINATOR].username, TEST_PASSWORD)
    check_page()
    page.goto("/changes/meetings/")
    check_page("journey-meetings")
    held_at = timezone.localtime()
    page.get_by_label("When").fill(f"{held_at:%Y-%m-%dT%H:%M}")
    page.get_by_role("button", name="Plan the meeting and build its agenda").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{held_at:%H:%M}")
    decide = page.get_by_role("region", name="For decision")
    expect(decide.get_by_role("link", name=change.number)).to_be_visible()
    check_page("journey-agenda")
    page.get_by_role("button", name="Open the meeting").click()
    expect(page.get_by_role("button", name="Close the meeting")).to_be_visible()
    check_page("journey-meeting-open")
    meeting_url = page.url
    sign_out(page)

    # A committee member approves it at the meeting
    sign_in(people[Role.CHANGE_COMMITTEE].username, TEST_PASSWORD)
    check_page()
    page.goto(meeting_url)
    check_page("journey-meeting-committee")
    decision = page.get_by_role("form", name=f"Decision on {change.number}")
    decision.get_by_label("Approved").check()
    decision.get_by_label("Notes").fill("Approved; tell the school's office manager on Friday.")
    decision.get_by_role("button", name=f"Record the decision on {change.number}").click()
    expect(page.get_by_role("region", name="For decision")).to_contain_text("Approved")
    check_page("journey-approved")
    sign_out(page)

    # The coordinator records attendance and closes the meeting: the change may go ahead
    sign_in(people[Role.CHANGE_COORDINATOR].username, TEST_PASSWORD)
    check_page()
    page.goto(meeting_url)
    check_page("journey-meeting-to-close")
    page.get_by_label(str(people[Role.CHANGE_COMMITTEE])).check()
    page.get_by_label("Minutes", exact=True).fill(f"{change.number} approved.")
    page.get_by_role("button", name="Save attendance and minutes").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_page("journey-attendance")
    page.get_by_role("button", name="Close the meeting").click()
    expect(page.get_by_text("Closed", exact=True).first).to_be_visible()
    check_page("journey-meeting-closed")
    sign_out(page)

    # The team lead schedules it, carries it out and reviews it
    sign_in(people[Role.TEAM_LEAD].username, TEST_PASSWORD)
    check_page()
    page.goto(f"/changes/{change.pk}/")
    check_page("journey-eligible")
    take_step(
        page,
        check_page,
        "Schedule it and tell the affected campuses",
        "Scheduled",
        "journey-scheduled",
    )
    take_step(page, check_page, "Start implementing", "In progress", "journey-started")
    page.get_by_role("group", name="Actions").get_by_text("Complete", exact=True).click()
    page.get_by_label("Successful").check()
    take_step(page, check_page, "Record the outcome", "Completed", "journey-completed")
    page.get_by_role("group", name="Actions").get_by_text("Write the change review").click()
    page.get_by_label("What happened").fill("Upgraded in twenty minutes; every closet is back.")
    page.get_by_label("Impact on users").fill("None outside the announced window.")
    take_step(page, check_page, "Save the review", "Reviewed", "journey-reviewed")
    sign_out(page)

    # …and the coordinator closes it
    sign_in(people[Role.CHANGE_COORDINATOR].username, TEST_PASSWORD)
    check_page()
    page.goto(f"/changes/{change.pk}/")
    check_page("journey-to-close")
    take_step(page, check_page, "Close the change", "Closed", "journey-closed")
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.CLOSED
    assert change.outcome == ChangeRequest.Outcome.SUCCESSFUL
    assert change.review.reviewer == people[Role.TEAM_LEAD]


def last_wednesday_morning() -> datetime:
    """06:30 on the latest Wednesday whose morning is over, on the district's wall clock."""
    today = timezone.localdate()
    wednesday = today - timedelta(days=(today.weekday() - 2) % 7)
    start = timezone.make_aware(datetime.combine(wednesday, time(6, 30)))
    return start if start + timedelta(hours=3) < timezone.now() else start - timedelta(weeks=1)


def test_an_emergency_on_a_wednesday_is_reviewed_at_the_next_meeting(
    page: Page, check_page, sign_in
):
    district = build_district()
    lead, coordinator = district.people[Role.TEAM_LEAD], district.people[Role.CHANGE_COORDINATOR]
    # Wednesday morning the north campus switch failed: replaced at once, recorded as it ran
    start = last_wednesday_morning()
    fields = change_fields(
        district,
        title="Replace the failed north campus switch",
        change_type=ChangeRequest.Type.EMERGENCY,
        category=ChangeRequest.Category.EQUIPMENT,
        planned_start=start,
        planned_end=start + timedelta(hours=2),
    )
    change = submission.draft_change(actor=lead, now=start, **fields)
    submission.submit_change(change, actor=lead, now=start)
    implementation.start_change(change, actor=lead, now=start + timedelta(minutes=10))
    change = implementation.complete_change(
        change, actor=lead, outcome="successful", now=start + timedelta(hours=2)
    )

    sign_in(coordinator.username, TEST_PASSWORD)
    check_page()
    page.goto("/changes/meetings/")
    check_page("emergency-meetings")
    page.get_by_role("button", name="Plan the meeting and build its agenda").click()
    review = page.get_by_role("region", name="For review")
    expect(review.get_by_role("link", name=change.number)).to_be_visible()
    expect(page.get_by_role("region", name="For decision")).to_contain_text("Nothing.")
    check_page("emergency-agenda")
    meeting = Meeting.objects.get()
    assert meeting.scheduled_for > timezone.now() > change.completed_at
    assert timezone.localtime(change.completed_at).weekday() == 2

    review.get_by_role("link", name=change.number).click()
    meetings_on_page = page.get_by_role("region", name="At meetings")
    expect(meetings_on_page).to_contain_text("For review")
    check_page("emergency-change")


def test_the_committee_votes_with_a_quorum_before_it_decides(page: Page, check_page, sign_in):
    """Where the committee votes: no decision before the quorum, each member's vote swaps
    its item's tally in place, and then the decision is recorded."""
    ChangeControlSettings.objects.filter(pk=1).update(committee_votes=True, quorum=2)
    district = build_district()
    people = district.people
    change = a_submitted_change(district)
    coordinator, committee = people[Role.CHANGE_COORDINATOR], people[Role.CHANGE_COMMITTEE]
    meeting = meetings.prepare_meeting(actor=coordinator, scheduled_for=timezone.now())
    meetings.open_meeting(meeting, actor=coordinator)

    # Only the member is present: the page says there is no quorum, and a decision is refused
    meetings.record_attendance(meeting, actor=coordinator, attendees=[committee])
    sign_in(committee.username, TEST_PASSWORD)
    check_page()
    page.goto(f"/changes/meetings/{meeting.pk}/")
    expect(page.get_by_text("No quorum yet: no decision can be recorded.")).to_be_visible()
    check_page("votes-no-quorum")
    decision = page.get_by_role("form", name=f"Decision on {change.number}")
    decision.get_by_label("Approved").check()
    decision.get_by_role("button", name=f"Record the decision on {change.number}").click()
    expect(page.get_by_text("No quorum yet: 1 of the 2 members").first).to_be_visible()

    # The member votes; htmx swaps the item with its new tally
    vote = page.get_by_role("form", name=f"Vote on {change.number}")
    vote.get_by_label("Approve", exact=True).check()
    vote.get_by_role("button", name=f"Record the vote on {change.number}").click()
    expect(page.locator("#change-announcement")).to_contain_text(f"{change.number}: vote recorded.")
    tally = page.locator(f"#decide-{meeting.items.get().pk} .vote-tally")
    expect(tally).to_contain_text("Approve")
    check_page("votes-recorded")

    # With the coordinator present too, the quorum is met and the decision goes through
    meetings.record_attendance(meeting, actor=coordinator, attendees=[committee, coordinator])
    page.goto(f"/changes/meetings/{meeting.pk}/")
    expect(page.get_by_text("Quorum present: decisions may be recorded.")).to_be_visible()
    decision = page.get_by_role("form", name=f"Decision on {change.number}")
    decision.get_by_label("Approved").check()
    decision.get_by_role("button", name=f"Record the decision on {change.number}").click()
    expect(page.get_by_role("region", name="For decision")).to_contain_text("Approved")
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED
