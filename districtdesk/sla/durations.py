"""SLA durations: an amount of business minutes, hours or days."""

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum


class DurationUnit(StrEnum):
    """The units a priority's SLA is written in; stored by value."""

    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"


_UNIT_LENGTH = {DurationUnit.MINUTES: timedelta(minutes=1), DurationUnit.HOURS: timedelta(hours=1)}


@dataclass(frozen=True)
class BusinessDuration:
    """An SLA such as '4 hours' or '3 days', counted on a business calendar.

    Minutes and hours are working time consumed; days count working days (see docs/sla.md),
    which have no fixed length, so the two kinds never mix.
    """

    amount: int
    unit: DurationUnit

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise ValueError(f"a duration is a whole number of units, not {self.amount!r}")
        try:
            object.__setattr__(self, "unit", DurationUnit(self.unit))
        except ValueError as error:
            raise ValueError(
                f"unknown duration unit {self.unit!r}; use minutes, hours or days"
            ) from error
        if self.amount < 0:
            raise ValueError(f"a duration cannot be negative: {self.amount} {self.unit}")

    @classmethod
    def minutes(cls, amount: int) -> "BusinessDuration":
        return cls(amount, DurationUnit.MINUTES)

    @classmethod
    def hours(cls, amount: int) -> "BusinessDuration":
        return cls(amount, DurationUnit.HOURS)

    @classmethod
    def days(cls, amount: int) -> "BusinessDuration":
        return cls(amount, DurationUnit.DAYS)

    @property
    def is_days(self) -> bool:
        return self.unit is DurationUnit.DAYS

    def as_timedelta(self) -> timedelta:
        """The working time a minutes or hours duration consumes."""
        if self.is_days:
            raise ValueError("business days have no fixed length; they count working days")
        return self.amount * _UNIT_LENGTH[self.unit]

    def __add__(self, other: "BusinessDuration") -> "BusinessDuration":
        if not isinstance(other, BusinessDuration):
            return NotImplemented
        if self.unit is other.unit:
            return BusinessDuration(self.amount + other.amount, self.unit)
        if self.is_days or other.is_days:
            raise ValueError(
                "business days and hours do not add: a business day has no fixed length"
            )
        total = self.as_timedelta() + other.as_timedelta()
        return BusinessDuration.minutes(total // _UNIT_LENGTH[DurationUnit.MINUTES])
