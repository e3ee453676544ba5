"""Instants: aware datetimes in, UTC inside, and local wall-clock readings mapped to UTC."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

_MICROSECOND = timedelta(microseconds=1)


def require_aware(moment: datetime, label: str) -> datetime:
    """``moment`` in UTC; a naive datetime has no place on a district's clock."""
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise ValueError(f"{label} must be a timezone-aware datetime, not {moment!r}")
    return moment.astimezone(UTC)


def wall_clock_to_utc(local: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant at which clocks in ``zone`` read the naive ``local`` time.

    A reading that happens twice (the fall-back hour) means its first occurrence. A reading
    that never happens (the spring-forward gap) means the instant the clocks jump, so that a
    later reading never maps to an earlier instant and periods keep their order.
    """
    first = local.replace(tzinfo=zone).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == local:
        return first
    # In a gap, fold=1 reads with the offset after the jump (an instant before it) and fold=0
    # with the offset before it (an instant after it); the jump lies in between.
    before, after = local.replace(tzinfo=zone, fold=1).astimezone(UTC), first
    while after - before > _MICROSECOND:
        middle = before + (after - before) / 2
        if middle.astimezone(zone).replace(tzinfo=None) < local:
            before = middle
        else:
            after = middle
    return after
