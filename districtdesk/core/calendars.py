"""The bridge from calendar rows to the pure SLA clock, and the questions pages ask of it."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from districtdesk import sla
from districtdesk.core.models import BusinessCalendar


def to_sla_calendar(calendar: BusinessCalendar) -> sla.BusinessCalendar | None:
    """The clock's view of a calendar, or None while it has no working hours to run in.

    Expects working_periods and closures prefetched.
    """
    if calendar.around_the_clock:
        return sla.BusinessCalendar.around_the_clock(calendar.timezone, name=calendar.name)
    hours: dict[int, list[tuple[time, time]]] = defaultdict(list)
    for period in calendar.working_periods.all():
        hours[period.weekday].append((period.starts_at, period.ends_at))
    if not hours:
        return None
    closures = {}
    for closure in calendar.closures.all():
        for offset in range(closure.day_count):
            closures[closure.first_day + timedelta(days=offset)] = closure.name
    return sla.BusinessCalendar(
        name=calendar.name,
        timezone=calendar.timezone,
        hours={weekday: tuple(periods) for weekday, periods in hours.items()},
        closures=closures,
    )


@dataclass(frozen=True)
class DuePreview:
    due: datetime
    text: str


def due_preview(
    calendar: sla.BusinessCalendar, *, submitted_at: datetime, amount: int, unit: str
) -> DuePreview:
    duration = (
        sla.BusinessDuration.days(amount) if unit == "days" else sla.BusinessDuration.hours(amount)
    )
    explanation = sla.explain_due(calendar, submitted_at, duration)
    return DuePreview(due=explanation.due, text=explanation.describe())


def next_uncategorised_review(calendar: sla.BusinessCalendar, now: datetime) -> datetime:
    """The next odd-numbered hour at or after now that falls in working time (seed 003, step 4)."""
    local = now.astimezone(calendar.timezone)
    candidate = local.replace(minute=0, second=0, microsecond=0)
    if candidate < local:
        candidate += timedelta(hours=1)
    # Two months of hours outlast any run of closures a district schedules.
    for _ in range(24 * 62):
        if candidate.hour % 2 == 1 and sla.is_working_time(calendar, candidate):
            return candidate
        candidate = (candidate + timedelta(hours=1)).astimezone(calendar.timezone)
    raise ValueError(f"{calendar.name} has no working odd-numbered hour in the next two months.")


def last_uncategorised_review_due(calendar: sla.BusinessCalendar, now: datetime) -> datetime | None:
    """The latest odd-numbered hour at or before now that fell in working time: a review
    made since then is on time; none means one is due (None: none in two months)."""
    candidate = now.astimezone(calendar.timezone).replace(minute=0, second=0, microsecond=0)
    for _ in range(24 * 62):
        if candidate.hour % 2 == 1 and sla.is_working_time(calendar, candidate):
            return candidate
        candidate = (candidate - timedelta(hours=1)).astimezone(calendar.timezone)
    return None
