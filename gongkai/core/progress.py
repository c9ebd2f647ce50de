"""A dependency-free progress bar for long CLI jobs (imports, verification, demo data)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Draws ``label [#####.....] 50% (5/10)`` on a terminal; prints one summary line when not a terminal."""

    def __init__(self, total: int, *, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self._last_draw = 0.0
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def update(self, done: int) -> None:
        self.done = done
        now = time.monotonic()
        if self._tty and (now - self._last_draw > 0.1 or done >= self.total):
            self._last_draw = now
            self._draw()

    def _draw(self) -> None:
        fraction = 1.0 if self.total == 0 else min(self.done / self.total, 1.0)
        filled = int(fraction * self.width)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r{self.label} [{bar}] {fraction:4.0%} ({self.done}/{self.total})")
        self.stream.flush()

    def finish(self) -> None:
        if self._tty:
            self.done = max(self.done, self.total)
            self._draw()
            self.stream.write("\n")
        else:
            self.stream.write(f"{self.label}：{self.done}/{self.total}\n")
        self.stream.flush()
