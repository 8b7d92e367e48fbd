"""A one-line progress bar for long CLI jobs, redrawn in place on a terminal (stderr)."""

from __future__ import annotations

from typing import TextIO

_WIDTH = 30


class ProgressBar:
    """Call with (done, total); draws ``label [#####-----] 12/40`` and ends the line at the end."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self._stream = stream
        self._label = label
        self._last_filled = -1

    def __call__(self, done: int, total: int) -> None:
        filled = _WIDTH * done // total if total else _WIDTH
        if filled == self._last_filled and done != total:
            return  # redraw only when the bar grows: thousands of rows make no flood of lines
        self._last_filled = filled
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self._stream.write(f"\r{self._label} [{bar}] {done}/{total}")
        if done >= total:
            self._stream.write("\n")
        self._stream.flush()
