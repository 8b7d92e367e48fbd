"""`matchbot run`: the bot for real, by long polling or by webhook as the config says."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from contextlib import AbstractAsyncContextManager

from bot.commands._common import CommandFailed, add_config_argument, load_config
from bot.commands._database import database_errors
from bot.config import Settings
from bot.store import open_database

log = logging.getLogger(__name__)

NO_TOKEN = """\
No bot token is set. To run matchbot for real:
  1. In Telegram, open a chat with @BotFather, send /newbot and follow its questions.
  2. Put the token it gives you in config.toml ([telegram] token = "...")
     or in the environment variable MATCHBOT_TOKEN.
  3. Run `matchbot run --config config.toml` again.
To try the bot without a token, run `make sandbox` (or `matchbot sandbox`)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run", help="start the bot (polling or webhook, as configured)",
        description="Start the bot with the token from the config or MATCHBOT_TOKEN. "
                    "Migrates the database first. Stops cleanly on Ctrl+C or SIGTERM.",
    )
    add_config_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from telegram import Update

    from bot.app import build_application
    from bot.channels.telegram.webhook import new_secret_token, serving_webhook
    from bot.logs import configure_logging

    settings = load_config(args)
    telegram = settings.telegram
    secret = telegram.webhook_secret_token
    if telegram.mode == "webhook" and not secret:
        secret = new_secret_token()  # never a webhook anyone may post to
    configure_logging(settings.logging.level, secrets=(telegram.token, secret, telegram.proxy))
    if not telegram.token:
        raise CommandFailed(NO_TOKEN)
    with database_errors(settings.database.path):
        asyncio.run(_migrate(settings))
    _wait_for_telegram(settings)
    app = build_application(settings)
    if telegram.mode == "webhook":
        if not telegram.webhook_secret_token:
            log.warning("telegram.webhook_secret_token is not set: generated one for this run "
                        "(set your own in the config to keep the same one across restarts)")
        asyncio.run(_until_stopped(serving_webhook(app, telegram, secret)))
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


async def _migrate(settings: Settings) -> None:
    """Open and migrate the database before anything else, so a bad file is one clear line."""
    db = await open_database(settings.database.path, busy_timeout_ms=settings.database.busy_timeout_ms)
    await db.close()


def _wait_for_telegram(settings: Settings) -> None:
    from bot.channels.telegram.client import TokenRefused, wait_for_bot_api

    try:
        username = asyncio.run(wait_for_bot_api(settings.telegram))
    except TokenRefused as refused:
        raise CommandFailed(str(refused)) from None
    log.info("the Bot API answers: this is @%s", username)


async def _until_stopped(serving: AbstractAsyncContextManager[None]) -> None:
    """Serve until Ctrl+C or SIGTERM, then stop cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with serving:
        await stop.wait()
