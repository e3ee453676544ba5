"""Business calendars: the local working hours and closures a district's SLA clock runs on."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from districtdesk.sla.instants import wall_clock_to_utc

MIDNIGHT = time(0)
DAY = timedelta(days=1)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _since_midnight(moment: time) -> timedelta:
    """A wall-clock time as an offset from the start of its day."""
    return timedelta(
        hours=moment.hour,
        minutes=moment.minute,
        seconds=moment.second,
        microseconds=moment.microsecond,
    )


def _check_wall_clock(label: str, moment: time) -> None:
    if not isinstance(moment, time):
        raise ValueError(f"working period {label} must be a datetime.time, not {moment!r}")
    if moment.tzinfo is not None:
        raise ValueError(
            f"working period {label} must be a wall-clock time without tzinfo; "
            "the calendar's timezone applies"
        )


def _format_clock(moment: time | None) -> str:
    """'7:30', '16:30', '24:00' for the end of the day: how staff write working hours."""
    if moment is None:
        return "24:00"
    seconds = f":{moment.second:02d}" if moment.second else ""
    return f"{moment.hour}:{moment.minute:02d}{seconds}"


@dataclass(frozen=True)
class WorkingPeriod:
    """One stretch of working time on a weekday, as local wall-clock times.

    ``end=None`` means midnight at the end of the day (24:00): ``time`` cannot say 24:00, and
    ``time(0)`` as an end would read as the start of the same day, so it is refused.
    """

    start: time
    end: time | None = None

    def __post_init__(self) -> None:
        _check_wall_clock("start", self.start)
        if self.end is not None:
            _check_wall_clock("end", self.end)
        if self.end == MIDNIGHT:
            raise ValueError(
                "a working period cannot end at time(0); use end=None for midnight at the end "
                "of the day"
            )
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"working period must end after it starts, not {self}")

    def __str__(self) -> str:
        return f"{_format_clock(self.start)}–{_format_clock(self.end)}"

    @property
    def start_offset(self) -> timedelta:
        """How far past local midnight the period opens."""
        return _since_midnight(self.start)

    @property
    def end_offset(self) -> timedelta:
        """How far past local midnight the period closes (a full day for end-of-day)."""
        return DAY if self.end is None else _since_midnight(self.end)

    @property
    def length(self) -> timedelta:
        """The period's length as the wall clock shows it (DST days aside)."""
        return self.end_offset - self.start_offset


PeriodSpec = WorkingPeriod | tuple[time, time | None]


def _zone(timezone: ZoneInfo | str) -> ZoneInfo:
    if isinstance(timezone, ZoneInfo):
        return timezone
    if isinstance(timezone, str):
        try:
            return ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(
                f"unknown timezone {timezone!r}; use an IANA key such as 'America/Chicago'"
            ) from error
    raise ValueError(
        f"timezone must be a zoneinfo.ZoneInfo or an IANA key, not {type(timezone).__name__}"
    )


def _period(spec: PeriodSpec) -> WorkingPeriod:
    if isinstance(spec, WorkingPeriod):
        return spec
    if isinstance(spec, tuple) and len(spec) == 2:
        return WorkingPeriod(*spec)
    raise ValueError(f"a working period is a WorkingPeriod or a (start, end) pair, not {spec!r}")


def _week(hours: Mapping[int, Iterable[PeriodSpec]]) -> tuple[tuple[WorkingPeriod, ...], ...]:
    week: list[tuple[WorkingPeriod, ...]] = [()] * 7
    for weekday, specs in hours.items():
        if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday), not {weekday!r}")
        periods = sorted((_period(spec) for spec in specs), key=lambda period: period.start)
        for earlier, later in pairwise(periods):
            if later.start_offset < earlier.end_offset:
                raise ValueError(
                    f"working periods overlap on {WEEKDAY_NAMES[weekday]}: {earlier} and {later}"
                )
        week[weekday] = tuple(periods)
    return tuple(week)


def _closures(closures: Mapping[date, str]) -> Mapping[date, str]:
    checked: dict[date, str] = {}
    for day, name in closures.items():
        if isinstance(day, datetime) or not isinstance(day, date):
            raise ValueError(f"closures are keyed by date, not {day!r}")
        if not isinstance(name, str) or not name.strip():
            raise ValueError(f"the closure on {day.isoformat()} needs a name")
        checked[day] = name
    return MappingProxyType(dict(sorted(checked.items())))


