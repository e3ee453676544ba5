"""Business-time arithmetic: when the clock starts, when a duration is due, what has elapsed.

Everything runs on UTC instants; results are returned in the calendar's timezone. Work is
proportional to the days spanned (plus the pauses), never to minutes. The definitions are in
docs/sla.md.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from districtdesk.sla.calendar import DAY, MIDNIGHT, BusinessCalendar, WorkingPeriod
from districtdesk.sla.durations import BusinessDuration
from districtdesk.sla.instants import require_aware
from districtdesk.sla.pauses import Pause, merge_pauses


@contextmanager
def within_calendar_range() -> Iterator[None]:
    """Turn running off the end of ``datetime`` (year 9999) into the package's ValueError."""
    try:
        yield
    except OverflowError as error:
        raise ValueError("the clock ran past the last date Python can represent") from error


def _countable_spans(
    calendar: BusinessCalendar,
    start: datetime,
    pauses: tuple[Pause, ...],
    until: datetime | None = None,
) -> Iterator[tuple[datetime, datetime]]:
    """The working time from ``start`` on, less pauses, as ordered UTC (begin, end) pairs.

    Stops at an open pause (the clock never resumes) or after the local day holding
    ``until``; without either it never ends, because every week has working time.
    ``pauses`` must come from ``merge_pauses``.
    """
    index = 0
    day = start.astimezone(calendar.timezone).date()
    last_day = None if until is None else until.astimezone(calendar.timezone).date()
    while last_day is None or day <= last_day:
        for opens, closes in calendar.period_bounds(day):
            begin = max(opens, start)
            while begin < closes:
                pause = pauses[index] if index < len(pauses) else None
                if pause is not None and pause.end is not None and pause.end <= begin:
                    index += 1  # over before this moment: look at the next one
                    continue
                if pause is not None and pause.start <= begin:
                    if pause.end is None:
                        return
                    begin = pause.end
                    continue
                stop = closes if pause is None else min(closes, pause.start)
                yield begin, stop
                begin = stop
        day += DAY


def start_of_clock(calendar: BusinessCalendar, start: datetime) -> tuple[datetime, date]:
    """The first working instant at or after ``start`` (UTC), and the working day it is on.

    A start exactly at a period's close stays there: it is the end of that working day,
    which for a close at midnight is the day before.
    """
    day = start.astimezone(calendar.timezone).date() - DAY
    while True:
        for opens, closes in calendar.period_bounds(day):
            if start <= closes:
                return max(opens, start), day
        day += DAY


def _position_in_day(periods: tuple[WorkingPeriod, ...], offset: timedelta) -> timedelta:
    """Working time the posted hours show before ``offset`` past midnight (wall clock)."""
    return sum(
        (
            min(max(offset, period.start_offset), period.end_offset) - period.start_offset
            for period in periods
        ),
        timedelta(),
    )


def _instant_at_position(
    calendar: BusinessCalendar, day: date, position: timedelta, *, at_close: bool
) -> datetime:
    """Where ``day``'s posted hours reach ``position``; its last close if they never do.

    A position that ends one period also starts the next (12:00 and 13:00 around lunch):
    ``at_close`` picks the close, otherwise the opening, so a clock that started at an
    opening lands at an opening.
    """
    periods = calendar.periods_on(day)
    covered = timedelta()
    for period in periods:
        reached = covered + period.length
        if position < reached or (at_close and position == reached):
            return calendar.wall_clock(day, period.start_offset + position - covered)
        covered = reached
    return calendar.wall_clock(day, periods[-1].end_offset)


def elapsed_in_utc(
    calendar: BusinessCalendar, start: datetime, end: datetime, pauses: tuple[Pause, ...]
) -> timedelta:
    """Business time between two UTC instants, net of merged pauses."""
    total = timedelta()
    for begin, stop in _countable_spans(calendar, start, pauses, until=end):
        if begin >= end:
            break
        total += min(stop, end) - begin
    return total


def _add_time(
    calendar: BusinessCalendar, start: datetime, amount: timedelta, pauses: tuple[Pause, ...]
) -> datetime | None:
    """The earliest instant by which ``amount`` of countable time has run (UTC)."""
    if not amount:
        return start_of_clock(calendar, start)[0]
    remaining = amount
    for begin, stop in _countable_spans(calendar, start, pauses):
        if remaining <= stop - begin:
            return begin + remaining
        remaining -= stop - begin
    return None


def _add_days(
    calendar: BusinessCalendar, start: datetime, days: int, pauses: tuple[Pause, ...]
) -> datetime | None:
    """The same place in the working day, ``days`` working days on; then pauses push it."""
    clock_start, day = start_of_clock(calendar, start)
    local = clock_start.astimezone(calendar.timezone).replace(tzinfo=None)
    offset = local - datetime.combine(day, MIDNIGHT)  # on the wall clock, up to 24 h
    periods = calendar.periods_on(day)
    position = _position_in_day(periods, offset)
    at_close = not any(period.start_offset <= offset < period.end_offset for period in periods)
    for _ in range(days):
        day = calendar.next_working_day(day)
    due = _instant_at_position(calendar, day, position, at_close=at_close)
    if not pauses:
        return due
    paused = elapsed_in_utc(calendar, clock_start, due, ()) - elapsed_in_utc(
        calendar, clock_start, due, pauses
    )
    return _add_time(calendar, due, paused, pauses) if paused else due


def due_in_utc(
    calendar: BusinessCalendar,
    start: datetime,
    duration: BusinessDuration,
    pauses: tuple[Pause, ...],
) -> datetime | None:
    """``add_business_duration`` on a UTC start with merged pauses, answering in UTC."""
    if not isinstance(duration, BusinessDuration):
        raise ValueError(f"duration must be a BusinessDuration, not {duration!r}")
    if duration.is_days:
        return _add_days(calendar, start, duration.amount, pauses)
    return _add_time(calendar, start, duration.as_timedelta(), pauses)


def add_business_duration(
    calendar: BusinessCalendar,
    start: datetime,
    duration: BusinessDuration,
    pauses: Iterable[Pause] = (),
) -> datetime | None:
    """The due time of ``duration`` started at ``start``, in the calendar's timezone.

    None means an open pause stopped the clock before the duration ran out: there is no due
    time until the request resumes.
    """
    begin = require_aware(start, "start")
    with within_calendar_range():
        due = due_in_utc(calendar, begin, duration, merge_pauses(pauses))
    return None if due is None else due.astimezone(calendar.timezone)


def business_elapsed(
    calendar: BusinessCalendar, start: datetime, end: datetime, pauses: Iterable[Pause] = ()
) -> timedelta:
    """Working time between ``start`` and ``end``, net of pauses (real time, DST included)."""
    begin, finish = require_aware(start, "start"), require_aware(end, "end")
    if finish < begin:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    with within_calendar_range():
        return elapsed_in_utc(calendar, begin, finish, merge_pauses(pauses))


def clock_start(calendar: BusinessCalendar, start: datetime) -> datetime:
    """When the clock of something submitted at ``start`` starts (calendar's timezone)."""
    with within_calendar_range():
        begin, _ = start_of_clock(calendar, require_aware(start, "start"))
    return begin.astimezone(calendar.timezone)


def is_working_time(calendar: BusinessCalendar, moment: datetime) -> bool:
    """True when the clock runs at ``moment``: from a period's opening up to, not at, its close."""
    instant = require_aware(moment, "moment")
    day = instant.astimezone(calendar.timezone).date()
    return any(opens <= instant < closes for opens, closes in calendar.period_bounds(day))
