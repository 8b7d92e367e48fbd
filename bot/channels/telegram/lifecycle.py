"""Running an Application inside the caller's event loop, whatever brings its updates in.

The order of steps is the one ``Application.run_polling`` and ``run_webhook`` follow (initialize,
post_init, start receiving, start; then the reverse with post_stop and post_shutdown), so an
Application whose store opens in ``post_init`` behaves the same under polling, our webhook
listener, the sandbox and the tests.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


@asynccontextmanager
async def running(app: AnyApplication, start_receiving: Callable[[], Awaitable[Any]],
                  stop_receiving: Callable[[], Awaitable[Any]]) -> AsyncIterator[None]:
    """``app`` handling updates for the duration of the ``async with`` block."""
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await start_receiving()
        try:
            await app.start()
            yield
        finally:
            await stop_receiving()
            await _stop(app)
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def _stop(app: AnyApplication) -> None:
    if app.running:
        await app.stop()
    if app.post_stop is not None:
        await app.post_stop(app)
