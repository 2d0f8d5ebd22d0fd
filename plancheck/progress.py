"""Progress on stderr for long runs, on a terminal only.

Nothing is shown for the first second and a half: a quick run (and pre-commit) stays
quiet; a long one shows its stage and a bar, e.g. files read of all files. The CLI
creates it only when stderr is a terminal, so CI logs never see it.
"""

from __future__ import annotations

import time

DELAY = 1.5  # seconds before anything is shown
REDRAW = 0.1  # seconds between redraws
WIDTH = 24  # characters of bar


class StageProgress:
    def __init__(self, stream, delay: float = DELAY, clock=time.monotonic):
        self.stream = stream
        self.delay = delay
        self.clock = clock
        self.start = clock()
        self.last = -1.0
        self.shown = False
        self.stage = ""
        self.done = 0
        self.total = 0

    def __call__(self, stage: str) -> None:
        """A new stage starts (e.g. 'reading plans', 'checking PC201 ...')."""
        self.stage = stage
        self.done = self.total = 0
        self._draw(force=True)
        self.last = -1.0  # the stage's first step is drawn at once

    def advance(self, done: int, total: int) -> None:
        """``done`` of ``total`` steps of the stage are finished."""
        self.done, self.total = done, total
        self._draw()

    def _draw(self, force: bool = False) -> None:
        now = self.clock()
        elapsed = now - self.start
        if elapsed < self.delay or (not force and now - self.last < REDRAW):
            return
        self.last = now
        self.shown = True
        line = f"plancheck: {self.stage}"
        if self.total:
            filled = WIDTH * self.done // self.total
            line += f" [{'#' * filled}{'.' * (WIDTH - filled)}] {self.done}/{self.total}"
        self.stream.write(f"\r\x1b[2K{line} ({elapsed:.0f}s)")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
