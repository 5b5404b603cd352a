"""A one-line progress bar for long commands (stderr, rewritten in place)."""

from __future__ import annotations

import sys
import time
from typing import Any


class ProgressBar:
    """``bar(phase, done, total)`` redraws at most ten times a second; total 0 = unknown.
    ``stream`` is a text stream or a command's OutputWrapper (written without line ends)."""

    def __init__(self, stream: Any = None, width: int = 30) -> None:
        self.stream = getattr(stream, "_out", stream) or sys.stderr
        self.width = width
        self.phase = ""
        self.last = 0.0
        self.started = time.perf_counter()

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if phase == self.phase and now - self.last < 0.1 and done < total:
            return
        if phase != self.phase and self.phase:
            self.stream.write("\n")
        self.phase, self.last = phase, now
        elapsed = now - self.started
        if total:
            filled = int(self.width * min(done, total) / total)
            bar = "#" * filled + "." * (self.width - filled)
            text = f"\r{phase:<12} [{bar}] {done:>9,}/{total:,} {elapsed:7.1f}s"
        else:
            text = f"\r{phase:<12} {done:>9,} {elapsed:7.1f}s"
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()
