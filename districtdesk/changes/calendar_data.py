"""The change calendar's month: weeks of days, each with the changes and meetings on it,
the blackouts covering it and its maintenance windows."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from districtdesk.changes import rules
from districtdesk.changes.models import BlackoutPeriod, ChangeRequest, Meeting


@dataclass
class Day:
    day: date
    in_month: bool
    windows: list[tuple[datetime, datetime]]
    all_day_window: bool
    changes: list[ChangeRequest] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    blackouts: list[BlackoutPeriod] = field(default_factory=list)

    @property
    def busy(self) -> bool:
        return bool(self.changes or self.meetings or self.blackouts)


def month_span(first: date, zone: ZoneInfo) -> tuple[date, date, datetime, datetime]:
    """The Monday before the month's first day to the Sunday after its last, as dates and
    as moments on the district's wall clock."""
    next_month = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    start = first - timedelta(days=first.weekday())
    end = next_month + timedelta(days=(7 - next_month.weekday()) % 7)
    return (
        start,
        end,
        datetime.combine(start, time(0), tzinfo=zone),
        datetime.combine(end, time(0), tzinfo=zone),
    )


def weeks(
    first: date,
    *,
    policy: rules.Policy,
    windows: list[rules.WeeklyWindow],
    changes: list[ChangeRequest],
    meetings: list[Meeting],
    blackouts: list[BlackoutPeriod],
) -> list[list[Day]]:
    zone = policy.timezone
    start, end, _start_at, _end_at = month_span(first, zone)
    spans = rules.window_spans(windows, start - timedelta(days=1), end, policy)
    days = []
    day = start
    while day < end:
        opens = datetime.combine(day, time(0), tzinfo=zone)
        closes = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
        today = [(max(a, opens), min(b, closes)) for a, b in spans if a < closes and b > opens]
        days.append(
            Day(
                day=day,
                in_month=day.month == first.month,
                windows=today,
                all_day_window=any(a <= opens and closes <= b for a, b in spans),
                changes=[c for c in changes if c.planned_start < closes and c.planned_end > opens],
                meetings=[m for m in meetings if opens <= m.scheduled_for < closes],
                blackouts=[b for b in blackouts if b.first_day <= day <= b.last_day],
            )
        )
        day += timedelta(days=1)
    return [days[index : index + 7] for index in range(0, len(days), 7)]
