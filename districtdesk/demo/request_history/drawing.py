"""One chunk of history, request by request: each life drawn step by step, its rows as
the services would leave them."""

import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate

from districtdesk import sla
from districtdesk.demo.request_history.plan import HistoryPlan
from districtdesk.service_requests.clock import (
    ACKNOWLEDGE_WITHIN,
    CATEGORISE_WITHIN,
    serialise,
)
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.sla.arithmetic import due_in_utc

CHANNELS = [("portal", 55), ("email", 20), ("phone", 20), ("api", 5)]
# How often each promise is kept: the shape of a department that mostly meets its chart.
MET_SHARE = {"categorise": 0.93, "acknowledge": 0.95, "resolve": 0.87}
WAIT_SHARE = 0.12
VENDOR_SHARE_OF_WAITS = 0.6
# Resolved requests close (by the requester or after a quiet week) a few days later.
CLOSE_AFTER = (timedelta(hours=4), timedelta(days=7))
RESOLUTIONS = [
    "Replaced the cable and tested with the teacher.",
    "Reset the account and confirmed the sign-in.",
    "Reimaged the device and returned it to the classroom.",
    "Vendor replaced the part under warranty.",
    "Adjusted the configuration; working as expected.",
]
WAIT_REASONS = {
    "vendor": ["Part ordered from the vendor", "Vendor repair under warranty"],
    "district": ["Waiting on the principal's approval", "Waiting for the teacher to be available"],
}


@dataclass
class Drawn:
    """One chunk's rows, column by column as the *_COLUMNS name them, and what became of
    its requests."""

    requests: list[tuple] = field(default_factory=list)
    targets: list[tuple] = field(default_factory=list)
    waits: list[tuple] = field(default_factory=list)
    by_status: dict[str, int] = field(default_factory=dict)


REQUEST_COLUMNS = (
    "id",
    "channel",
    "requester_id",
    "entered_by_id",
    "summary",
    "description",
    "impact",
    "urgency",
    "requirements",
    "campus_id",
    "asset_tag",
    "category_id",
    "priority_id",
    "team_id",
    "assignee_id",
    "status",
    "waiting_on",
    "resolution",
    "submitted_at",
    "categorised_at",
    "acknowledged_at",
    "resolved_at",
    "closed_at",
    "due_at",
    "worked_ahead_reason",
    "queue_rank",
)
TARGET_COLUMNS = (
    "request_id",
    "kind",
    "calendar_id",
    "started_at",
    "sla_hours",
    "sla_days",
    "due_at",
    "completed_at",
    "explanation",
    "recomputed_because",
)
WAIT_COLUMNS = (
    "request_id",
    "waiting_on",
    "reason",
    "started_at",
    "ended_at",
    "started_by_id",
    "ended_by_id",
)


def _when(
    rng: random.Random, start: datetime, due: datetime | None, met: bool, ceiling: timedelta
) -> datetime:
    """When a step happened: before the due time if the promise was met, after it if not."""
    if due is None:
        return start + ceiling * rng.random() ** 2
    if met:
        return start + (due - start) * (0.05 + 0.9 * rng.random())
    return due + (ceiling * 0.5) * (0.02 + rng.random())


def _due(calendar: sla.BusinessCalendar, start: datetime, duration, pauses=()) -> datetime | None:
    return due_in_utc(calendar, start, duration, tuple(pauses))


