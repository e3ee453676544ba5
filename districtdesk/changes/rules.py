"""The rules a change is checked against, as plain functions of plain values.

Nothing here reads the database or the clock: callers pass the district's settings,
windows and blackouts, the other changes on the calendar, and `now`. Each rule answers
with flags; a flag is a stable code with its facts, and its reason is rendered when shown.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

SCHEDULED, EMERGENCY, INFORMATIONAL = "scheduled", "emergency", "informational"
SATURDAY = 5
NOON = time(12, 0)
# Bounds on planned times that keep the calendar arithmetic finite and meaningful.
MAX_DURATION = timedelta(days=31)
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Policy:
    """The district's settings that the rules read."""

    timezone: ZoneInfo
    uses_meeting: bool = True
    meeting_weekday: int = 0  # Monday
    meeting_time: time = time(13, 0)
    lead_time_days: int = 14


@dataclass(frozen=True)
class WeeklyWindow:
    weekday: int
    starts_at: time
    ends_at: time
    ends_next_day: bool = False


@dataclass(frozen=True)
class Blackout:
    name: str
    kind: str
    first_day: date
    last_day: date


@dataclass(frozen=True)
class PlannedChange:
    change_type: str
    planned_start: datetime
    planned_end: datetime
    affects_connectivity: bool = False
    system_ids: frozenset[int] = frozenset()
    campus_ids: frozenset[int] = frozenset()
    number: str = ""


@dataclass(frozen=True)
class Flag:
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def reason(self) -> str:
        return str(REASONS[self.code]) % self.params


REASONS = {
    "short_lead_time": _(
        "Submitted %(days)s day(s) before it starts; scheduled changes need %(required)s days' "
        "notice, or the coordinator's override."
    ),
    "needs_emergency": _(
        "It starts before noon on Saturday %(boundary)s, the Saturday after the meeting of "
        "%(meeting)s where it is first discussed: that makes it an emergency change."
    ),
    "outside_window": _("It affects user connectivity but runs outside the maintenance windows."),
    "in_blackout": _("It runs during the blackout “%(name)s” (%(first_day)s – %(last_day)s)."),
    "overlaps_change": _("It overlaps %(number)s on the same %(shared)s (%(start)s – %(end)s)."),
}


def _local(moment: datetime, policy: Policy) -> datetime:
    return moment.astimezone(policy.timezone)


def next_meeting_at(now: datetime, policy: Policy) -> datetime:
    """The first meeting starting at or after `now`, on the district's wall clock."""
    local_now = _local(now, policy)
    days_ahead = (policy.meeting_weekday - local_now.weekday()) % 7
    day = local_now.date() + timedelta(days=days_ahead)
    meeting = datetime.combine(day, policy.meeting_time, tzinfo=policy.timezone)
    if meeting < local_now:
        meeting = datetime.combine(
            day + timedelta(days=7), policy.meeting_time, tzinfo=policy.timezone
        )
    return meeting


def emergency_boundary(meeting_at: datetime, policy: Policy) -> datetime:
    """Noon on the Saturday after the meeting where a change is first discussed (seed 000).
    A change acting before it is an emergency; after it, a scheduled change."""
    meeting_day = _local(meeting_at, policy).date()
    days_ahead = (SATURDAY - meeting_day.weekday()) % 7 or 7
    return datetime.combine(meeting_day + timedelta(days=days_ahead), NOON, tzinfo=policy.timezone)


def lead_time_flags(change: PlannedChange, *, submitted_at: datetime, policy: Policy) -> list[Flag]:
    if change.change_type != SCHEDULED or policy.lead_time_days == 0:
        return []
    notice = change.planned_start - submitted_at
    if notice >= timedelta(days=policy.lead_time_days):
        return []
    return [
        Flag(
            "short_lead_time",
            {"days": max(notice.days, 0), "required": policy.lead_time_days},
        )
    ]


