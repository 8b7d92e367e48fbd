"""What every feature's button codec shares: reading the fields after a prefix, and row ids.

Button data is typed by the client, not by us: a reader raises ``OldButton`` on anything it
did not make."""

from __future__ import annotations

from bot.parsers import parse_row_id
from bot.refusals import OldButton


def fields(data: str, count: int) -> list[str]:
    """The ``count`` fields after a button's prefix, "" for those missing, extra ones dropped."""
    return [*data.split(":")[1:], *[""] * count][:count]


def row_id(raw: str) -> int:
    """A positive row id, or ``OldButton``."""
    if (number := parse_row_id(raw)) is None:
        raise OldButton
    return number


def one_of(value: str, allowed: tuple[str, ...]) -> str:
    """``value`` when it is one of ``allowed``, or ``OldButton``."""
    if value not in allowed:
        raise OldButton
    return value


def action_on_row(data: str, actions: tuple[str, ...]) -> tuple[str, int]:
    """``<prefix>:<action>:<row id>``, the shape of most buttons: (action, row id), or ``OldButton``."""
    action, raw_id = fields(data, 2)
    return one_of(action, actions), row_id(raw_id)
