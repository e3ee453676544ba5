"""Why a request is due when it is: structured data for any language, plus an English line."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from districtdesk.sla.arithmetic import (
    due_in_utc,
    elapsed_in_utc,
    start_of_clock,
    within_calendar_range,
)
from districtdesk.sla.calendar import DAY, WEEKDAY_NAMES, BusinessCalendar, WorkingPeriod
from districtdesk.sla.durations import BusinessDuration, DurationUnit
from districtdesk.sla.instants import require_aware
from districtdesk.sla.pauses import Pause, merge_pauses

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class SkipReason(StrEnum):
    """Why the clock skipped a span; a code that each language renders in its own words."""

    WEEKEND = "weekend"  # a weekday on which the calendar has no working hours
    CLOSURE = "closure"  # a named closure: holiday, snow day, staff-development day
    PAUSED = "paused"  # the request was waiting on a vendor or on the district


@dataclass(frozen=True)
class SkippedSpan:
    """A stretch the clock did not count, in the calendar's timezone.

    Weekend and closure spans run from local midnight to the local midnight after their last
    day; a paused span runs from the pause to the resume, ``end=None`` if still paused.
    """

    reason: SkipReason
    start: datetime
    end: datetime | None
    closure_name: str | None = None

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date | None:
        """The last local day the span touches; None while a pause is still open."""
        if self.end is None:
            return None
        if self.reason is SkipReason.PAUSED:
            return self.end.date()
        return self.end.date() - DAY


@dataclass(frozen=True)
class WeekdayHours:
    """Consecutive weekdays (Monday 0) that share the same working periods."""

    weekdays: tuple[int, ...]
    periods: tuple[WorkingPeriod, ...]


def weekly_hours(calendar: BusinessCalendar) -> tuple[WeekdayHours, ...]:
    """The calendar's week as runs of weekdays with identical hours, non-working days left out."""
    runs: list[WeekdayHours] = []
    for weekday, periods in enumerate(calendar.hours):
        if not periods:
            continue
        if runs and runs[-1].periods == periods and runs[-1].weekdays[-1] == weekday - 1:
            runs[-1] = WeekdayHours((*runs[-1].weekdays, weekday), periods)
        else:
            runs.append(WeekdayHours((weekday,), periods))
    return tuple(runs)


@dataclass(frozen=True)
class DueExplanation:
    """How a due time was reached; every datetime is in the calendar's timezone.

    ``clock_start`` differs from ``start`` when the request arrived outside working hours.
    ``due`` is None while an open pause has stopped the clock, and ``paused_since`` then
    says since when. ``paused_time`` is the working time that pauses took out of the clock.
    """

    calendar_name: str
    timezone: ZoneInfo
    around_the_clock: bool
    working_hours: tuple[WeekdayHours, ...]
    duration: BusinessDuration
    start: datetime
    clock_start: datetime
    skipped: tuple[SkippedSpan, ...]
    paused_time: timedelta
    due: datetime | None
    paused_since: datetime | None

    def describe(self) -> str:
        """One English line, e.g. "submitted Fri 16:10; 3 business days at 7:30–16:30; …"."""
        return _English(self).line()


def explain_due(
    calendar: BusinessCalendar,
    start: datetime,
    duration: BusinessDuration,
    pauses: Iterable[Pause] = (),
) -> DueExplanation:
    """The due time of ``duration`` from ``start`` together with how it was reached."""
    begin = require_aware(start, "start")
    merged = merge_pauses(pauses)
    with within_calendar_range():
        due = due_in_utc(calendar, begin, duration, merged)
        clock_start, _ = start_of_clock(calendar, begin)
        if due is not None:
            stopped, paused_since = due, None
        else:
            # Only an open pause withholds a due time: the clock stopped when it began.
            paused_since = next(pause.start for pause in merged if pause.end is None)
            stopped = max(begin, paused_since)
        counted = max(clock_start, stopped)
        paused_time = elapsed_in_utc(calendar, clock_start, counted, ()) - elapsed_in_utc(
            calendar, clock_start, counted, merged
        )
        skipped = sorted(
            [*_skipped_days(calendar, begin, stopped), *_paused_spans(merged, begin, due)],
            key=lambda span: span.start,
        )
    zone = calendar.timezone
    return DueExplanation(
        calendar_name=calendar.name,
        timezone=zone,
        around_the_clock=calendar.is_around_the_clock,
        working_hours=weekly_hours(calendar),
        duration=duration,
        start=begin.astimezone(zone),
        clock_start=clock_start.astimezone(zone),
        skipped=tuple(_in_zone(span, zone) for span in skipped),
        paused_time=paused_time,
        due=None if due is None else due.astimezone(zone),
        paused_since=None if paused_since is None else paused_since.astimezone(zone),
    )


