"""The member buttons' data, made and read here only: ``v:`` verify or reject a member, ``vm:``
page through those waiting, ``fn:`` / ``fe:`` a director's note on or edit of a member, ``p:`` a
member's own profile, ``ps:`` pause or resume. Each reader raises ``OldButton`` on data it did
not make. The wire format is fixed: buttons already in people's chats must keep working."""

from __future__ import annotations

from dataclasses import dataclass

from bot.codec import fields, one_of, row_id

MEMBER_CODES = ("w", "n")  # a social worker, an NGO


@dataclass(frozen=True)
class VerifyPress:
    """``v:<ok|no>:<w|n>:<member id>``: verify a member, or ask the reason to reject them."""

    action: str
    code: str
    member_id: int

    @property
    def data(self) -> str:
        return f"v:{self.action}:{self.code}:{self.member_id}"


def _on_member(data: str, actions: tuple[str, ...]) -> tuple[str, str, int]:
    """``<prefix>:<action>:<w|n>:<member id>``: (action, code, member id), or ``OldButton``."""
    action, code, raw_id = fields(data, 3)
    member_id = row_id(raw_id)
    return one_of(action, actions), one_of(code, MEMBER_CODES), member_id


def read_verify(data: str) -> VerifyPress:
    return VerifyPress(*_on_member(data, ("ok", "no")))


@dataclass(frozen=True)
class PagePress:
    """``vm:<prev|next>:<w|n>:<member id>``: the member waiting before or after this one."""

    direction: str
    code: str
    member_id: int

    @property
    def data(self) -> str:
        return f"vm:{self.direction}:{self.code}:{self.member_id}"


def read_page(data: str) -> PagePress:
    return PagePress(*_on_member(data, ("prev", "next")))


@dataclass(frozen=True)
class MemberActionPress:
    """``fn:<w|n>:<member id>`` writes a note on a member; ``fe:<w|n>:<member id>`` edits them."""

    action: str  # "fn" or "fe"
    code: str
    member_id: int

    @property
    def data(self) -> str:
        return f"{self.action}:{self.code}:{self.member_id}"


def read_member_action(data: str) -> MemberActionPress:
    action, code, raw_id = [*data.split(":"), "", ""][:3]
    member_id = row_id(raw_id)
    return MemberActionPress(one_of(action, ("fn", "fe")), one_of(code, MEMBER_CODES), member_id)


PROFILE_ACTIONS = ("edit", "pause", "resume")


def profile_data(action: str) -> str:
    """``p:<edit|pause|resume>`` on a member's own /profile."""
    return f"p:{action}"


def read_profile(data: str) -> str:
    return one_of(data.removeprefix("p:"), PROFILE_ACTIONS)


@dataclass(frozen=True)
class PausePress:
    """``ps:<pause|resume>:<w|n>:<member id>:<yyyymmdd|->``: the member a director picked from a
    list, and the date the pause ends ("-" for none; checked against today by the flow)."""

    action: str
    code: str
    member_id: int
    day: str

    @property
    def data(self) -> str:
        return f"ps:{self.action}:{self.code}:{self.member_id}:{self.day}"


def read_pause(data: str) -> PausePress:
    action, code, raw_id, day = fields(data, 4)
    member_id = row_id(raw_id)
    return PausePress(one_of(action, ("pause", "resume")), one_of(code, MEMBER_CODES), member_id, day)
