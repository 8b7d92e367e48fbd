"""Run a python-telegram-bot Application against the emulator, and stop it cleanly.

It runs inside the caller's event loop, which ``run_polling`` does not allow, through
``bot.channels.telegram.lifecycle.running``: the same steps in the same order as ``matchbot run``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application, ApplicationBuilder

from bot.channels.telegram.lifecycle import running
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
    updater = app.updater
    assert updater is not None, "the Application must be built with an Updater"

    async def stop_polling() -> None:
        if updater.running:
            await updater.stop()

    async with running(app, lambda: updater.start_polling(poll_interval=0, timeout=POLL_TIMEOUT_SECONDS),
                       stop_polling):
        yield
