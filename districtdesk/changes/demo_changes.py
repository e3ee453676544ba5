"""Demo change control: about three months of changes and weekly meetings, played through
the same services as real work, in time order, so every status, flag, agenda, decision and
timeline entry is genuine. Deterministic for a seed and a `now`.

The story, around `now`: nine Monday meetings in the past, each held and closed with its
attendance, minutes and decisions, and the next one planned with the changes submitted
since. Scheduled changes go from submission to their meeting and on through scheduling,
implementation and review; a few emergencies are implemented mid-week and reviewed at the
next meeting; informational changes are recorded. Whatever falls after `now` does not
happen, so the changes of the last weeks are caught part-way, in every status.
"""

import random
from datetime import datetime, timedelta

from django.db import transaction

from districtdesk.changes.demo_catalogue import EMERGENCY, INFORMATIONAL, SCHEDULED, ChangeSpec
from districtdesk.changes.demo_timeline import Demo, Story
from districtdesk.changes.models import BlackoutPeriod, ChangeRequest, StandardOperatingProcedure
from districtdesk.core.models import EnterpriseSystem

Status, Type = ChangeRequest.Status, ChangeRequest.Type
Reason = ChangeRequest.DenialReason
# The offsets (days after the deciding meeting) and local start hours of planned changes:
# Saturday and Sunday, or a weekday night, all inside the default maintenance windows and
# past the Saturday-noon boundary with at least two weeks' notice.
SLOTS = ((12, 20), (13, 6), (15, 20), (16, 20), (17, 20), (19, 20))
DENIALS = (
    (Reason.INADEQUATE_BACK_OUT, "Restoring the snapshot is not a back-out plan for the data."),
    (Reason.TIMING, "It would run during report-card printing; pick a later weekend."),
    (Reason.RESOURCES, "The vendor engineer is not available that night."),
)
APPROVE = ("approve", "", "Approved as planned.")
# The SOPs of the Change Control Reports: (title, system code, steps, days since reviewed).
PROCEDURES = (
    (
        "Core switch firmware upgrade",
        "network-services",
        "1. Stage the image on flash and verify its checksum.\n2. Save the running "
        "configuration.\n3. Reload in the window; check every uplink and closet switch.\n"
        "4. Back out by booting the previous image.",
        40,
    ),
    (
        "Infinite Campus patch and test",
        "infinite-campus",
        "1. Apply the vendor patch to the test site first.\n2. Run the attendance and "
        "grade-book checks.\n3. Patch production in the weekend window; repeat the checks.",
        95,
    ),
    (
        "Lawson service pack",
        "lawson",
        "1. Snapshot the application and database servers.\n2. Apply the service pack.\n"
        "3. Run a test payroll with the business office before Monday.",
        200,
    ),
    (
        "Kronos pay-code changes",
        "kronos",
        "1. Agree the codes with payroll in writing.\n2. Change them outside payroll "
        "processing.\n3. Check a sample of time cards the next morning.",
        30,
    ),
)


@transaction.atomic
def load_demo_changes(*, seed: int, now: datetime) -> dict[str, int]:
    """Play the demo's changes and meetings up to `now`; returns the count per status."""
    demo = Demo(random.Random(seed), now)  # noqa: S311 - not for secrets
    demo.plan_meetings()
    _plan_past_weeks(demo)
    _plan_since_last_meeting(demo)
    demo.run()
    _record_procedures(demo)
    counts: dict[str, int] = {}
    for status in ChangeRequest.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _submitted_before(demo: Demo, meeting: datetime) -> datetime:
    """In office hours, Tuesday to Friday of the week before the meeting."""
    return demo.local(meeting, -demo.rng.randint(3, 6), demo.rng.randint(8, 15), 15)


def _scheduled(demo: Demo, meeting: datetime, decided: list, **kw) -> Story:
    spec = kw.pop("spec", None) or demo.pick_spec(SCHEDULED)
    offset, hour = demo.rng.choice(SLOTS)
    start = kw.pop("start", None) or demo.local(meeting, offset, hour)
    end = kw.pop("end", None) or start + timedelta(hours=min(spec.hours, 7))
    submitted = kw.pop("submitted") if "submitted" in kw else _submitted_before(demo, meeting)
    return demo.story(
        spec, Type.SCHEDULED, submitted, start=start, end=end, decisions=decided, **kw
    )


