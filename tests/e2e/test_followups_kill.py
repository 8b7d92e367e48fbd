"""kill -9 while 500 follow-ups go out, 50 times: none is lost, none arrives more than twice.

The bot runs as ``python -m bot.cli run`` against the emulator in this process and is killed with
SIGKILL at seeded random moments; every delivery is counted in the emulator. A message whose
send was cut short is sent once more; if that happens twice it is parked and the directors are told.
"""

from __future__ import annotations

import asyncio
import random
import signal
from collections import Counter
from pathlib import Path

import pytest

from bot.sandbox.emulator import Emulator

from .followups_kit import DIRECTORS, rows, until
from .processes import start_bot, write_config
from .test_followups_delivery import seed_notices

KILLS = 50
MESSAGES = 500
CHATS = list(range(6000, 6020))
PREFIX = "Kill test"
START_SECONDS = 60.0


def kill_test_config(directory: Path, emulator: Emulator) -> Path:
    return write_config(
        directory, emulator, directory / "kill.sqlite3",
        association={"directors": list(DIRECTORS), "default_language": "en"},
        followups={"dispatch_interval_seconds": 0.2, "quiet_hours_start": "00:00", "quiet_hours_end": "00:00"},
        logging={"level": "WARNING"})


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
    config, log, database = kill_test_config(tmp_path, emulator), tmp_path / "bot.log", tmp_path / "kill.sqlite3"
    await seed_notices(database, MESSAGES, CHATS, "2020-01-01T00:00:00Z", PREFIX)
    moments = random.Random(20261128)
    for _ in range(KILLS):
        process = await start_bot(emulator, config, log, START_SECONDS)
        await asyncio.sleep(moments.uniform(0.05, 0.9))  # the random moment of the crash, not a wait
        process.send_signal(signal.SIGKILL)
        assert await process.wait() == -signal.SIGKILL
    process = await start_bot(emulator, config, log, START_SECONDS)
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