def _skipped_days(calendar: BusinessCalendar, start: datetime, stop: datetime) -> list[SkippedSpan]:
    """Non-working local days that begin before ``stop``, from ``start``'s day on (UTC)."""
    spans: list[SkippedSpan] = []
    day = start.astimezone(calendar.timezone).date()
    while (midnight := calendar.wall_clock(day, timedelta())) < stop:
        if not calendar.is_working_day(day):
            closure = calendar.closure_on(day)
            reason = SkipReason.WEEKEND if closure is None else SkipReason.CLOSURE
            last = spans[-1] if spans else None
            following = calendar.wall_clock(day, DAY)
            if last and (last.reason, last.closure_name, last.end) == (reason, closure, midnight):
                spans[-1] = replace(last, end=following)
            else:
                spans.append(SkippedSpan(reason, midnight, following, closure))
        day += DAY
    return spans


def _paused_spans(
    pauses: tuple[Pause, ...], start: datetime, due: datetime | None
) -> list[SkippedSpan]:
    """The merged pauses that overlap the clock's run, clipped to it (UTC)."""
    spans = []
    for pause in pauses:
        if (due is not None and pause.start >= due) or (
            pause.end is not None and pause.end <= start
        ):
            continue
        end = pause.end
        if due is not None:
            end = due if end is None else min(end, due)
        spans.append(SkippedSpan(SkipReason.PAUSED, max(pause.start, start), end))
    return spans


def _in_zone(span: SkippedSpan, zone: ZoneInfo) -> SkippedSpan:
    end = None if span.end is None else span.end.astimezone(zone)
    return replace(span, start=span.start.astimezone(zone), end=end)


_UNIT_WORDS = {
    DurationUnit.MINUTES: ("minute", "minutes"),
    DurationUnit.HOURS: ("hour", "hours"),
    DurationUnit.DAYS: ("day", "days"),
}


class _English:
    """Renders a DueExplanation as one line; dates appear once weekday names could repeat."""

    def __init__(self, explanation: DueExplanation) -> None:
        self.explanation = explanation
        last = explanation.due or explanation.paused_since or explanation.clock_start
        self.with_dates = (last.date() - explanation.start.date()).days > 6

    def line(self) -> str:
        e = self.explanation
        clauses = [f"submitted {self.moment(e.start)}"]
        if e.clock_start.astimezone(UTC) != e.start.astimezone(UTC):
            clauses.append(f"clock started {self.moment(e.clock_start)}")
        clauses.append(self.duration())
        days = [self.days(span) for span in e.skipped if span.reason is not SkipReason.PAUSED]
        if days:
            clauses.append(f"skipped {_join(days)}")
        pauses = [
            (span.start, span.end)
            for span in e.skipped
            if span.reason is SkipReason.PAUSED and span.end is not None
        ]
        if pauses:
            ranges = _join([self.pause(start, end) for start, end in pauses])
            clauses.append(f"paused {ranges} ({_amount(e.paused_time)} of working time)")
        if e.due is not None:
            clauses.append(f"due {self.moment(e.due)}")
        elif e.paused_since is not None:
            clauses.append(f"paused since {self.moment(e.paused_since)}; no due time while paused")
        return "; ".join(clauses)

    def duration(self) -> str:
        e = self.explanation
        singular, plural = _UNIT_WORDS[e.duration.unit]
        unit = singular if e.duration.amount == 1 else plural
        if e.around_the_clock:
            return f"{e.duration.amount} {unit} around the clock"
        return f"{e.duration.amount} business {unit} at {self.hours()}"

    def hours(self) -> str:
        runs = self.explanation.working_hours
        if len({run.periods for run in runs}) == 1:
            return _periods(runs[0].periods)
        return ", ".join(f"{_weekdays(run.weekdays)} {_periods(run.periods)}" for run in runs)

    def day(self, day: date) -> str:
        name = WEEKDAY_NAMES[day.weekday()]
        return f"{name} {MONTH_NAMES[day.month - 1]} {day.day}" if self.with_dates else name

    def moment(self, moment: datetime) -> str:
        return f"{self.day(moment.date())} {moment.hour}:{moment.minute:02d}"

    def days(self, span: SkippedSpan) -> str:
        first, last = span.first_day, span.last_day
        if last is None or last == first:
            text = self.day(first)
        else:
            text = f"{self.day(first)}–{self.day(last)}"
        return text if span.closure_name is None else f"{text} '{span.closure_name}'"

    def pause(self, start: datetime, end: datetime) -> str:
        if end.date() == start.date():
            return f"{self.moment(start)}–{end.hour}:{end.minute:02d}"
        return f"{self.moment(start)}–{self.moment(end)}"


def _periods(periods: tuple[WorkingPeriod, ...]) -> str:
    return _join([str(period) for period in periods])


def _weekdays(weekdays: tuple[int, ...]) -> str:
    first, last = WEEKDAY_NAMES[weekdays[0]], WEEKDAY_NAMES[weekdays[-1]]
    return first if len(weekdays) == 1 else f"{first}–{last}"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _amount(duration: timedelta) -> str:
    hours, minutes = divmod(int(duration.total_seconds()) // 60, 60)
    if not hours:
        return f"{minutes}min"
    return f"{hours}h" if not minutes else f"{hours}h{minutes:02d}"
