"""The uncategorised queue's review cadence (seed 003, step 4): Customer Care Center
analysts review the queue every odd-numbered hour during business hours.

**Due**: every odd-numbered hour on the district's wall clock (9:00, 11:00, …) whose start
falls in working time on the district's default business calendar, so closures, weekends
and the working hours come from the calendar an administrator edits, never from here. An
hour counts once it is over. **Done**: a due hour with at least one review recorded
during it (a review counts for the hour in which it happened; two in one hour count once,
and a review in an even or non-working hour reviews no due hour).

The reviews are the district's, not a campus's or a team's: only the school year applies.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.db.models.functions import TruncHour

from districtdesk import sla
from districtdesk.core.calendars import to_sla_calendar
from districtdesk.core.selectors import default_calendar
from districtdesk.reports.filters import district_zone, school_year_bounds
from districtdesk.service_requests.models import QueueReview

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class WeekReviews:
    monday: date
    due: int
    done: int

    @property
    def missed(self) -> int:
        return self.due - self.done

    @property
    def done_percent(self) -> float | None:
        return round(100 * self.done / self.due, 1) if self.due else None


def due_hours(calendar: sla.BusinessCalendar, start: datetime, end: datetime) -> list[datetime]:
    """The odd-numbered wall-clock hours starting in [start, end) that are working time and
    over by `end`. Stepping in UTC visits every local hour once, across clock changes."""
    moment = start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    if moment < start:
        moment += HOUR
    found = []
    while moment + HOUR <= end:
        local = moment.astimezone(calendar.timezone)
        if local.minute == 0 and local.hour % 2 == 1 and sla.is_working_time(calendar, local):
            found.append(moment)
        moment += HOUR
    return found


def review_cadence(school_year: int, *, now: datetime) -> list[WeekReviews]:
    """Each week of the school year up to now: odd hours due, and those reviewed. Two
    queries (the calendar with its hours and closures, then the reviewed hours) whatever the
    number of reviews."""
    start, end = school_year_bounds(school_year)
    end = min(end, now)
    if end <= start:
        return []
    stored = default_calendar()
    converted = to_sla_calendar(stored) if stored is not None else None
    # A school year of hours visits each day's working periods up to 12 times: remember them.
    calendar = sla.RememberingCalendar(converted) if converted is not None else None
    due = due_hours(calendar, start, end) if calendar is not None else []
    reviewed = set(
        QueueReview.objects.filter(reviewed_at__gte=start, reviewed_at__lt=end)
        .annotate(hour=TruncHour("reviewed_at", tzinfo=district_zone()))
        .values_list("hour", flat=True)
        .distinct()
    )
    reviewed_instants = {hour.astimezone(UTC) for hour in reviewed}
    weeks: dict[date, list[int]] = {}
    day = start.date() - timedelta(days=start.date().weekday())
    while day <= end.astimezone(district_zone()).date():
        weeks[day] = [0, 0]
        day += timedelta(days=7)
    zone = district_zone()
    for hour in due:
        local_day = hour.astimezone(zone).date()
        counts = weeks[local_day - timedelta(days=local_day.weekday())]
        counts[0] += 1
        counts[1] += hour in reviewed_instants
    return [WeekReviews(monday, due, done) for monday, (due, done) in weeks.items()]
