"""Our own webhook listener: Telegram's posts in, everything else refused before its body is read.

python-telegram-bot's listener (tornado) reads a whole body of up to 100 MB before it looks at the
secret header, so anyone who finds the URL can make the bot buffer 100 MB per request. Here the
``X-Telegram-Bot-Api-Secret-Token`` header is checked first (403), a body over 1 MiB is refused
(413; Telegram's updates are a few KiB), and only then is the JSON read and queued.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web
from telegram import Update

from bot.channels.telegram.lifecycle import AnyApplication, running
from bot.config import TelegramSettings

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1024 * 1024


def new_secret_token() -> str:
    """A secret Telegram accepts (1-256 characters of A-Z, a-z, 0-9, _ and -)."""
    return secrets.token_urlsafe(32)


def listener(app: AnyApplication, path: str, secret: str) -> web.Application:
    """The aiohttp application that takes Telegram's posts on ``path`` and queues their updates."""
    expected = secret.encode()

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            raise web.HTTPForbidden(text="wrong secret token")
        if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
            raise web.HTTPRequestEntityTooLarge(max_size=MAX_BODY_BYTES, actual_size=request.content_length)
        try:
            update = Update.de_json(await request.json(), app.bot)
        except web.HTTPRequestEntityTooLarge:
            raise
        except Exception:  # not JSON, or JSON that is no update: Telegram never sends it
            raise web.HTTPBadRequest(text="not a Telegram update") from None
        await app.update_queue.put(update)
        return web.Response(text="ok")

    web_app = web.Application(client_max_size=MAX_BODY_BYTES)  # also bounds a chunked body
    web_app.router.add_post("/" + path.strip("/"), receive)
    return web_app


@asynccontextmanager
async def serving_webhook(app: AnyApplication, telegram: TelegramSettings, secret: str) -> AsyncIterator[None]:
    """``app`` taking updates from our listener, with the webhook registered at Telegram."""
    runner = web.AppRunner(listener(app, path_of(telegram.webhook_url), secret), access_log=None)

    async def start() -> None:
        await runner.setup()
        await web.TCPSite(runner, telegram.webhook_listen, telegram.webhook_port).start()
        await app.bot.set_webhook(telegram.webhook_url, secret_token=secret, allowed_updates=Update.ALL_TYPES)
        log.info("listening for Telegram's posts on %s:%s", telegram.webhook_listen, telegram.webhook_port)

    async with running(app, start, runner.cleanup):
        yield


def path_of(url: str) -> str:
    """The path part of the public webhook URL, which the local listener serves."""
    after_host = url.split("://", 1)[-1]
    return after_host.partition("/")[2]
