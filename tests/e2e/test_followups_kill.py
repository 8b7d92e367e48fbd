"""kill -9 while 500 follow-ups go out, 50 times: none is lost, none arrives more than twice.

The bot runs as ``python -m bot.cli run`` against the emulator in this process and is killed with
SIGKILL at seeded random moments; every delivery is counted in the emulator. A message whose
send was cut short is sent once more; if that happens twice it is parked and the directors are told.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.sandbox import Emulator

from .followups_kit import DIRECTORS, rows, until
from .test_followups_delivery import seed_notices

REPO = Path(__file__).resolve().parents[2]
KILLS = 50
MESSAGES = 500
CHATS = list(range(6000, 6020))
PREFIX = "Kill test"
START_SECONDS = 60.0


def write_config(directory: Path, emulator: Emulator) -> Path:
    config = directory / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "{emulator.token}"\nbase_url = "{emulator.url}"\n\n'
        f'[database]\npath = "{directory / "kill.sqlite3"}"\n\n'
        f'[association]\ndirectors = [{DIRECTORS[0]}, {DIRECTORS[1]}]\ndefault_language = "en"\n\n'
        '[followups]\ndispatch_interval_seconds = 0.2\nquiet_hours_start = "00:00"\nquiet_hours_end = "00:00"\n\n'
        '[logging]\nlevel = "WARNING"\n', encoding="utf-8")
    return config


async def start_bot(emulator: Emulator, config: Path, log: Path) -> asyncio.subprocess.Process:
    """`python -m bot.cli run`, returned once it polls for updates (its dispatcher then starts)."""
    env = {k: v for k, v in os.environ.items() if k != "MATCHBOT_TOKEN"}
    polls_before = emulator.state.updates.polls_started
    with log.open("ab") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config),
            cwd=REPO, env=env, stdout=output, stderr=output)
    started = await emulator.state.signal.wait_for(
        lambda: emulator.state.updates.polls_started > polls_before or process.returncode is not None,
        START_SECONDS)
    if not started or process.returncode is not None:
        process.kill()
        pytest.fail(f"the bot did not start; its log:\n{log.read_text(errors='replace')[-4000:]}")
    return process


def delivered(emulator: Emulator) -> Counter[str]:
    return Counter(m.text for chat_id in CHATS for m in emulator.state.chat(chat_id).bot_messages()
                   if m.text and m.text.startswith(PREFIX))


def settled(database: Path) -> bool:
    return not rows(database, "SELECT id FROM followups WHERE status IN ('pending', 'sending') "
                              "AND kind IN ('notice', 'alert')")


@pytest.mark.slow
async def test_killing_the_bot_at_random_moments_loses_nothing_and_duplicates_at_most_once(emulator, tmp_path):
    for chat_id in (*CHATS, *DIRECTORS):
        emulator.person(chat_id, f"Person {chat_id}", language_code="en")
    config, log, database = write_config(tmp_path, emulator), tmp_path / "bot.log", tmp_path / "kill.sqlite3"
    await seed_notices(database, MESSAGES, CHATS, "2020-01-01T00:00:00Z", PREFIX)
    moments = random.Random(20261128)
    for _ in range(KILLS):
        process = await start_bot(emulator, config, log)
        await asyncio.sleep(moments.uniform(0.05, 0.9))  # the random moment of the crash, not a wait
        process.send_signal(signal.SIGKILL)
        assert await process.wait() == -signal.SIGKILL
    process = await start_bot(emulator, config, log)
    try:
        await until(lambda: settled(database), "every follow-up to be sent or parked", timeout=120)
    finally:
        process.send_signal(signal.SIGTERM)
        await process.wait()

    counts = delivered(emulator)
    seeded = rows(database, "SELECT id, status, json_extract(payload, '$.message.text') AS text FROM followups "
                            "WHERE kind = 'notice' AND json_extract(payload, '$.message.text') LIKE ?", f"{PREFIX}%")
    assert len(seeded) == MESSAGES
    assert max(counts.values()) <= 2, "a message arrived three times"
    for row in seeded:
        assert row["status"] in ("sent", "parked"), dict(row)
        if row["status"] == "sent":
            assert counts[row["text"]] >= 1, f"{row['text']} is recorded as sent but never arrived"
        else:
            told = rows(database, "SELECT status FROM followups WHERE json_extract(payload, '$.about') = ?", row["id"])
            assert len(told) == len(DIRECTORS) and all(r["status"] in ("sent", "parked") for r in told)
    duplicates = sum(1 for n in counts.values() if n == 2)
    parked = sum(1 for row in seeded if row["status"] == "parked")
    print(f"{KILLS} kills: {len(counts)} of {MESSAGES} delivered, {duplicates} twice, {parked} parked")
