"""Routes as plain data: which command or button pattern runs which flow, and who it is for.

Each feature declares its own (``bot/<feature>/routes.py``); a channel builds its handlers from
them. A route's ``flow`` is what the channel calls, already wrapped (``bot.events``) where the
flow takes an ``Event``; ``role`` says whom the wrapper lets through (the rest are refused with
``NotAllowed``). A route for anyone may still check more in its flow (the offer's two sides).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from bot.events import Event, Role, on_command, on_press, on_words
from bot.forms.model import Outcome

P = TypeVar("P")
AnyFlow = Callable[..., Awaitable[Outcome]]


@dataclass(frozen=True)
class CommandRoute:
    """``/name``: ``flow(services, sender)``, or ``flow(services, sender, words)`` when ``words``;
    ``bot_username``: the bot's @username is passed after the words (for links)."""

    name: str
    flow: AnyFlow
    role: Role = Role.ANYONE
    words: bool = False
    bot_username: bool = False


@dataclass(frozen=True)
class PressRoute:
    """A button whose data matches ``pattern``: ``flow(services, sender, <the pattern's group 1>)``."""

    pattern: str
    flow: AnyFlow
    role: Role = Role.ANYONE
    bot_username: bool = False


def command(name: str, flow: Callable[[Event], Awaitable[Outcome]], role: Role = Role.ANYONE) -> CommandRoute:
    """``/name`` running ``flow(event)`` as one event (``bot.events``)."""
    return CommandRoute(name, on_command(flow, role), role)


def command_with_words(name: str, flow: Callable[..., Awaitable[Outcome]], role: Role = Role.ANYONE, *,
                       bot_username: bool = False) -> CommandRoute:
    """``/name <words>`` running ``flow(event, words)`` (``flow(event, words, bot_username)``
    when ``bot_username``) as one event."""
    return CommandRoute(name, on_words(flow, role), role, words=True, bot_username=bot_username)


def press(pattern: str, decode: Callable[[str], P], flow: Callable[..., Awaitable[Outcome]],
          role: Role = Role.ANYONE, *, bot_username: bool = False) -> PressRoute:
    """A button matching ``pattern`` running ``flow(event, decode(data))`` (with the bot's
    username after it when ``bot_username``) as one event."""
    return PressRoute(pattern, on_press(decode, flow, role), role, bot_username)