def _emergency(demo: Demo, spec: ChangeSpec, submitted: datetime, end: datetime, **kw) -> Story:
    return demo.story(spec, Type.EMERGENCY, submitted, start=submitted, end=end, **kw)


def _informational(demo: Demo, spec: ChangeSpec, submitted: datetime, start: datetime, **kw):
    end = start + timedelta(hours=spec.hours)
    return demo.story(spec, Type.INFORMATIONAL, submitted, start=start, end=end, **kw)


def _plan_past_weeks(demo: Demo) -> None:
    """Three or four changes decided at each meeting held, and the week's emergencies."""
    held, rng = demo.meetings[:-1], demo.rng
    defer = ("defer", "", "Deferred: the back-out plan must say how long a restore takes.")
    outcomes = {1: ChangeRequest.Outcome.BACKED_OUT, 4: ChangeRequest.Outcome.POSTPONED}
    for week, meeting in enumerate(held[:-1]):
        _scheduled(demo, meeting, [APPROVE], outcome=outcomes.get(week, "successful"))
        if week in (2, 5):
            _scheduled(demo, meeting, [defer, APPROVE])
        elif week == 6:
            # Short notice for the Saturday after the meeting, accepted by the coordinator.
            _scheduled(
                demo,
                meeting,
                [APPROVE],
                start=demo.local(meeting, 5, 20),
                submitted=demo.local(meeting, -4, 9, 30),
                override="The vendor's fix must be in before state testing starts.",
            )
        else:
            _scheduled(demo, meeting, [APPROVE])
        if week in (1, 4, 7):
            reason, notes = DENIALS[(week - 1) // 3]
            _scheduled(demo, meeting, [("deny", reason, notes)])
        elif week == 3:
            # A weekday afternoon, outside the windows, approved because the vendor is there.
            spec = demo.pick_spec(SCHEDULED, "Renew the Google Workspace")
            start = demo.local(meeting, 16, 14)
            note = "Approved outside the window: the vendor's engineer is only there by day."
            _scheduled(demo, meeting, [("approve", "", note)], spec=spec, start=start)
        else:
            _scheduled(demo, meeting, [APPROVE])
        if week in (1, 4, 7):
            # Mid-week emergencies, reviewed at the next meeting.
            spec = demo.pick_spec(EMERGENCY)
            submitted = demo.local(meeting, -5, 7, rng.choice((5, 10, 40)))
            _emergency(demo, spec, submitted, submitted + timedelta(hours=spec.hours))
        if week in (1, 5):
            spec = demo.pick_spec(INFORMATIONAL)
            _informational(demo, spec, demo.local(meeting, -4, 10), demo.local(meeting, 3, 22))
    _plan_recent(demo, held[-3], held[-1])


def _plan_recent(demo: Demo, three_back: datetime, last: datetime) -> None:
    """Changes caught part-way: running now, just finished, reviewed but not yet closed,
    and the last meeting's decisions not yet acted on."""
    now = demo.now.replace(second=0, microsecond=0)
    hvac = demo.pick_spec(SCHEDULED, "Replace the HVAC controller")
    start = now.replace(minute=0) - timedelta(hours=20)
    _scheduled(
        demo,
        three_back,
        [APPROVE],
        spec=hvac,
        start=start,
        end=start + timedelta(days=3),
        stop=Status.IN_PROGRESS,
    )
    canvas = demo.pick_spec(SCHEDULED, "Upgrade Canvas integrations")
    end = now - timedelta(minutes=15)
    _scheduled(
        demo,
        three_back,
        [APPROVE],
        spec=canvas,
        start=end - timedelta(hours=3),
        end=end,
        stop=Status.COMPLETED,
    )
    _scheduled(
        demo, three_back, [APPROVE], start=demo.local(three_back, 12, 20), stop=Status.REVIEWED
    )
    _scheduled(demo, last, [APPROVE], stop=Status.APPROVED)
    _scheduled(demo, last, [APPROVE], stop=Status.SCHEDULED)
    reason, notes = DENIALS[1]
    _scheduled(demo, last, [("deny", reason, notes)])
    # Planned in payroll processing: deferred until its submitter finds another night.
    payroll = demo.local(last, 17, 0)
    BlackoutPeriod.objects.create(
        name="Payroll processing",
        kind=BlackoutPeriod.Kind.PAYROLL,
        first_day=payroll.date(),
        last_day=payroll.date() + timedelta(days=1),
    )
    note = "Deferred: it runs during payroll processing. Choose another night."
    _scheduled(
        demo, last, [("defer", "", note)], start=demo.local(last, 17, 20), stop=Status.DEFERRED
    )


def _plan_since_last_meeting(demo: Demo) -> None:
    """What came in after the last meeting closed: the next meeting's agenda so far,
    changes still waiting for the coordinator, drafts and this week's emergencies."""
    last, upcoming = demo.meetings[-2], demo.meetings[-1]
    after = last + timedelta(hours=1, minutes=5)

    def moment(share: float) -> datetime:
        return demo.between(after, share)

    patch = demo.pick_spec(SCHEDULED, "Apply the quarterly Infinite Campus")
    night = demo.local(upcoming, 19, 20)
    for share, spec in ((0.1, patch), (0.2, demo.pick_spec(SCHEDULED, "Upgrade Canvas"))):
        # The same Saturday night on Infinite Campus: the second overlaps the first.
        submitted = moment(share)
        _scheduled(
            demo,
            upcoming,
            [],
            spec=spec,
            start=night,
            submitted=submitted,
            place_at=demo.between(submitted, 0.5),
            stop=Status.ON_AGENDA,
        )
    submitted = moment(0.3)
    switch = demo.pick_spec(SCHEDULED, "Upgrade core switch firmware")
    _scheduled(
        demo,
        upcoming,
        [],
        spec=switch,
        start=demo.local(upcoming, 5, 20),
        submitted=submitted,
        place_at=demo.between(submitted, 0.5),
        stop=Status.ON_AGENDA,
        override="The switch drops packets under load; it cannot wait two more weeks.",
    )
    lawson = demo.pick_spec(SCHEDULED, "Upgrade Lawson")
    _scheduled(
        demo,
        upcoming,
        [],
        spec=lawson,
        start=demo.local(upcoming, 26, 8),
        submitted=moment(0.7),
        stop=Status.SUBMITTED,
    )
    for share in (0.5, 0.8):
        _scheduled(demo, upcoming, [], submitted=None, drafted_at=moment(share), stop=Status.DRAFT)
    record = demo.pick_spec(INFORMATIONAL)
    submitted = moment(0.25)
    _informational(
        demo,
        record,
        submitted,
        demo.local(upcoming, 3, 22),
        place_at=demo.between(submitted, 0.6),
        stop=Status.SCHEDULED,
    )
    fixed = demo.pick_spec(EMERGENCY, "Reboot the Lawson")
    submitted = moment(0.2)
    _emergency(demo, fixed, submitted, demo.between(submitted, 0.6), stop=Status.COMPLETED)
    fiber = demo.pick_spec(EMERGENCY, "Restore the fiber link")
    _emergency(demo, fiber, moment(0.6), demo.now + timedelta(hours=4), stop=Status.IN_PROGRESS)


def _record_procedures(demo: Demo) -> None:
    """The district's SOPs (reference data, kept in the admin), each linked to the changes
    made on its system."""
    systems = EnterpriseSystem.objects.in_bulk(
        [code for _title, code, _steps, _days in PROCEDURES], field_name="code"
    )
    for title, code, steps, days in PROCEDURES:
        system = systems.get(code)
        procedure = StandardOperatingProcedure.objects.create(
            title=title,
            system=system,
            text=steps,
            owner=demo.coordinator,
            last_reviewed=(demo.now - timedelta(days=days)).date(),
        )
        if system is not None:
            procedure.changes.set(
                ChangeRequest.objects.filter(systems=system).exclude(status=Status.DRAFT)[:5]
            )
