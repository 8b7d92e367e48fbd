"""Fixtures for the web chat in real headless Chromium (Debian's package, driven by Playwright).

The whole sandbox (emulator, web chat, the real bot on a seeded database) runs in the test's
event loop on a free port. Chromium is not downloaded by Playwright: the system one is used.
When it is missing the tests skip, except under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

from bot.config import default_settings
from bot.sandbox.runner import SandboxPlan, run_sandbox

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 30


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = (f"{CHROMIUM} is missing: install it with scripts/install-system-packages.sh "
               "(Debian package 'chromium') to run the web chat tests")
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    _require_chromium()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def sandbox_url(tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a running sandbox on a fresh, seeded database."""
    ready: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    stop = asyncio.Event()
    plan = SandboxPlan(database=tmp_path / "sandbox.sqlite3", port=0)
    running = asyncio.create_task(
        run_sandbox(default_settings(), plan, stop, on_ready=ready.set_result)
    )
    try:
        done, _ = await asyncio.wait({ready, running}, timeout=STARTUP_SECONDS,
                                     return_when=asyncio.FIRST_COMPLETED)
        if running in done:
            running.result()  # raises what stopped it
        if ready not in done:
            pytest.fail(f"the sandbox did not start within {STARTUP_SECONDS}s")
        yield ready.result()
    finally:
        stop.set()
        await running


@pytest.fixture
async def page(browser: Browser, sandbox_url: str) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 1100, "height": 760}, locale="en-US")
    opened = await context.new_page()
    await opened.goto(sandbox_url)
    try:
        yield opened
    finally:
        await context.close()
