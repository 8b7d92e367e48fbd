"""Fault injection: make chosen Bot API calls fail the ways Telegram's servers do.

A rule applies to one method, one chat, or both, for the next N matching calls (or until
cleared). The kinds are flood control (429 with ``retry_after``), a server error (5xx), and the
nasty one: the message is delivered, but the client never hears so, because the response is held
past its read timeout (``DELIVER_THEN_TIMEOUT``) or the connection is dropped
(``DELIVER_THEN_DROP``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class FaultKind(enum.Enum):
    """How a matching call fails."""

    RETRY_AFTER = "retry_after"
    SERVER_ERROR = "server_error"
    DELIVER_THEN_TIMEOUT = "deliver_then_timeout"
    DELIVER_THEN_DROP = "deliver_then_drop"

    @property
    def delivers(self) -> bool:
        """True when the call takes effect before the client is failed."""
        return self in (FaultKind.DELIVER_THEN_TIMEOUT, FaultKind.DELIVER_THEN_DROP)


@dataclass
class FaultRule:
    """One injected fault; ``remaining=None`` means every matching call until cleared."""

    kind: FaultKind
    method: str | None = None
    chat_id: int | None = None
    remaining: int | None = 1
    retry_after: int = 1
    status: int = 502
    hold_seconds: float = 30.0

    def matches(self, method: str, chat_id: int | None) -> bool:
        """Whether a call of ``method`` to ``chat_id`` is hit by this rule."""
        if self.method is not None and self.method != method.lower():
            return False
        return self.chat_id is None or self.chat_id == chat_id


@dataclass(frozen=True)
class FaultHit:
    """A record that a rule fired, for tests to assert on."""

    kind: FaultKind
    method: str
    chat_id: int | None


class FaultPlan:
    """The active fault rules; the emulator asks it about every call."""

    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self.hits: list[FaultHit] = []

    def add(self, rule: FaultRule) -> FaultRule:
        """Activate a rule (method names are matched case-insensitively, like Telegram's)."""
        if rule.method is not None:
            rule.method = rule.method.lower()
        self._rules.append(rule)
        return rule

    def retry_after(
        self, method: str | None = None, *, chat_id: int | None = None, times: int | None = 1,
        seconds: int = 1,
    ) -> FaultRule:
        """Answer the next ``times`` matching calls with 429 and ``retry_after=seconds``."""
        return self.add(FaultRule(FaultKind.RETRY_AFTER, method, chat_id, times, seconds))

    def server_error(
        self, method: str | None = None, *, chat_id: int | None = None, times: int | None = 1,
        status: int = 502,
    ) -> FaultRule:
        """Answer the next ``times`` matching calls with a 5xx (502 Bad Gateway by default)."""
        return self.add(FaultRule(FaultKind.SERVER_ERROR, method, chat_id, times, status=status))

    def deliver_then_timeout(
        self, method: str | None = None, *, chat_id: int | None = None, times: int | None = 1,
        hold_seconds: float = 30.0,
    ) -> FaultRule:
        """Deliver, then hold the response ``hold_seconds`` so the client's read times out."""
        rule = FaultRule(FaultKind.DELIVER_THEN_TIMEOUT, method, chat_id, times)
        rule.hold_seconds = hold_seconds
        return self.add(rule)

    def deliver_then_drop(
        self, method: str | None = None, *, chat_id: int | None = None, times: int | None = 1
    ) -> FaultRule:
        """Deliver, then close the connection without answering."""
        return self.add(FaultRule(FaultKind.DELIVER_THEN_DROP, method, chat_id, times))

    def clear(self) -> None:
        """Remove every rule."""
        self._rules.clear()

    def take(self, method: str, chat_id: int | None) -> FaultRule | None:
        """The first rule hitting this call, consuming one of its uses."""
        for rule in self._rules:
            if not rule.matches(method, chat_id):
                continue
            if rule.remaining is not None:
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self._rules.remove(rule)
            self.hits.append(FaultHit(rule.kind, method, chat_id))
            return rule
        return None
