"""A state change happens only from the state the caller saw, and is audited in the same call."""

from __future__ import annotations

import pytest
from datatools_seed import DIRECTOR, seeded_database

from bot.store import audit
from bot.store.transitions import transition

AT = "2026-11-01T09:00:00Z"


@pytest.fixture
async def seeded(tmp_path):
    async with seeded_database(tmp_path / "transitions.sqlite3") as found:
        yield found


async def _audit_rows(tx, entity: str, entity_id: int) -> list[tuple]:
    rows = await tx.fetchall("SELECT actor, action, old_state, new_state, detail, at FROM audit_log "
                             "WHERE entity = ? AND entity_id = ? ORDER BY id", (entity, entity_id))
    return [tuple(row) for row in rows]


async def test_a_transition_changes_the_row_and_writes_its_audit_row(seeded):
    db, ids = seeded
    async with db.transaction() as tx:
        moved = await transition(tx, "placement", ids["p4"], old="proposed", new="offered", actor=DIRECTOR,
                                 action="approved", at=AT, decided_by=DIRECTOR, decided_at=AT, offered_at=AT)
        row = await tx.fetchone("SELECT status, updated_at, decided_by, offered_at FROM placements WHERE id = ?",
                                (ids["p4"],))
        audited = await _audit_rows(tx, "placement", ids["p4"])
    assert moved
    assert tuple(row) == ("offered", AT, DIRECTOR, AT)
    assert audited == [(DIRECTOR, "approved", "proposed", "offered", None, AT)]


async def test_a_row_no_longer_in_the_expected_state_is_left_alone_and_nothing_is_audited(seeded):
    db, ids = seeded
    async with db.transaction() as tx:
        before = await _audit_rows(tx, "placement", ids["p1"])
        moved = await transition(tx, "placement", ids["p1"], old="proposed", new="withdrawn", actor=None,
                                 action="withdrawn", at=AT, detail="no room left")
        status = await tx.fetchval("SELECT status FROM placements WHERE id = ?", (ids["p1"],))
        after = await _audit_rows(tx, "placement", ids["p1"])
        gone = await transition(tx, "placement", 999, old="proposed", new="withdrawn", actor=None,
                                action="withdrawn", at=AT)
        nothing = await tx.fetchval("SELECT count(*) FROM audit_log WHERE entity_id = 999")
    assert not moved and status == "active" and after == before
    assert not gone and nothing == 0


async def test_member_and_request_statuses_move_the_same_way(seeded):
    db, ids = seeded
    async with db.transaction() as tx:
        verified = await transition(tx, "worker", ids["liu"], old="pending", new="verified", actor=DIRECTOR,
                                    action="verified", at=AT, status_reason=None)
        twice = await transition(tx, "worker", ids["liu"], old="pending", new="rejected", actor=DIRECTOR,
                                 action="rejected", at=AT, detail="late", status_reason="late")
        reopened = await transition(tx, "request", ids["r2"], old="filled", new="open", actor=None,
                                    action="reopened", at=AT)
        worker = await tx.fetchone("SELECT status, status_reason FROM workers WHERE id = ?", (ids["liu"],))
        request = await tx.fetchval("SELECT status FROM requests WHERE id = ?", (ids["r2"],))
        worker_audit = await _audit_rows(tx, "worker", ids["liu"])
        request_audit = await _audit_rows(tx, "request", ids["r2"])
    assert verified and not twice and reopened
    assert tuple(worker) == ("verified", None) and request == "open"
    assert worker_audit == [(DIRECTOR, "verified", "pending", "verified", None, AT)]
    assert request_audit == [(None, "reopened", "filled", "open", None, AT)]


async def test_an_unknown_entity_is_refused(seeded):
    db, _ = seeded
    async with db.transaction() as tx:
        with pytest.raises(KeyError):
            await transition(tx, "users", 1, old="a", new="b", actor=None, action="x", at=AT)


async def test_audit_options_are_keywords(seeded):
    db, ids = seeded
    async with db.transaction() as tx:
        with pytest.raises(TypeError):
            await audit.record(tx, DIRECTOR, "noted", "worker", ids["wang"], AT)  # type: ignore[misc]
        await audit.record(tx, actor=DIRECTOR, action="noted", entity="worker", entity_id=ids["wang"], at=AT,
                           detail="reliable")
        notes = await audit.notes_on(tx, "worker", ids["wang"])
    assert [(n["at"], n["text"]) for n in notes] == [(AT, "reliable")]