def draw_chunk(plan: HistoryPlan, offset: int, count: int) -> Drawn:
    rng = random.Random(plan.seed * 1_000_003 + offset)  # noqa: S311 - demo data, not secrets
    default = plan.calendars[plan.default_calendar_id]
    # Cumulative weights once, not on every draw.
    priority_weights = list(accumulate(shape.weight for shape in plan.priorities))
    channels, weights = zip(*CHANNELS, strict=True)
    channel_weights = list(accumulate(weights))
    drawn = Drawn()
    by_status = drawn.by_status
    now = plan.now
    for number in range(count):
        request_id = plan.first_id + offset + number
        requester, campus = rng.choice(plan.requesters)
        shape = rng.choices(plan.priorities, cum_weights=priority_weights)[0]
        channel = rng.choices(channels, cum_weights=channel_weights)[0]
        submitted = datetime.fromtimestamp(plan.submitted[offset + number], UTC)
        entered_by = (
            rng.choice(plan.analysts) if channel == "phone" and plan.analysts else requester
        )
        team = shape.team_id or plan.campus_team.get(campus)
        people = plan.members.get(team, [])
        assignee = rng.choice(people) if people else None
        analyst = rng.choice(plan.analysts) if plan.analysts else assignee

        categorise_due = _due(default, submitted, CATEGORISE_WITHIN)
        categorised = _when(
            rng,
            submitted,
            categorise_due,
            rng.random() < MET_SHARE["categorise"],
            timedelta(hours=6),
        )
        status = "new"
        acknowledge_due = resolve_due = acknowledged = resolved = closed = None
        wait: tuple[str, datetime, datetime | None] | None = None
        if categorised <= now:
            status = "open"
            acknowledge_due = _due(default, categorised, ACKNOWLEDGE_WITHIN)
            acknowledged = _when(
                rng,
                categorised,
                acknowledge_due,
                rng.random() < MET_SHARE["acknowledge"],
                timedelta(days=3),
            )
            resolve_calendar = plan.calendars[shape.calendar_id]
            resolve_met = rng.random() < MET_SHARE["resolve"]
            pauses: list[sla.Pause] = []
            if rng.random() < WAIT_SHARE:
                waiting_on = "vendor" if rng.random() < VENDOR_SHARE_OF_WAITS else "district"
                wait_start = acknowledged + timedelta(hours=rng.uniform(1, 30))
                wait_end = wait_start + timedelta(hours=rng.uniform(4, 24 * 12))
                if wait_start <= now:
                    ended = wait_end if wait_end <= now else None
                    wait = (waiting_on, wait_start, ended)
                    pauses.append(sla.Pause(wait_start, ended))
            if shape.duration is not None:
                resolve_due = _due(resolve_calendar, submitted, shape.duration, pauses)
            base = wait[2] if wait and wait[2] else acknowledged
            if resolve_due is not None and wait and wait[2] and resolve_met:
                # A met request resolves after its wait and before the pushed-back due time.
                resolved = base + max(resolve_due - base, timedelta(minutes=5)) * (
                    0.1 + 0.8 * rng.random()
                )
            else:
                resolved = _when(rng, submitted, resolve_due, resolve_met, timedelta(days=10))
                if wait and wait[2]:
                    resolved = max(resolved, wait[2] + timedelta(minutes=30))
            resolved = max(resolved, acknowledged + timedelta(minutes=10))
            if acknowledged <= now:
                status = "in_progress"
            else:
                acknowledged = None
            if wait and wait[2] is None:
                status, resolved = "waiting", None
            elif resolved is not None and resolved <= now and acknowledged is not None:
                status = "resolved"
                closed = (
                    resolved + CLOSE_AFTER[0] + (CLOSE_AFTER[1] - CLOSE_AFTER[0]) * (rng.random())
                )
                if closed <= now:
                    status = "closed"
                else:
                    closed = None
            else:
                resolved = None
            if wait and acknowledged is None:
                wait = None  # nobody had picked it up to put it on hold
                if status == "waiting":
                    status = "open"
        else:
            categorised = None
        by_status[status] = by_status.get(status, 0) + 1

        open_dues = [
            due
            for due, done in (
                (categorise_due, categorised),
                (acknowledge_due, acknowledged),
                (resolve_due if status != "waiting" else None, resolved),
            )
            if due is not None and done is None
        ]
        summary = rng.choice(shape.summaries)
        drawn.requests.append(
            (
                request_id,
                channel,
                requester,
                entered_by,
                summary,
                summary + ".",
                "Reported through the help desk.",
                "",
                "",
                campus,
                "",
                None if categorised is None else shape.category_id,
                None if categorised is None else shape.pk,
                None if categorised is None else team,
                None if categorised is None else assignee,
                status,
                wait[0] if status == "waiting" and wait else "",
                rng.choice(RESOLUTIONS) if resolved else "",
                submitted,
                categorised,
                acknowledged,
                resolved,
                closed,
                min(open_dues) if open_dues and status not in ("resolved", "closed") else None,
                "",
                int(ServiceRequest.QueueRank.BY_DUE_TIME),
            )
        )
        is_open = status not in ("resolved", "closed")
        _target(
            drawn.targets,
            request_id,
            "categorise",
            plan.default_calendar_id,
            default,
            submitted,
            CATEGORISE_WITHIN,
            categorise_due,
            categorised,
            explain=categorised is None,
        )
        if categorised is not None:
            _target(
                drawn.targets,
                request_id,
                "acknowledge",
                plan.default_calendar_id,
                default,
                categorised,
                ACKNOWLEDGE_WITHIN,
                acknowledge_due,
                acknowledged or resolved,
                explain=is_open and acknowledged is None,
            )
            _target(
                drawn.targets,
                request_id,
                "resolve",
                shape.calendar_id,
                plan.calendars[shape.calendar_id],
                submitted,
                shape.duration,
                None if status == "waiting" else resolve_due,
                resolved,
                explain=is_open,
                pauses=[sla.Pause(wait[1], wait[2])] if wait else [],
            )
        if wait:
            drawn.waits.append(
                (
                    request_id,
                    wait[0],
                    rng.choice(WAIT_REASONS[wait[0]]),
                    wait[1],
                    wait[2],
                    assignee or analyst,
                    (assignee or analyst) if wait[2] else None,
                )
            )
    return drawn


def _target(
    rows: list[tuple],
    request_id: int,
    kind: str,
    calendar_id: int,
    calendar: sla.BusinessCalendar,
    started: datetime,
    duration: sla.BusinessDuration | None,
    due: datetime | None,
    completed: datetime | None,
    *,
    explain: bool,
    pauses: list[sla.Pause] | None = None,
) -> None:
    explanation = "{}"
    if explain and duration is not None:
        # Running clocks are what people open; history keeps its due time without the prose.
        explanation = json.dumps(
            serialise(sla.explain_due(calendar, started, duration, pauses or ()))
        )
    rows.append(
        (
            request_id,
            kind,
            calendar_id,
            started,
            duration.amount if duration and not duration.is_days else None,
            duration.amount if duration and duration.is_days else None,
            due,
            completed,
            explanation,
            "history",
        )
    )
