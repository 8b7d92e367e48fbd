"""Fixtures: the emulator on a free port in the test's event loop, and a bot polling it.

``emulator``      the emulator alone
``bot_client``    a raw telegram.Bot talking to it (for method-by-method checks)
``tiny_sandbox``  emulator + the small test bot of ``tiny_bot.py``, polling
``sandbox``       emulator + the real Application (``bot.app.build_application``) on a fresh
                  database file, polling; the association director is ``DIRECTOR_ID``
Everything is shut down at the end of the test, the Application before the emulator.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import telegram

from bot.app import build_application
from bot.clock import Clock
from bot.config import default_settings
from bot.sandbox.application import polling
from bot.sandbox.emulator import Emulator

from .driver import Sandbox
from .tiny_bot import build_tiny_bot

DIRECTOR_ID = 9001
DIRECTORS = (9001, 9002)  # the `cycle` fixture's two association directors


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator() as running:
        yield running


@pytest.fixture
async def bot_client(emulator: Emulator) -> AsyncIterator[telegram.Bot]:
    client = telegram.Bot(
        emulator.token, base_url=emulator.bot_base_url, base_file_url=emulator.file_base_url
    )
    async with client:
        yield client


@pytest.fixture
async def tiny_sandbox(emulator: Emulator) -> AsyncIterator[Sandbox]:
    app = build_tiny_bot(emulator)
    async with polling(app):
        yield Sandbox(emulator, app)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def bot_settings(emulator: Emulator, database: Path, directors: tuple[int, ...], **sections: dict):
    """Settings of a bot talking to ``emulator`` on its own database file. Rematches are solved
    in a thread: a solver process per Application would cost seconds a test
    (``test_rematch_process.py`` runs the process)."""

    association = {"directors": list(directors), **sections.pop("association", {})}
    rematch = {"solver": "thread", **sections.pop("rematch", {})}
    return default_settings(
        telegram={"token": emulator.token, "base_url": emulator.url},
        database={"path": str(database)}, association=association, rematch=rematch, **sections,
    )


@pytest.fixture
async def sandbox(emulator: Emulator, tmp_path: Path, clock: Clock) -> AsyncIterator[Sandbox]:
    """The bot with one association director, DIRECTOR_ID."""
    settings = bot_settings(emulator, tmp_path / "e2e.sqlite3", (DIRECTOR_ID,))
    async with polling_sandbox(emulator, settings, clock) as running:
        yield running


@pytest.fixture
async def cycle(emulator: Emulator, tmp_path: Path) -> AsyncIterator[Sandbox]:
    """The bot with two association directors (DIRECTORS), English by default."""
    settings = bot_settings(emulator, tmp_path / "cycle.sqlite3", DIRECTORS,
                            association={"default_language": "en"})
    async with polling_sandbox(emulator, settings, Clock()) as running:
        yield running


@asynccontextmanager
async def polling_sandbox(emulator: Emulator, settings, clock: Clock) -> AsyncIterator[Sandbox]:
    """The real Application (as `matchbot run` builds it) polling the emulator."""

    app = build_application(settings, clock=clock)
    async with polling(app):
        yield Sandbox(emulator, app)
