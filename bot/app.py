"""Builds the python-telegram-bot Application: the same one `matchbot run`, the sandbox and the
end-to-end tests use, so what the tests drive is what runs in production."""

from __future__ import annotations

import logging

from telegram.ext import Application, ApplicationBuilder

from bot.channels.telegram.client import LaneRateLimiter, bot_urls
from bot.channels.telegram.context import SERVICES_KEY, services_of
from bot.channels.telegram.menu import publish_command_menu
from bot.channels.telegram.outbox import start_followups
from bot.channels.telegram.routes import register_handlers
from bot.clock import Clock
from bot.config import Settings
from bot.forms_catalog import all_forms
from bot.placements.rematcher import rematcher_of
from bot.services import Services
from bot.store import open_database

log = logging.getLogger(__name__)


def build_application(settings: Settings, *, clock: Clock | None = None) -> Application:
    """An Application wired to the configured Bot API address, database and handlers."""
    base_url, base_file_url = bot_urls(settings.telegram)
    builder = ApplicationBuilder()
    if settings.telegram.proxy:
        builder = builder.proxy(settings.telegram.proxy).get_updates_proxy(settings.telegram.proxy)
    app = (
        builder
        .token(settings.telegram.token)
        .base_url(base_url)
        .base_file_url(base_file_url)
        # One budget within Telegram's flood limits, replies ahead of the outbox; a 429 pauses
        # every send for its retry_after, then the call is retried.
        .rate_limiter(LaneRateLimiter(max_retries=3))
        # Updates are handled concurrently; every state change is guarded in one transaction.
        .concurrent_updates(True)
        .post_init(_open_services)
        .post_shutdown(_close_services)
        .build()
    )
    app.bot_data[SERVICES_KEY] = Services(settings=settings, clock=clock or Clock(), forms=all_forms())
    register_handlers(app)
    return app


async def _open_services(app: Application) -> None:
    services = services_of(app)
    db_settings = services.settings.database
    services.db = await open_database(db_settings.path, busy_timeout_ms=db_settings.busy_timeout_ms)
    log.info("database ready at %s", db_settings.path)
    await start_followups(app)
    await publish_command_menu(app.bot, services.settings.association.directors)


async def _close_services(app: Application) -> None:
    services = services_of(app)
    if services.db is not None:
        await rematcher_of(services).close()  # a rematch in flight finishes before the database closes
        await services.db.close()
        services.db = None
