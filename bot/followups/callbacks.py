"""The check-in buttons' data, made and read here only: ``fu:r:<check-in id>:<1-5>`` (a rating)
and ``fu:p:<check-in id>`` (there is a problem). Its reader raises ``OldButton`` on data it did
not make. The wire format is fixed: buttons already in people's chats must keep working."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.codec import row_id
from bot.refusals import OldButton

RATINGS = (1, 2, 3, 4, 5)
_RATED = frozenset(str(n) for n in RATINGS)


@dataclass(frozen=True)
class CheckinPress:
    """A rating (1-5) of a check-in, or None for "there is a problem"."""

    followup_id: int
    rating: int | None = None

    @property
    def data(self) -> str:
        if self.rating is None:
            return f"fu:p:{self.followup_id}"
        return f"fu:r:{self.followup_id}:{self.rating}"

    @property
    def answer(self) -> dict[str, Any]:
        """The answer as stored on the check-in's row."""
        return {"problem": True} if self.rating is None else {"rating": self.rating}


def read_checkin(data: str) -> CheckinPress:
    parts = data.split(":")
    if len(parts) == 4 and parts[:2] == ["fu", "r"] and parts[3] in _RATED:
        return CheckinPress(row_id(parts[2]), int(parts[3]))
    if len(parts) == 3 and parts[:2] == ["fu", "p"]:
        return CheckinPress(row_id(parts[2]))
    raise OldButton