@dataclass(frozen=True, init=False)
class BusinessCalendar:
    """When the SLA clock runs: weekly working hours in a timezone, less named closures.

    ``hours`` maps a weekday (Monday 0 … Sunday 6) to its working periods, given as
    ``WorkingPeriod`` or ``(start, end)`` pairs of local wall-clock times; a weekday left out
    has no working hours. Periods may touch but not overlap. ``closures`` maps a date to its
    name (district holiday, snow day, staff-development day): no working hours that day.
    """

    name: str
    timezone: ZoneInfo
    hours: tuple[tuple[WorkingPeriod, ...], ...]
    closures: Mapping[date, str] = field(hash=False)

    def __init__(
        self,
        name: str,
        timezone: ZoneInfo | str,
        hours: Mapping[int, Iterable[PeriodSpec]],
        closures: Mapping[date, str] | None = None,
    ) -> None:
        if not isinstance(name, str) or not name.strip():
            raise ValueError("a business calendar needs a name")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "timezone", _zone(timezone))
        object.__setattr__(self, "hours", _week(hours))
        object.__setattr__(self, "closures", _closures(closures or {}))
        if not any(self.hours):
            raise ValueError(
                f"calendar {name!r} has no working hours on any weekday, so its clock could "
                "never run"
            )

    @classmethod
    def around_the_clock(
        cls, timezone: ZoneInfo | str, *, name: str = "Around the clock"
    ) -> "BusinessCalendar":
        """Every hour of every day, no closures: for emergencies."""
        return cls(name=name, timezone=timezone, hours=dict.fromkeys(range(7), ((MIDNIGHT, None),)))

    @classmethod
    def weekdays(
        cls,
        timezone: ZoneInfo | str,
        *,
        start: time = time(7, 30),
        end: time | None = time(16, 30),
        closures: Mapping[date, str] | None = None,
        name: str = "Weekdays",
    ) -> "BusinessCalendar":
        """The same hours Monday to Friday: the usual district office calendar."""
        return cls(
            name=name,
            timezone=timezone,
            hours=dict.fromkeys(range(5), ((start, end),)),
            closures=closures,
        )

    @property
    def is_around_the_clock(self) -> bool:
        """True when the clock never stops: every day 0:00–24:00 and no closures."""
        return not self.closures and all(
            periods == (WorkingPeriod(MIDNIGHT),) for periods in self.hours
        )

    def closure_on(self, day: date) -> str | None:
        """The name of the closure on ``day``, if the district is closed."""
        return self.closures.get(day)

    def periods_on(self, day: date) -> tuple[WorkingPeriod, ...]:
        """The working periods of one local date; none on a closure."""
        return () if day in self.closures else self.hours[day.weekday()]

    def is_working_day(self, day: date) -> bool:
        """True when ``day`` has working hours and is not a closure."""
        return bool(self.periods_on(day))

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day``; ends because closures are finite."""
        day += DAY
        while not self.is_working_day(day):
            day += DAY
        return day

    def wall_clock(self, day: date, offset: timedelta) -> datetime:
        """The UTC instant the local clocks read ``offset`` past midnight starting ``day``."""
        return wall_clock_to_utc(datetime.combine(day, MIDNIGHT) + offset, self.timezone)

    def period_bounds(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """Each working period of ``day`` as (opens, closes) UTC instants, in order.

        A period that falls wholly inside a spring-forward gap opens and closes at once.
        """
        return tuple(
            (self.wall_clock(day, period.start_offset), self.wall_clock(day, period.end_offset))
            for period in self.periods_on(day)
        )


class RememberingCalendar(BusinessCalendar):
    """The same calendar, remembering each day's working periods as UTC instants once
    worked out: for computing many due times in a row (a bulk load), where the same days
    come up again and again. Answers exactly as the calendar it was made from."""

    def __init__(self, calendar: BusinessCalendar) -> None:
        super().__init__(
            calendar.name, calendar.timezone, dict(enumerate(calendar.hours)), calendar.closures
        )
        object.__setattr__(self, "_bounds", {})

    def period_bounds(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        bounds = self._bounds.get(day)
        if bounds is None:
            bounds = self._bounds[day] = super().period_bounds(day)
        return bounds
