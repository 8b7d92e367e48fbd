"""One wrapper per event: a command or a press from one person, run as one transaction.

The wrapper opens the transaction, remembers the sender, checks the role the route declares,
decodes the button with its feature's codec, runs the flow, renders a ``Refusal`` raised
anywhere on the way, and turns the outcome's notices into outbox rows of the same transaction.
Flows read like ``async def verify_pressed(event: Event, press: VerifyPress) -> Outcome``; the
wrapped flow keeps the signature the channels call: ``(services, sender)`` for a command,
``(services, sender, words)`` for a command with words, ``(services, sender, data)`` for a press.

A refusal ends the flow where it is raised: what the flow wrote before it is committed (the
sender's row, as always), its notices are not. Work that must not hold the database (a rematch,
the figures of /stats) is handed to ``Event.after_commit`` and runs once the commit is done.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeVar

from bot.clock import to_iso
from bot.followups.schedule import send_after_commit
from bot.forms.model import Outcome
from bot.people import Sender, remember
from bot.refusals import NotAllowed, Refusal, refused
from bot.services import Services
from bot.store import Tx
from bot.store.users import User
from bot.texts import Lang

P = TypeVar("P")


class Role(Enum):
    """Who a route is for; anyone else is refused with ``NotAllowed`` before the flow runs."""

    ANYONE = "anyone"
    DIRECTOR = "director"


AfterCommit = Callable[[Outcome], Awaitable[Outcome]]


@dataclass(frozen=True)
class Event:
    """What a flow works with: the services, the open transaction, the person, and "now"."""

    services: Services
    tx: Tx
    user: User
    now: str
    pressed: bool
    _after: list[AfterCommit] = field(default_factory=list, repr=False)

    @property
    def lang(self) -> Lang:
        return self.user.language  # type: ignore[return-value]

    def after_commit(self, step: AfterCommit) -> None:
        """Run ``step`` on the outcome once the transaction has committed (a rematch, say)."""
        self._after.append(step)


Flow = Callable[[Services, Sender], Awaitable[Outcome]]
WordsFlow = Callable[[Services, Sender, str], Awaitable[Outcome]]


async def run(services: Services, sender: Sender, role: Role, pressed: bool,
              body: Callable[[Event], Awaitable[Outcome]]) -> Outcome:
    """``body`` as one event of ``sender``'s: a refusal is rendered, notices go to the outbox."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        event = Event(services, tx, user, to_iso(services.clock.now()), pressed)
        try:
            if role is Role.DIRECTOR and not services.is_director(user.person_id):
                raise NotAllowed
            outcome = await body(event)
        except Refusal as refusal:
            return refused(services, event.lang, refusal, pressed=pressed)
        outcome = await send_after_commit(tx, outcome, event.now)
    for step in event._after:
        outcome = await step(outcome)
    return outcome


def on_command(flow: Callable[[Event], Awaitable[Outcome]], role: Role = Role.ANYONE) -> Flow:
    """A command without words: ``flow(event)``; a refusal is a message."""
    async def wrapped(services: Services, sender: Sender) -> Outcome:
        return await run(services, sender, role, False, flow)
    wrapped.__name__ = flow.__name__
    return wrapped


def on_words(flow: Callable[..., Awaitable[Outcome]], role: Role = Role.ANYONE) -> WordsFlow:
    """A command with words ("/find 王芳"): ``flow(event, words)``; a refusal is a message.
    What the channel passes after the words (the bot's @username for a link) follows them."""
    async def wrapped(services: Services, sender: Sender, words: str, *more: str) -> Outcome:
        return await run(services, sender, role, False, lambda event: flow(event, words, *more))
    wrapped.__name__ = flow.__name__
    return wrapped


def on_press(decode: Callable[[str], P], flow: Callable[..., Awaitable[Outcome]],
             role: Role = Role.ANYONE) -> WordsFlow:
    """A press: its data decoded by the feature's codec (which raises ``OldButton`` on data it
    did not make) after the role is checked, then ``flow(event, press)``; a refusal is a pop-up.
    What the channel passes after the data (the bot's @username for a link) follows the press."""
    async def body(event: Event, data: str, more: tuple[str, ...]) -> Outcome:
        return await flow(event, decode(data), *more)

    async def wrapped(services: Services, sender: Sender, data: str, *more: str) -> Outcome:
        return await run(services, sender, role, True, lambda event: body(event, data, more))
    wrapped.__name__ = flow.__name__
    return wrapped
