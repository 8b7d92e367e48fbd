"""The outbox table on real SQLite files: claims, outcomes, answers and cancellations."""

from __future__ import annotations

import asyncio

import pytest

from bot.store import Database, followups, open_database

NOW = "2026-11-28T02:00:00Z"
LATER = "2026-11-28T03:00:00Z"


@pytest.fixture
async def db(tmp_path):
    database = await open_database(tmp_path / "outbox.sqlite3")
    yield database
    await database.close()


async def add(db: Database, count: int = 1) -> list[int]:
    """``count`` notices due now, each to a different person."""
    async with db.transaction() as tx:
        return [await followups.insert(tx, "notice", 100 + n, NOW, NOW, payload={"message": {"text": f"#{n}"}})
                for n in range(count)]


async def claim_one(db: Database, *, excluded=(), allow_non_urgent: bool = True) -> int | None:
    async with db.transaction() as tx:
        row = await followups.next_due(tx, NOW, allow_non_urgent=allow_non_urgent, excluded=excluded)
        if row is None or not await followups.claim(tx, row.id, NOW, row.payload):
            return None
        return row.id


async def test_two_processes_claiming_at_once_never_claim_the_same_row(tmp_path, db):
    ids = await add(db, 120)
    other = await open_database(tmp_path / "outbox.sqlite3")   # a second connection, as a second process
    try:
        async def claimer(database: Database) -> list[int]:
            claimed = []
            while (row_id := await claim_one(database)) is not None:
                claimed.append(row_id)
            return claimed
        first, second = await asyncio.gather(claimer(db), claimer(other))
    finally:
        await other.close()
    assert sorted(first + second) == ids
    assert not set(first) & set(second)


async def test_due_rows_come_urgent_first_then_oldest_and_skip_busy_chats(db):
    async with db.transaction() as tx:
        old = await followups.insert(tx, "notice", 1, "2026-11-28T01:00:00Z", NOW)
        urgent = await followups.insert(tx, "alert", 2, NOW, NOW, urgent=True)
        await followups.insert(tx, "notice", 3, LATER, NOW)                 # not due yet
        expiry = await followups.insert(tx, "offer_expiry", 0, "2026-11-27T00:00:00Z", NOW)
        await tx.execute("INSERT INTO people (id, created_at, updated_at) VALUES (1, ?, ?)", (NOW, NOW))
        await tx.execute("INSERT INTO accounts (channel, external_id, person_id) VALUES ('telegram', 1001, 1)")
    assert await claim_one(db) == urgent
    assert await claim_one(db, excluded=[1]) == old  # busy chats are the channel's: person 1 is chat 1001
    async with db.transaction() as tx:
        await tx.execute("UPDATE followups SET status = 'pending' WHERE id = ?", (old,))
    assert await claim_one(db, excluded=[1001]) is None
    assert await claim_one(db) == old
    async with db.transaction() as tx:
        action = await followups.next_due(tx, NOW, allow_non_urgent=True, kinds=followups.ACTION_KINDS)
    assert action is not None and action.id == expiry


async def test_quiet_hours_leave_only_urgent_rows_to_claim(db):
    [ordinary] = await add(db)
    assert await claim_one(db, allow_non_urgent=False) is None
    async with db.snapshot() as tx:
        assert not await followups.due_exists(tx, NOW, allow_non_urgent=False)
        assert await followups.due_exists(tx, NOW, allow_non_urgent=True)
    assert await claim_one(db) == ordinary


async def test_the_second_unknown_outcome_parks_the_row(db):
    [row_id] = await add(db)
    assert await claim_one(db) == row_id
    async with db.transaction() as tx:
        assert await followups.count_unknown(tx, row_id, "timed out", 2) == "pending"
    assert await claim_one(db) == row_id
    async with db.transaction() as tx:
        assert await followups.count_unknown(tx, row_id, "timed out", 2) == "parked"
        assert await followups.count_unknown(tx, row_id, "again", 2) is None   # only rows in 'sending'
        row = await followups.get(tx, row_id)
    assert (row.status, row.unknown_outcomes, row.attempts) == ("parked", 2, 2)


async def test_rows_left_sending_are_found_unless_still_in_flight_here(db):
    ids = await add(db, 3)
    for _ in ids:
        await claim_one(db)
    async with db.snapshot() as tx:
        assert [r.id for r in await followups.sending_rows(tx)] == ids
        assert [r.id for r in await followups.sending_rows(tx, LATER, {ids[0]})] == ids[1:]
        assert await followups.sending_rows(tx, NOW) == []   # claimed at NOW: not before it


async def test_sent_retry_and_failed_only_move_a_row_that_is_being_sent(db):
    first, second, third = await add(db, 3)
    async with db.transaction() as tx:
        assert not await followups.mark_sent(tx, first, NOW)       # still pending
    for _ in range(3):
        await claim_one(db)
    async with db.transaction() as tx:
        assert await followups.mark_sent(tx, first, NOW)
        assert await followups.retry_later(tx, second, LATER, "502")
        assert await followups.mark_failed(tx, third, "400")
        assert not await followups.retry_later(tx, first, LATER, "late answer")
        found = [await followups.get(tx, i) for i in (first, second, third)]
    states = [(r.status, r.due_at, r.last_error) for r in found]
    assert states == [("sent", NOW, None), ("pending", LATER, "502"), ("failed", NOW, "400")]


async def test_a_check_in_is_answered_once_by_its_recipient_after_it_went_out(db):
    async with db.transaction() as tx:
        row_id = await followups.insert(tx, "checkin", 201, NOW, NOW, payload={"side": "worker", "day": 7})
        assert not await followups.record_answer(tx, row_id, 201, {"rating": 4}, NOW)   # not sent yet
    await claim_one(db)
    async with db.transaction() as tx:
        assert not await followups.record_answer(tx, row_id, 202, {"rating": 1}, NOW)   # someone else
        assert await followups.record_answer(tx, row_id, 201, {"rating": 4}, NOW)
        assert not await followups.record_answer(tx, row_id, 201, {"rating": 5}, NOW)   # once
        assert await followups.add_to_answer(tx, row_id, 201, {"hours": 12}) == {"rating": 4, "hours": 12}
        assert await followups.mark_sent(tx, row_id, LATER)                           # the late record
        row = await followups.get(tx, row_id)
    assert (row.status, row.answer, row.sent_at) == ("answered", {"rating": 4, "hours": 12}, LATER)


async def test_cancelling_a_persons_follow_ups_leaves_other_people_and_sent_rows_alone(db):
    async with db.transaction() as tx:
        mine = [await followups.insert(tx, "checkin", 201, LATER, NOW) for _ in range(2)]
        theirs = await followups.insert(tx, "checkin", 301, LATER, NOW)
        assert await followups.cancel_for_recipient(tx, 201, "unreachable") == 2
        states = {i: (await followups.get(tx, i)).status for i in (*mine, theirs)}
    assert states == {mine[0]: "cancelled", mine[1]: "cancelled", theirs: "pending"}
