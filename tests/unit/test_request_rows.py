"""Talent requests come out of the store as typed rows."""

from __future__ import annotations

import dataclasses

from datatools_seed import seeded_database

from bot.store import requests
from bot.store.requests import RequestRow
from bot.talent_requests.form import answers_from_columns


async def test_a_request_comes_out_typed_with_its_json_columns_as_lists(tmp_path):
    async with seeded_database(tmp_path / "requests.sqlite3") as (db, ids), db.snapshot() as tx:
        r1 = await requests.request_by_id(tx, ids["r1"])
        missing = await requests.request_by_id(tx, 999)
        of_sunshine = await requests.requests_of_ngo(tx, ids["sunshine"])
        matchable = await requests.matchable_requests(tx)
        columns = set((await tx.fetchone("SELECT * FROM requests WHERE id = ?", (ids["r1"],))).keys())
    assert isinstance(r1, RequestRow) and missing is None
    assert (r1.id, r1.ngo_id, r1.status, r1.headcount) == (ids["r1"], ids["sunshine"], "open", 2)
    assert r1.title == "社区心理支持"
    assert r1.skills == ["psychological_counselling"] and r1.languages == []
    assert columns == {f.name for f in dataclasses.fields(RequestRow)}
    assert [r.id for r in of_sunshine] == [ids["r1"], ids["r3"]]     # open first
    assert [r.id for r in matchable] == [ids["r1"], ids["r4"]]
    assert r1.as_dict()["title"] == "社区心理支持"


async def test_the_edit_form_starts_from_the_stored_request(tmp_path):
    async with seeded_database(tmp_path / "requests.sqlite3") as (db, ids), db.snapshot() as tx:
        r1 = await requests.request_by_id(tx, ids["r1"])
    answers = answers_from_columns(r1)
    assert (answers["title"], answers["headcount"], answers["remote_ok"]) == ("社区心理支持", 2, "no")
