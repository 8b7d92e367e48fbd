"""Member profiles come out of the store as typed rows, one kind per table."""

from __future__ import annotations

import dataclasses

from datatools_seed import seeded_database

from bot.members import ngo_form, worker_form
from bot.store import members
from bot.store.members import MemberKind, NgoRow, WorkerRow


async def _columns(tx, table: str) -> set[str]:
    return set((await tx.fetchone(f"SELECT * FROM {table} LIMIT 1")).keys())


async def test_a_worker_comes_out_typed_with_its_json_columns_as_lists(tmp_path):
    async with seeded_database(tmp_path / "members.sqlite3") as (db, ids), db.snapshot() as tx:
        wang = await members.member_by_id(tx, MemberKind.WORKER, ids["wang"])
        by_person = await members.member_by_person(tx, MemberKind.WORKER, 201)
        missing = await members.member_by_id(tx, MemberKind.WORKER, 999)
        everyone = await members.every_member(tx, MemberKind.WORKER)
        verified = await members.verified_workers(tx)
        columns = await _columns(tx, "workers")
    assert isinstance(wang, WorkerRow) and missing is None and by_person == wang
    assert (wang.id, wang.person_id, wang.owner, wang.name, wang.status) == (ids["wang"], 201, 201, "王芳", "verified")
    assert wang.skills == ["psychological_counselling", "group_work"] and wang.fields == ["youth"]
    assert wang.languages == [] and wang.kind is MemberKind.WORKER
    assert columns == {f.name for f in dataclasses.fields(WorkerRow)}
    assert [w.id for w in everyone] == [ids["wang"], ids["zhao"], ids["liu"], ids["sun"]]
    assert [w.id for w in verified] == [ids["wang"], ids["zhao"]]
    assert all(isinstance(w, WorkerRow) for w in everyone + verified)
    assert wang.as_dict()["skills"] == ["psychological_counselling", "group_work"]
    assert set(wang.as_dict()) == columns


async def test_an_ngo_comes_out_typed_with_its_fields_as_a_list(tmp_path):
    async with seeded_database(tmp_path / "members.sqlite3") as (db, ids), db.snapshot() as tx:
        sunshine = await members.member_by_person(tx, MemberKind.NGO, 301)
        xinmiao = await members.member_by_id(tx, MemberKind.NGO, ids["xinmiao"])
        everyone = await members.every_member(tx, MemberKind.NGO)
        columns = await _columns(tx, "ngos")
    assert isinstance(sunshine, NgoRow) and sunshine.kind is MemberKind.NGO
    assert (sunshine.id, sunshine.director_person_id, sunshine.owner) == (ids["sunshine"], 301, 301)
    assert (sunshine.name, sunshine.director_name, sunshine.fields) == ("阳光心理服务中心", "李主任", [])
    assert xinmiao is not None and xinmiao.owner is None and xinmiao.status == "pending"
    assert columns == {f.name for f in dataclasses.fields(NgoRow)}
    assert [n.id for n in everyone] == [ids["sunshine"], ids["hemei"], ids["xinmiao"]]
    assert set(sunshine.as_dict()) == columns


async def test_the_edit_forms_start_from_the_stored_profiles(tmp_path):
    async with seeded_database(tmp_path / "members.sqlite3") as (db, ids), db.snapshot() as tx:
        wang = await members.member_by_id(tx, MemberKind.WORKER, ids["wang"])
        sunshine = await members.member_by_id(tx, MemberKind.NGO, ids["sunshine"])
    worker = worker_form.answers_from_columns(wang)
    assert (worker["name"], worker["fields"], worker["remote_ok"]) == ("王芳", ["youth"], "no")
    ngo = ngo_form.answers_from_columns(sunshine)
    assert (ngo["name"], ngo["registration"], ngo["incubated"]) == ("阳光心理服务中心", "not_yet", "no")
    assert "registration_number" not in ngo
