"""A 30,000-row roster import into the database the running bot uses: people chatting meanwhile
are all answered (the import's write transaction is short), and the import is all there after."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import sys

import pytest

from bot.channels.telegram.errors import SORRY

from .chat import database_of, db_rows, plain
from .processes import REPO

ROWS = 30_000


def big_roster(path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["roster_key", "name", "phone", "district", "skills", "hours_per_week"])
        writer.writerows([f"SW-{i:05d}", f"社工{i}", f"139{i:08d}", "历下区", "心理咨询, 小组工作", "6"]
                         for i in range(ROWS))


@pytest.mark.slow
async def test_people_chatting_during_a_30000_row_import_are_all_answered(sandbox, tmp_path):
    roster = tmp_path / "big.csv"
    big_roster(roster)
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{database_of(sandbox)}"\n', encoding="utf-8")
    importing = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "import", "workers", str(roster), "--config", str(config),
        "--bot-username", "jinan_match_bot", cwd=REPO,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    people = []
    while importing.returncode is None and len(people) < 200:
        person = sandbox.user(100_000 + len(people), f"P{len(people)}", lang="en")
        await person.send("/start")
        people.append(person)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(importing.wait(), 0.15)
    _, err = await importing.communicate()
    assert importing.returncode == 0, err.decode()[-2000:]
    assert len(people) >= 10  # the import took long enough for people to chat during it
    for person in people:
        reply = await person.next_message(timeout=30)
        assert reply.text != SORRY and plain("en", "start.ask_role") in reply.text
    assert db_rows(sandbox, "SELECT count(*) FROM workers WHERE roster_key IS NOT NULL")[0][0] == ROWS