def boundary_flags(change: PlannedChange, *, now: datetime, policy: Policy) -> list[Flag]:
    if change.change_type != SCHEDULED or not policy.uses_meeting:
        return []
    meeting_at = next_meeting_at(now, policy)
    boundary = emergency_boundary(meeting_at, policy)
    if change.planned_start >= boundary:
        return []
    return [
        Flag(
            "needs_emergency",
            {"meeting": f"{meeting_at:%Y-%m-%d %H:%M}", "boundary": f"{boundary:%Y-%m-%d}"},
        )
    ]


def window_spans(
    windows: list[WeeklyWindow], first: date, last: date, policy: Policy
) -> list[tuple[datetime, datetime]]:
    """Every window occurrence starting between `first` and `last`, merged and in order."""
    spans = []
    day = first
    while day <= last:
        for window in windows:
            if window.weekday != day.weekday():
                continue
            start = datetime.combine(day, window.starts_at, tzinfo=policy.timezone)
            end_day = day + timedelta(days=1) if window.ends_next_day else day
            spans.append((start, datetime.combine(end_day, window.ends_at, tzinfo=policy.timezone)))
        day += timedelta(days=1)
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def inside_windows(
    start: datetime, end: datetime, windows: list[WeeklyWindow], policy: Policy
) -> bool:
    # Windows may start the day before and run overnight, so look one day back.
    first = _local(start, policy).date() - timedelta(days=1)
    last = _local(end, policy).date()
    return any(
        span_start <= start and end <= span_end
        for span_start, span_end in window_spans(windows, first, last, policy)
    )


def window_flags(
    change: PlannedChange, *, windows: list[WeeklyWindow], policy: Policy
) -> list[Flag]:
    if not change.affects_connectivity:
        return []
    if inside_windows(change.planned_start, change.planned_end, windows, policy):
        return []
    return [Flag("outside_window")]


def blackout_flags(
    change: PlannedChange, *, blackouts: list[Blackout], policy: Policy
) -> list[Flag]:
    flags = []
    for blackout in blackouts:
        starts = datetime.combine(blackout.first_day, time(0), tzinfo=policy.timezone)
        ends = datetime.combine(
            blackout.last_day + timedelta(days=1), time(0), tzinfo=policy.timezone
        )
        if change.planned_start < ends and starts < change.planned_end:
            flags.append(
                Flag(
                    "in_blackout",
                    {
                        "name": blackout.name,
                        "kind": blackout.kind,
                        "first_day": blackout.first_day.isoformat(),
                        "last_day": blackout.last_day.isoformat(),
                    },
                )
            )
    return flags


def overlap_flags(
    change: PlannedChange, *, others: list[PlannedChange], policy: Policy
) -> list[Flag]:
    flags = []
    for other in others:
        if not (
            change.planned_start < other.planned_end and other.planned_start < change.planned_end
        ):
            continue
        shared = []
        if change.system_ids & other.system_ids:
            shared.append("system")
        if change.campus_ids & other.campus_ids:
            shared.append("campus")
        if shared:
            flags.append(
                Flag(
                    "overlaps_change",
                    {
                        "number": other.number,
                        "shared": " / ".join(shared),
                        "start": f"{_local(other.planned_start, policy):%Y-%m-%d %H:%M}",
                        "end": f"{_local(other.planned_end, policy):%Y-%m-%d %H:%M}",
                    },
                )
            )
    return flags


def check_change(
    change: PlannedChange,
    *,
    now: datetime,
    submitted_at: datetime | None = None,
    policy: Policy,
    windows: list[WeeklyWindow],
    blackouts: list[Blackout],
    others: list[PlannedChange],
) -> list[Flag]:
    """Every flag the change raises. `submitted_at` is when it was (or would be) submitted."""
    return [
        *lead_time_flags(change, submitted_at=submitted_at or now, policy=policy),
        *boundary_flags(change, now=submitted_at or now, policy=policy),
        *window_flags(change, windows=windows, policy=policy),
        *blackout_flags(change, blackouts=blackouts, policy=policy),
        *overlap_flags(change, others=others, policy=policy),
    ]
