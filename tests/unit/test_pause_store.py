"""SQL of pauses on a real database file: which pauses end on a day, and what a resume may touch."""

from __future__ import annotations

import pytest

from bot.store import members, open_database, pauses, users
from bot.store.members import MemberKind

NOW = "2026-12-02T02:00:00Z"


@pytest.fixture
async def db(tmp_path):
    database = await open_database(tmp_path / "pauses.sqlite3")
    yield database
    await database.close()


async def paused_worker(db, telegram_id: int, name: str, until: str | None) -> int:
    values = {"name": name, "phone": "+8613912340000", "district": "shizhong", "skills_text": "", "skills": [],
              "fields": [], "languages": [], "certification": "none", "years_experience": 0, "hours_per_week": 10,
              "max_placements": 1, "remote_ok": 0, "introduction": ""}
    async with db.transaction() as tx:
        person = await users.touch_account(tx, users.TELEGRAM, telegram_id, name, None, "zh", NOW)
        worker_id = await members.insert_member(tx, MemberKind.WORKER, person.person_id, values, NOW)
        await tx.execute("UPDATE workers SET status = 'verified' WHERE id = ?", (worker_id,))
        assert await pauses.pause(tx, "worker", worker_id, until, NOW) == "verified"
    return worker_id


async def test_a_pause_ends_on_its_date_and_not_the_day_before(db):
    dated = await paused_worker(db, 201, "王芳", "2026-12-05")
    await paused_worker(db, 202, "赵磊", None)  # no end date: ends only by a resume
    async with db.transaction() as tx:
        assert await pauses.pauses_ending(tx, "2026-12-04") == []
        assert [m.id for m in await pauses.pauses_ending(tx, "2026-12-05")] == [dated]


async def test_an_erased_profile_stays_paused_whatever_its_date(db):
    worker_id = await paused_worker(db, 201, "王芳", "2026-12-05")
    async with db.transaction() as tx:  # what erasure leaves: no person, still paused
        await tx.execute("UPDATE workers SET person_id = NULL WHERE id = ?", (worker_id,))
        assert await pauses.pauses_ending(tx, "2026-12-31") == []
        assert not await pauses.resume(tx, "worker", worker_id, NOW)
        assert (await pauses.member(tx, "worker", worker_id)).status == "paused"


async def test_only_a_verified_or_paused_member_can_be_paused(db):
    worker_id = await paused_worker(db, 201, "王芳", None)
    async with db.transaction() as tx:
        assert await pauses.pause(tx, "worker", worker_id, "2026-12-20", NOW) == "paused"  # a new date
        await tx.execute("UPDATE workers SET status = 'pending' WHERE id = ?", (worker_id,))
        assert await pauses.pause(tx, "worker", worker_id, None, NOW) is None
        assert not await pauses.resume(tx, "worker", worker_id, NOW)
