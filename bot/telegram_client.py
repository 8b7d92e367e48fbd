"""How the bot reaches the Bot API: its address, an optional proxy, and waiting for it at start.

Where Telegram is blocked or filtered, a SOCKS5 or HTTP proxy (``[telegram] proxy``, through
python-telegram-bot's own HTTPXRequest ``proxy`` setting and its ``socks`` extra) or a
self-hosted Bot API server (``base_url``) is the way out. When neither answers at start, the bot
says what failed and what to try, and tries again with a growing delay instead of exiting.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import telegram
from telegram.error import InvalidToken, NetworkError
from telegram.request import HTTPXRequest

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
