"""A progress bar for long CLI jobs on stderr, drawn by tqdm (redrawn in place on a terminal)."""

from __future__ import annotations

from types import TracebackType
from typing import TextIO

from tqdm import tqdm


class ProgressBar:
    """Call with (done, total); a context manager that closes the bar (ending its line) on exit."""

    def __init__(self, stream: TextIO, label: str) -> None:
        self._stream, self._label = stream, label
        self._bar: tqdm | None = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = tqdm(total=total, desc=self._label, file=self._stream, unit="", ascii=True,
                             bar_format="{desc} [{bar:30}] {n_fmt}/{total_fmt}", mininterval=0.2)
        self._bar.update(done - self._bar.n)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.close()
