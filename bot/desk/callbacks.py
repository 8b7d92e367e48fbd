"""The desk's button data, made and read here only: ``fd:<w|n|r|p>:<id>`` opens the card of a
member, a request or a placement. Its reader raises ``OldButton`` on data it did not make. The
wire format is fixed: buttons already in people's chats must keep working."""

from __future__ import annotations

from dataclasses import dataclass

from bot.codec import action_on_row

CARD_CODES = ("w", "n", "r", "p")  # a social worker, an NGO, a request, a placement


@dataclass(frozen=True)
class OpenPress:
    """``fd:<w|n|r|p>:<id>``: the card of a search result (or of a placement, from an alert)."""

    code: str
    row_id: int

    @property
    def data(self) -> str:
        return f"fd:{self.code}:{self.row_id}"


def read_open(data: str) -> OpenPress:
    return OpenPress(*action_on_row(data, CARD_CODES))
