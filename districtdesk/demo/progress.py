"""A progress bar for long loads: redrawn in place on a terminal, a line per tenth in a log."""

import time

from django.core.management.base import OutputWrapper

WIDTH = 30


class ProgressBar:
    def __init__(self, out: OutputWrapper, label: str, total: int) -> None:
        self.out, self.label, self.total = out, label, max(total, 1)
        self.started = time.perf_counter()
        self.in_place = out.isatty()
        self.last_tenth = -1

    def update(self, done: int, total: int | None = None) -> None:
        total = total or self.total
        share = min(done / total, 1.0)
        elapsed = time.perf_counter() - self.started
        left = elapsed / share - elapsed if share else 0.0
        filled = round(share * WIDTH)
        line = (
            f"{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] {share:4.0%} "
            f"{done:,}/{total:,}  {elapsed:.0f} s, about {left:.0f} s left"
        )
        if self.in_place:
            self.out.write(f"\r{line}", ending="" if done < total else "\n")
            self.out.flush()
        elif int(share * 10) > self.last_tenth:
            self.last_tenth = int(share * 10)
            self.out.write(line)
