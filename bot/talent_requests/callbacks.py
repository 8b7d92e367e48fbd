"""The talent request buttons' data, made and read here only: ``rq:`` on an NGO's own requests,
``rc:`` a director closing one, ``rd:`` a director's edit, pause or resume of one. Each reader
raises ``OldButton`` on data it did not make. The wire format is fixed: buttons already in
people's chats must keep working."""

from __future__ import annotations

from dataclasses import dataclass

from bot.codec import action_on_row
from bot.parsers import parse_row_id


@dataclass(frozen=True)
class ClosePress:
    """``rc:<close|yes|keep>:<request id>``: a director closes a request, after a confirmation."""

    action: str
    request_id: int

    @property
    def data(self) -> str:
        return f"rc:{self.action}:{self.request_id}"


def read_close(data: str) -> ClosePress:
    return ClosePress(*action_on_row(data, ("close", "yes", "keep")))


@dataclass(frozen=True)
class DeskPress:
    """``rd:<edit|pause|resume>:<request id>`` on a request's card."""

    action: str
    request_id: int

    @property
    def data(self) -> str:
        return f"rd:{self.action}:{self.request_id}"


def read_desk(data: str) -> DeskPress:
    return DeskPress(*action_on_row(data, ("edit", "pause", "resume")))


@dataclass(frozen=True)
class OwnRequestPress:
    """``rq:new``, ``rq:<edit|close|yes|keep>:<request id>`` on an NGO's own /requests.

    Read leniently: whether the presser has an NGO and owns the request is checked first (a
    refusal of its own), so an id that is not one is kept as None with ``named`` set."""

    action: str
    request_id: int | None = None
    named: bool = False  # something followed the action

    @property
    def data(self) -> str:
        return f"rq:{self.action}" if self.request_id is None else f"rq:{self.action}:{self.request_id}"


def read_own_request(data: str) -> OwnRequestPress:
    action, _, raw_id = data.removeprefix("rq:").partition(":")
    return OwnRequestPress(action, parse_row_id(raw_id), bool(raw_id))
