"""Progress on stderr for long runs, on a terminal only.

Nothing is shown for the first second or so: a quick run stays quiet, and a long one
says which stage it is in.
"""

from __future__ import annotations

import time

DELAY = 1.5  # seconds before anything is shown


class StageProgress:
    def __init__(self, stream):
        self.stream = stream
        self.start = time.monotonic()
        self.shown = False
        self.stage = ""

    def __call__(self, stage: str) -> None:
        self.stage = stage
        elapsed = time.monotonic() - self.start
        if elapsed < DELAY:
            return
        self.shown = True
        self.stream.write(f"\r\x1b[2Kplancheck: {stage} ({elapsed:.0f}s)")
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
