"""The bot as a real process (`python -m bot.cli run`) against the in-process emulator."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.sandbox.emulator import Emulator

REPO = Path(__file__).resolve().parents[2]


def write_config(directory: Path, emulator: Emulator, database: Path, **sections: dict[str, Any]) -> Path:
    """A config.toml pointing the bot at ``emulator`` and ``database``, plus ``sections``."""
    tables = {"telegram": {"token": emulator.token, "base_url": emulator.url},
              "database": {"path": str(database)}, **sections}
    lines = []
    for name, keys in tables.items():
        lines.append(f"[{name}]")
        lines += [f"{key} = {json.dumps(value)}" for key, value in keys.items()]  # JSON scalars are TOML
        lines.append("")
    config = directory / "config.toml"
    config.write_text("\n".join(lines), encoding="utf-8")
    return config


async def start_bot(emulator: Emulator, config: Path, log: Path,
                    timeout: float = 60.0) -> asyncio.subprocess.Process:
    """`python -m bot.cli run`, returned once it polls the emulator for updates."""
    env = {k: v for k, v in os.environ.items() if k != "MATCHBOT_TOKEN"}
    polls_before = emulator.state.updates.polls_started
    with log.open("ab") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config),
            cwd=REPO, env=env, stdout=output, stderr=output)
    started = await emulator.state.signal.wait_for(
        lambda: emulator.state.updates.polls_started > polls_before or process.returncode is not None,
        timeout)
    if not started or process.returncode is not None:
        if process.returncode is None:
            process.kill()
            await process.wait()
        pytest.fail(f"the bot did not start polling; its log:\n{log.read_text(errors='replace')[-4000:]}")
    return process


@asynccontextmanager
async def bot_process(emulator: Emulator, config: Path, log: Path) -> AsyncIterator[asyncio.subprocess.Process]:
    """The bot running as a process while the block runs; killed at the end if still alive."""
    process = await start_bot(emulator, config, log)
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
