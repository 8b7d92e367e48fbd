"""The one source of "now" in the bot.

Everything that needs the time asks a :class:`Clock`, never the wall clock directly, so the
tests and the sandbox can move time forward ("skip ahead 7 days") and see scheduled work fall due.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo


class Clock:
    """Wall-clock time in UTC plus an adjustable offset (zero in production)."""

    def __init__(self, offset: timedelta = timedelta(0)) -> None:
        self._offset = offset

    def now(self) -> datetime:
        """The current time, timezone-aware in UTC, shifted by the offset."""
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        """Move time forward (or back, with a negative delta) for every later ``now()``."""
        self._offset += delta

    @property
    def offset(self) -> timedelta:
        return self._offset


def to_iso(moment: datetime) -> str:
    """UTC ISO-8601 text as stored in the database (second precision, 'Z' suffix)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_iso(text: str) -> datetime:
    """Parse a timestamp written by :func:`to_iso`."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def local_minute(text: str | None, timezone: str) -> str:
    """A stored UTC timestamp as local time in ``timezone``, to the minute ("—" for none)."""
    if not text:
        return "—"
    return from_iso(text).astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M")
