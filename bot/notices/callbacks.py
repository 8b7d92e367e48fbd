"""The notice buttons' data, made and read here only: ``nb:<send|cancel>:<notice id>`` under a
director's preview. Its reader raises ``OldButton`` on data it did not make. The wire format is
fixed: buttons already in people's chats must keep working."""

from __future__ import annotations

from dataclasses import dataclass

from bot.codec import action_on_row


@dataclass(frozen=True)
class BroadcastPress:
    """``nb:<send|cancel>:<notice id>``: send a previewed notice, or drop it."""

    action: str
    broadcast_id: int

    @property
    def data(self) -> str:
        return f"nb:{self.action}:{self.broadcast_id}"


def read_broadcast(data: str) -> BroadcastPress:
    return BroadcastPress(*action_on_row(data, ("send", "cancel")))
