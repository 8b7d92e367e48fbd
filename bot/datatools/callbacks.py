"""The data tools' button data, made and read here only: ``inv:<worker id>`` (an invite link for
an imported worker) and ``del:<yes|no>:<nonce>`` (the answer to /deleteme). Each reader raises
``OldButton`` on data it did not make. The wire format is fixed: buttons already in people's
chats must keep working."""

from __future__ import annotations

from dataclasses import dataclass

from bot.codec import fields, one_of, row_id


def invitee_data(worker_id: int) -> str:
    """``inv:<worker id>``: a director asks for that worker's invite link."""
    return f"inv:{worker_id}"


def read_invitee(data: str) -> int:
    return row_id(data.removeprefix("inv:"))


@dataclass(frozen=True)
class DeletionPress:
    """``del:<yes|no>:<nonce>``: delete my data, or keep it; the nonce names the question asked."""

    delete: bool
    nonce: str

    @property
    def data(self) -> str:
        return f"del:{'yes' if self.delete else 'no'}:{self.nonce}"


def read_deletion(data: str) -> DeletionPress:
    answer, nonce = fields(data, 2)
    return DeletionPress(one_of(answer, ("yes", "no")) == "yes", nonce)
