"""`matchbot run`: the bot for real, by long polling or by webhook as the config says."""

from __future__ import annotations

import argparse

from bot.commands._common import CommandFailed, add_config_argument, load_config

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
    from bot.logs import configure_logging

    settings = load_config(args)
    telegram = settings.telegram
    configure_logging(settings.logging.level, secrets=(telegram.token, telegram.webhook_secret_token))
    if not telegram.token:
        raise CommandFailed(NO_TOKEN)
    app = build_application(settings)
    if telegram.mode == "webhook":
        app.run_webhook(
            listen=telegram.webhook_listen, port=telegram.webhook_port,
            webhook_url=telegram.webhook_url, url_path=_path_of(telegram.webhook_url),
            secret_token=telegram.webhook_secret_token or None,
            allowed_updates=Update.ALL_TYPES,
        )
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def _path_of(url: str) -> str:
    """The path part of the public webhook URL, which the local listener serves."""
    after_host = url.split("://", 1)[-1]
    return after_host.partition("/")[2]
