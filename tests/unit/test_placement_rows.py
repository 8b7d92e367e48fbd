"""The store hands placements out as typed rows, found by what the caller wants."""

from __future__ import annotations

import dataclasses

import pytest
from datatools_seed import DIRECTOR, WANG_PHONE, seeded_database

from bot.store import placements
from bot.store.members import MemberKind
from bot.store.placements import PlacementDetails


@pytest.fixture
async def seeded(tmp_path):
    async with seeded_database(tmp_path / "rows.sqlite3") as found:
        yield found


async def test_a_placement_comes_out_typed_with_its_request_ngo_and_worker(seeded):
    db, ids = seeded
    async with db.snapshot() as tx:
        p = await placements.detail(tx, ids["p1"])
    assert isinstance(p, PlacementDetails)
    assert (p.id, p.request_id, p.worker_id, p.status) == (ids["p1"], ids["r1"], ids["wang"], "active")
    assert (p.title, p.ngo_name) == ("社区心理支持", "阳光心理服务中心")
    assert (p.worker_name, p.worker_phone) == ("王芳", WANG_PHONE)
    assert p.request_skills == ["psychological_counselling"]          # JSON columns come out as lists
    assert p.worker_skills == ["psychological_counselling", "group_work"]
    assert p.reasons == []
    assert (p.worker_person_id, p.ngo_person_id, p.decided_by) == (201, 301, DIRECTOR)
    assert (p.worker_language, p.ngo_language, p.decided_by_name) == ("zh", "zh", "张主任")
    assert p.answer_of("worker") is None and p.person_id_of("ngo") == 301 and p.name_of("ngo") == p.ngo_name
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.status = "completed"  # type: ignore[misc]
    assert p.as_dict()["title"] == "社区心理支持" and set(p.as_dict()) == {f.name for f in dataclasses.fields(p)}


async def test_every_column_of_the_row_is_a_field_and_every_field_a_column(seeded):
    db, ids = seeded
    async with db.snapshot() as tx:
        row = await tx.fetchone(placements._DETAIL + " WHERE p.id = ?", (ids["p1"],))
    assert set(row.keys()) == {f.name for f in dataclasses.fields(PlacementDetails)}


async def test_a_missing_placement_is_none(seeded):
    db, _ = seeded
    async with db.snapshot() as tx:
        assert await placements.detail(tx, 999) is None


async def test_placements_are_found_by_what_the_caller_wants(seeded):
    db, ids = seeded
    async with db.snapshot() as tx:
        waiting = await placements.proposals_waiting(tx)
        of_wang = await placements.placements_of_member(tx, MemberKind.WORKER, ids["wang"])
        of_hemei = await placements.placements_of_member(tx, MemberKind.NGO, ids["hemei"])
        of_r1 = await placements.placements_of_request(tx, ids["r1"])
        active_wang = await placements.active_placements_of_worker(tx, ids["wang"])
        active_zhao = await placements.active_placements_of_worker(tx, ids["zhao"])
        ended = await placements.placements_with_status(tx, ("completed", "rejected"))
        own = await placements.placements_with_status(tx, ("active", "rejected", "proposed"), person_id=201)
    assert [p.id for p in waiting] == [ids["p4"]]
    assert [p.id for p in of_wang] == [ids["p3"], ids["p1"]]           # newest first
    assert [p.id for p in of_hemei] == [ids["p4"], ids["p2"]]
    assert [p.id for p in of_r1] == [ids["p1"]]
    assert [p.id for p in active_wang] == [ids["p1"]] and active_zhao == []
    assert [p.id for p in ended] == [ids["p3"], ids["p2"]]
    assert [p.id for p in own] == [ids["p3"], ids["p1"]]               # only where 201 is a side


async def test_places_held_are_counted_per_worker_and_per_request(seeded):
    db, ids = seeded
    async with db.snapshot() as tx:
        per_worker = await placements.holding_per_worker(tx)
        per_request = await placements.holding_per_request(tx)
    assert per_worker == {ids["wang"]: 1} and per_request == {ids["r1"]: 1}   # only P1 is active
