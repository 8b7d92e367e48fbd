"""Run a python-telegram-bot Application against the emulator, and stop it cleanly.

The order of steps is the one ``Application.run_polling`` follows (initialize, post_init,
start polling, start; then the reverse with post_stop and post_shutdown), so an Application
whose store opens in ``post_init`` behaves here exactly as under ``matchbot run``; but it runs
inside the caller's event loop, which ``run_polling`` does not allow.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application, ApplicationBuilder

from bot.sandbox.emulator import Emulator

# Long polls are cancelled client-side at shutdown, so a long timeout costs nothing.
POLL_TIMEOUT_SECONDS = 10


def builder_for(emulator: Emulator) -> ApplicationBuilder:
    """An ApplicationBuilder with token and URLs pointing at ``emulator``."""
    return (
        Application.builder()
        .token(emulator.token)
        .base_url(emulator.bot_base_url)
        .base_file_url(emulator.file_base_url)
    )


@asynccontextmanager
async def polling(app: Application[Any, Any, Any, Any, Any, Any]) -> AsyncIterator[None]:
    """Run ``app`` (polling for updates) for the duration of the ``async with`` block."""
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None, "the Application must be built with an Updater"
        await app.updater.start_polling(poll_interval=0, timeout=POLL_TIMEOUT_SECONDS)
        await app.start()
        try:
            yield
        finally:
            await _stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def _stop(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    if app.post_stop is not None:
        await app.post_stop(app)
