"""What every handler and job needs, built once per Application and kept in ``bot_data``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.clock import Clock
from bot.config import Settings
from bot.store import Database

SERVICES_KEY = "services"


@dataclass
class Services:
    """The settings, the clock and (once the Application is initialised) the database."""

    settings: Settings
    clock: Clock
    db: Database | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def database(self) -> Database:
        if self.db is None:
            raise RuntimeError("the database is opened in post_init; the Application is not running")
        return self.db

    def is_director(self, telegram_id: int) -> bool:
        return self.settings.is_director(telegram_id)


def services_of(source: Application | CallbackContext) -> Services:
    """The Services of an Application, or of the Application behind a handler's context."""
    app = source if isinstance(source, Application) else source.application
    return app.bot_data[SERVICES_KEY]
