"""`matchbot sandbox` end to end: emulator + web chat + the real bot on a seeded database.

Everything runs in one event loop: the emulator serves the Bot API and the web chat on one
port, the Application polls it exactly as it would poll Telegram, and the web chat's
"skip ahead" moves the same :class:`~bot.clock.Clock` the bot schedules with.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.app import build_application
from bot.channels.telegram.outbox import wake_dispatcher
from bot.clock import Clock, to_iso
from bot.config import Settings
from bot.placements.proposals import rematch
from bot.sandbox.application import polling
from bot.sandbox.emulator import DEFAULT_TOKEN, Emulator
from bot.sandbox.personas import FIRST_NEW_USER_ID, personas_from_seed
from bot.sandbox.seed import Seed, load_seed
from bot.sandbox.seeding import seed_database
from bot.sandbox.webchat import WebChat
from bot.services import Services
from bot.store import open_database, users

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
ApplicationFactory = Callable[[Settings, Clock], AnyApplication]


@dataclass(frozen=True)
class SandboxPlan:
    """Where the sandbox listens and which database file it plays with."""

    database: Path
    port: int
    host: str = "127.0.0.1"


def sandbox_settings(settings: Settings, *, emulator_url: str, token: str, database: Path,
                     seed: Seed) -> Settings:
    """The operator's settings pointed at the emulator (``emulator_url``) and the sandbox database.

    The seeded association director is added to the configured ones, so the director persona
    has the director's powers.
    """
    directors = settings.association.directors
    if seed.director.telegram_id not in directors:
        directors = (*directors, seed.director.telegram_id)
    return dataclasses.replace(
        settings,
        telegram=dataclasses.replace(
            settings.telegram, token=token, base_url=emulator_url, mode="polling"
        ),
        database=dataclasses.replace(settings.database, path=database),
        association=dataclasses.replace(settings.association, directors=directors),
    )


async def run_sandbox(
    settings: Settings,
    plan: SandboxPlan,
    stop: asyncio.Event,
    *,
    on_ready: Callable[[str], None] = lambda url: None,
    application_factory: ApplicationFactory | None = None,
    seed: Seed | None = None,
) -> None:
    """Serve the sandbox until ``stop`` is set; ``on_ready`` gets the web chat's URL."""
    seed = seed or load_seed()
    clock = Clock()
    webchat = WebChat(list(personas_from_seed(seed)), clock)
    emulator = Emulator(DEFAULT_TOKEN, clock=clock, extra_routes=webchat.mount)
    await emulator.start(plan.host, plan.port)
    try:
        bot_settings = sandbox_settings(
            settings, emulator_url=emulator.url, token=emulator.token, database=plan.database,
            seed=seed,
        )
        webchat.continue_new_users_after(await _seed_once(bot_settings, seed, clock))
        factory = application_factory or _build_real_application
        app = factory(bot_settings, clock)

        async def send_what_fell_due() -> None:  # "skip ahead": due follow-ups go out at once
            wake_dispatcher(app)

        webchat.after_clock_moved = send_what_fell_due
        async with polling(app):
            on_ready(f"{emulator.url}/")
            await stop.wait()
    finally:
        await emulator.close()


async def _seed_once(settings: Settings, seed: Seed, clock: Clock) -> int | None:
    """Seed a new sandbox database, then run the matcher once so the director's queue has
    proposals to decide from the first minute. Returns the highest new-user id already used."""
    store = await open_database(settings.database.path,
                                busy_timeout_ms=settings.database.busy_timeout_ms)
    try:
        if await seed_database(store, seed, clock=clock):
            async with store.transaction() as tx:
                await rematch(Services(settings=settings, clock=clock, db=store), tx, to_iso(clock.now()))
        async with store.snapshot() as tx:
            return await users.highest_account_from(tx, users.TELEGRAM, FIRST_NEW_USER_ID)
    finally:
        await store.close()


def _build_real_application(settings: Settings, clock: Clock) -> AnyApplication:
    return build_application(settings, clock=clock)
