"""A request's life against the SLA chart: intake, categorisation, acknowledgement, waits,
resolution, reopening — each target's clock checked at pinned times."""

from datetime import date, timedelta

import pytest

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.service_requests.models import ServiceRequest, Target
from districtdesk.service_requests.services import working
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db
Status = ServiceRequest.Status


def targets(request: ServiceRequest) -> dict[str, Target]:
    return {target.kind: target for target in request.targets.all()}


def test_a_portal_request_waits_to_be_categorised_within_two_business_hours(people):
    # When a teacher submits at 15:30 on Tuesday 2 February 2027
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 15, 30))

    # Then it is new, numbered, and due to be categorised at 8:30 the next morning
    request.refresh_from_db()
    assert request.status == Status.NEW
    assert request.number == f"SR-{request.pk:06d}"
    assert request.due_at == local(2027, 2, 3, 8, 30)
    assert targets(request)["categorise"].explanation["text"].endswith("due Wed 8:30")
    assert Event.objects.for_subject(request).get().code == "request.submitted"


def test_a_phone_request_is_categorised_on_entry_by_the_analyst(people, district):
    # When an analyst takes a call from the teacher and enters it as Break Fix, Instructional
    request = submit(
        people[Role.REQUESTER],
        actor=people[Role.CCC_ANALYST],
        channel=ServiceRequest.Channel.PHONE,
        category=priority("1.3").category,
        priority=priority("1.3"),
        now=local(2027, 2, 2, 9, 0),
    )

    # Then it is routed to the campus technicians, the categorise target is met at once,
    # and it is due three business days later
    request.refresh_from_db()
    clocks = targets(request)
    assert request.status == Status.OPEN
    assert request.entered_by == people[Role.CCC_ANALYST]
    assert request.team == district.campus_team
    assert clocks["categorise"].completed_at == local(2027, 2, 2, 9, 0)
    assert clocks["acknowledge"].due_at == local(2027, 2, 3, 9, 0)
    assert clocks["resolve"].due_at == local(2027, 2, 5, 9, 0)
    assert request.due_at == local(2027, 2, 3, 9, 0)  # the next promise: acknowledgement


def test_a_phone_request_without_a_priority_is_refused_and_nothing_is_stored(people):
    with pytest.raises(DomainError) as refused:
        submit(
            people[Role.REQUESTER],
            actor=people[Role.CCC_ANALYST],
            channel=ServiceRequest.Channel.PHONE,
            now=local(2027, 2, 2, 9, 0),
        )

    assert refused.value.code == "phone_needs_category"
    assert not ServiceRequest.objects.exists()
    assert not Event.objects.exists()


def test_a_requester_cannot_enter_a_request_for_someone_else(people):
    with pytest.raises(DomainError) as refused:
        submit(
            people[Role.PRINCIPAL],
            actor=people[Role.REQUESTER],
            now=local(2027, 2, 2, 9, 0),
        )

    assert refused.value.field == "requester"


def test_a_room_from_another_campus_is_refused_on_the_room_field(people, district):
    with pytest.raises(DomainError) as refused:
        submit(
            people[Role.REQUESTER],
            room=district.south.rooms.first(),
            now=local(2027, 2, 2, 9, 0),
        )

    assert (refused.value.code, refused.value.field) == ("room_not_at_campus", "room")


def test_waiting_on_a_vendor_stops_the_clock_and_resuming_moves_the_due_time(people):
    # Given a categorised, acknowledged request due Friday 5 February at 9:00
    technician = people[Role.TECHNICIAN]
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
        now=local(2027, 2, 2, 10, 0),
    )
    working.acknowledge_request(request, actor=technician, now=local(2027, 2, 2, 10, 30))

    # When it waits on a vendor from Wednesday 9:00 to Thursday 9:00
    working.wait_on(
        request,
        actor=technician,
        waiting_on="vendor",
        reason="Replacement lamp ordered",
        now=local(2027, 2, 3, 9, 0),
    )
    request.refresh_from_db()
    waiting = targets(request)["resolve"]

    # Then the clock is stopped: no due time while waiting
    assert request.status == Status.WAITING
    assert waiting.due_at is None
    assert waiting.explanation["paused_since"] == local(2027, 2, 3, 9, 0).isoformat()

    # When work resumes, the 9 working hours spent waiting move the due time
    working.resume_request(request, actor=technician, now=local(2027, 2, 4, 9, 0))
    request.refresh_from_db()
    resumed = targets(request)["resolve"]
    assert request.status == Status.IN_PROGRESS
    assert resumed.due_at == local(2027, 2, 8, 9, 0)
    assert resumed.explanation["paused_seconds"] == 9 * 3600
    assert request.due_at == local(2027, 2, 8, 9, 0)


def test_changing_priority_mid_flight_recomputes_from_submission_and_keeps_the_reason(people):
    # Given an Instructional request submitted Tuesday 9:00
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
        now=local(2027, 2, 2, 9, 30),
    )

    # When a technician finds the whole campus offline and makes it an Emergency
    working.recategorise_request(
        request,
        actor=people[Role.TECHNICIAN],
        category=priority("1.1").category,
        priority=priority("1.1"),
        reason="The whole campus is offline",
    )

    # Then it is due 4 hours around the clock after submission, and the timeline says why
    request.refresh_from_db()
    resolve = targets(request)["resolve"]
    assert resolve.due_at == local(2027, 2, 2, 13, 0)
    assert resolve.explanation["around_the_clock"] is True
    event = Event.objects.for_subject(request).get(code="request.recategorised")
    assert event.params["reason"] == "The whole campus is offline"
    assert event.actor == people[Role.TECHNICIAN]


