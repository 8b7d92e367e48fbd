"""How the bot reaches the Bot API: its address, an optional proxy, and waiting for it at start.

Where Telegram is blocked or filtered, a SOCKS5 or HTTP proxy (``[telegram] proxy``, through
python-telegram-bot's own HTTPXRequest ``proxy`` setting and its ``socks`` extra) or a
self-hosted Bot API server (``base_url``) is the way out. When neither answers at start, the bot
says what failed and what to try, and tries again with a growing delay instead of exiting.

The pace of the calls is kept here too: :class:`LaneRateLimiter`, one rate limit for the whole
bot in two lanes, replies first.
One rate limit for the whole bot, in two lanes: replies first, the outbox gets the rest.

Telegram allows a bot about 30 messages a second in all and one a second per chat. Every call
that names a chat passes :class:`LaneRateLimiter`, which counts it in one :class:`SendPacer`:

* a **reply** (any call made while handling an update: the answer to the person who just
  acted, a notice sent on the spot) takes the next free slot, ahead of every outbox send;
* an **outbox** send (the follow-ups dispatcher, marked with :func:`outbox_lane`) starts only
  while no reply waits and a few slots of the window stay free, and only to a chat that has
  rested a full interval since its last message, reply or not.

Calls that name no chat (answering a button press, getUpdates) are not limited, as Telegram
does not count them. A 429 pauses both lanes for its ``retry_after``, then the call is retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import telegram
from telegram.error import InvalidToken, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.request import HTTPXRequest

from bot.channels.telegram.pacing import REPLY_RESERVE, SendPacer, SendTicket
from bot.config import TelegramSettings

log = logging.getLogger(__name__)

FIRST_DELAY_SECONDS = 1.0
LONGEST_DELAY_SECONDS = 60.0


class TokenRefused(Exception):
    """The Bot API answered, and refused the token: waiting will not help."""


def bot_urls(settings: TelegramSettings) -> tuple[str, str]:
    """The Bot API base URL and file base URL (``<base_url>/bot`` and ``<base_url>/file/bot``)."""
    base = settings.base_url.rstrip("/")
    return f"{base}/bot", f"{base}/file/bot"


def client(settings: TelegramSettings) -> telegram.Bot:
    """A plain Bot on the configured address, through the proxy when one is set."""
    base_url, base_file_url = bot_urls(settings)
    return telegram.Bot(settings.token, base_url=base_url, base_file_url=base_file_url,
                        request=HTTPXRequest(proxy=settings.proxy or None))


async def bot_username(settings: TelegramSettings) -> str:
    """The bot's @username, asked of the Bot API once (getMe)."""
    async with client(settings) as bot:
        return bot.username


async def wait_for_bot_api(settings: TelegramSettings, *,
                           sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> str:
    """The bot's @username once the Bot API answers; until then, one line per try saying what to do."""
    delay = FIRST_DELAY_SECONDS
    via = f" through the proxy {_without_password(settings.proxy)}" if settings.proxy else ""
    while True:
        try:
            return await bot_username(settings)
        except InvalidToken as error:
            raise TokenRefused(f"the Bot API at {settings.base_url} refused the token ({error}): check "
                               "[telegram] token or MATCHBOT_TOKEN (a token from @BotFather)") from None
        except NetworkError as error:
            log.warning("cannot reach the Bot API at %s%s (%s). Check the internet connection; where Telegram "
                        "is blocked, set [telegram] proxy (socks5://… or http://…) or base_url (a self-hosted "
                        "Bot API server). Waiting for it to answer: trying again in %.0f s",
                        settings.base_url, via, error, delay)
        await sleep(delay)
        delay = min(delay * 2, LONGEST_DELAY_SECONDS)


def _without_password(proxy: str) -> str:
    scheme, _, rest = proxy.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}"


# ---- one rate limit, two lanes ---------------------------------------------------------------



@dataclass
class _OutboxSend:
    """An outbox send in progress: its first call was counted when the dispatcher claimed it."""

    prepaid: bool = True


_OUTBOX: ContextVar[_OutboxSend | None] = ContextVar("outbox_send", default=None)


@contextlib.contextmanager
def outbox_lane(*, prepaid: bool = True) -> Iterator[None]:
    """Calls made inside are outbox sends; with ``prepaid``, the first was already counted."""
    token = _OUTBOX.set(_OutboxSend(prepaid))
    try:
        yield
    finally:
        _OUTBOX.reset(token)


class LaneRateLimiter(BaseRateLimiter[int]):
    """See the module docstring. ``rate_limit_args`` may give a call's own retry count."""

    def __init__(self, pacer: SendPacer | None = None, *, max_retries: int = 3) -> None:
        self.pacer = pacer or SendPacer(reserve=REPLY_RESERVE)
        self._max_retries = max_retries

    async def initialize(self) -> None:
        """Nothing to open: the pacer lives as long as the limiter."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        chat_id = data.get("chat_id")
        if chat_id is None:
            return await callback(*args, **kwargs)
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        chat = int(chat_id) if str(chat_id).lstrip("-").isdigit() else 0
        prepaid = self._prepaid()
        for attempt in range(retries + 1):
            if prepaid:
                await self.pacer.wait_out_pause()
            ticket = None if prepaid else await self._admit(chat)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                seconds = error.retry_after
                wait = seconds if isinstance(seconds, int | float) else seconds.total_seconds()
                log.warning("Telegram asked every send to wait %.1f s (%s)", wait, endpoint)
                self.pacer.pause(wait + 0.1)
            finally:
                if ticket is not None:
                    self.pacer.finish(ticket)
        raise AssertionError("unreachable: the last attempt returns or raises")

    @staticmethod
    def _prepaid() -> bool:
        """Whether this is the outbox send the dispatcher already counted (its first call)."""
        outbox = _OUTBOX.get()
        if outbox is None or not outbox.prepaid:
            return False
        outbox.prepaid = False
        return True

    async def _admit(self, chat_id: int) -> SendTicket:
        """Wait for this call's turn in its lane and count it."""
        if _OUTBOX.get() is None:
            return await self.pacer.start_reply(chat_id)
        await self._wait_for_outbox_turn(chat_id)
        return self.pacer.start(chat_id)

    async def _wait_for_outbox_turn(self, chat_id: int) -> None:
        """A further piece of a long outbox message: wait for an outbox slot and its chat's rest."""
        while True:
            wait = self.pacer.seconds_until_slot()
            if wait == 0.0 and chat_id not in self.pacer.busy_chats():
                return
            rest = self.pacer.seconds_until_a_chat_frees()
            await self.pacer.wait_for_change(min(w for w in (wait or 0.05, rest or 0.05) if w))


def shared_pacer(bot: Any) -> SendPacer | None:
    """The pacer of the bot's :class:`LaneRateLimiter`, or None when it has another (or none)."""
    limiter = getattr(bot, "rate_limiter", None)
    return limiter.pacer if isinstance(limiter, LaneRateLimiter) else None
