"""Pauses: stretches when the SLA clock is stopped (waiting on a vendor or on the district)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from districtdesk.sla.instants import require_aware


@dataclass(frozen=True)
class Pause:
    """The clock stops at ``start`` and resumes at ``end``; ``end=None`` means still paused."""

    start: datetime
    end: datetime | None = None

    def __post_init__(self) -> None:
        start = require_aware(self.start, "pause start")
        if self.end is not None and require_aware(self.end, "pause end") < start:
            raise ValueError(f"a pause cannot end before it starts: {self.start} to {self.end}")

    @property
    def is_open(self) -> bool:
        return self.end is None


def merge_pauses(pauses: Iterable[Pause]) -> tuple[Pause, ...]:
    """Pauses in order, in UTC, with overlapping or touching ones merged and empty ones dropped.

    Whatever follows an open pause is absorbed by it: the clock is already stopped.
    """
    in_utc = sorted(
        (
            Pause(
                pause.start.astimezone(UTC),
                None if pause.end is None else pause.end.astimezone(UTC),
            )
            for pause in pauses
        ),
        key=lambda pause: pause.start,
    )
    merged: list[Pause] = []
    for pause in in_utc:
        if pause.end == pause.start:
            continue
        if merged and (merged[-1].end is None or pause.start <= merged[-1].end):
            last = merged[-1]
            end = None if last.end is None or pause.end is None else max(last.end, pause.end)
            merged[-1] = Pause(last.start, end)
        else:
            merged.append(pause)
    return tuple(merged)