def test_resolving_meets_the_targets_and_reopening_restarts_the_resolve_clock(people):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
        now=local(2027, 2, 2, 9, 30),
    )

    working.resolve_request(
        request,
        actor=people[Role.TECHNICIAN],
        resolution="Replaced the HDMI cable",
        now=local(2027, 2, 3, 11, 0),
    )
    request.refresh_from_db()
    assert request.status == Status.RESOLVED
    assert all(target.completed_at is not None for target in request.targets.all())
    assert request.due_at is None

    working.reopen_request(request, actor=people[Role.REQUESTER], reason="Still no picture")
    request.refresh_from_db()
    assert request.status == Status.IN_PROGRESS
    assert targets(request)["resolve"].completed_at is None
    assert request.due_at == local(2027, 2, 5, 9, 0)


def test_a_resolution_needs_words_for_the_requester(people):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
    )

    with pytest.raises(DomainError) as refused:
        working.resolve_request(request, actor=people[Role.TECHNICIAN], resolution="  ")

    assert refused.value.field == "resolution"
    request.refresh_from_db()
    assert request.status == Status.OPEN


@pytest.mark.parametrize("step", ["acknowledge", "resume", "reopen", "close"])
def test_steps_that_do_not_fit_the_status_are_refused(people, step):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))
    actor = people[Role.TECHNICIAN]
    calls = {
        "acknowledge": lambda: working.acknowledge_request(request, actor=actor),
        "resume": lambda: working.resume_request(request, actor=actor),
        "reopen": lambda: working.reopen_request(request, actor=actor, reason="x"),
        "close": lambda: working.close_request(request, actor=actor),
    }

    with pytest.raises(DomainError) as refused:
        calls[step]()

    assert refused.value.code == f"cannot_{step}"
    assert "Awaiting categorisation" in refused.value.message


def test_a_requester_cannot_work_their_own_request(people):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))

    with pytest.raises(DomainError) as refused:
        working.categorise_request(
            request,
            actor=people[Role.REQUESTER],
            category=priority("1.3").category,
            priority=priority("1.3"),
        )

    assert refused.value.code == "not_allowed"


def test_work_notes_are_for_staff_and_replies_for_everyone_on_the_request(people):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))

    with pytest.raises(DomainError):
        working.add_note(
            request, actor=people[Role.REQUESTER], body="secret", visibility="work_note"
        )
    reply = working.add_note(
        request, actor=people[Role.REQUESTER], body="It also beeps.", visibility="reply"
    )
    note = working.add_note(
        request, actor=people[Role.CCC_ANALYST], body="Lamp hours high", visibility="work_note"
    )

    assert [n.pk for n in request.notes.all()] == [reply.pk, note.pk]


def test_a_snow_day_added_after_the_fact_moves_open_due_times_and_says_why(people, district):
    # Given a request due Friday 5 February 9:00
    from districtdesk.core.models import BusinessCalendar
    from districtdesk.core.services import add_closure

    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))
    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
        now=local(2027, 2, 2, 9, 30),
    )
    working.acknowledge_request(request, actor=people[Role.TECHNICIAN])

    # When the district closes for snow on Thursday 4 February
    add_closure(
        BusinessCalendar.objects.get(is_default=True),
        actor=people[Role.SYSTEM_ADMIN],
        name="Snow day",
        kind="emergency",
        first_day=local(2027, 2, 4).date(),
        last_day=local(2027, 2, 4).date(),
    )

    # Then the request is due on Monday instead, and its timeline and explanation say why
    request.refresh_from_db()
    assert request.due_at == local(2027, 2, 8, 9, 0)
    moved = Event.objects.for_subject(request).get(code="request.due_moved")
    assert moved.params["closure"] == "Snow day"
    resolve = targets(request)["resolve"]
    assert "'Snow day'" in resolve.explanation["text"]
    assert resolve.recomputed_because == "calendar.closure_added"


def test_a_priority_without_an_sla_has_no_resolve_deadline(people):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))

    working.categorise_request(
        request,
        actor=people[Role.CCC_ANALYST],
        category=priority("5.3").category,
        priority=priority("5.3"),
        planned_completion=date(2027, 3, 1),
        now=local(2027, 2, 2, 9, 30),
    )

    resolve = targets(request)["resolve"]
    assert resolve.due_at is None
    assert resolve.explanation == {}
    request.refresh_from_db()
    assert request.due_at == local(2027, 2, 2, 9, 30) + timedelta(days=1)


def test_a_waiting_priority_is_refused_in_favour_of_the_wait_step(people):
    request = submit(people[Role.REQUESTER], now=local(2027, 2, 2, 9, 0))

    with pytest.raises(DomainError) as refused:
        working.categorise_request(
            request,
            actor=people[Role.CCC_ANALYST],
            category=priority("1.5").category,
            priority=priority("1.5"),
        )

    assert (refused.value.code, refused.value.field) == ("waiting_priority", "priority")
