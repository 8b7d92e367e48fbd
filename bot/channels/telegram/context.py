"""Where a Telegram Application keeps the bot's Services: in ``bot_data``, under one key."""

from __future__ import annotations

from telegram.ext import Application, CallbackContext

from bot.services import Services

SERVICES_KEY = "services"


def services_of(source: Application | CallbackContext) -> Services:
    """The Services of an Application, or of the Application behind a handler's context."""
    app = source if isinstance(source, Application) else source.application
    return app.bot_data[SERVICES_KEY]
