"""One name for a social worker or an NGO in the code; the stored and wire spellings stay as they are."""

from __future__ import annotations

import pytest
from datatools_seed import seeded_database

from bot.store import members
from bot.store.members import MemberKind


def test_each_kind_has_its_callback_code_audit_entity_and_table():
    assert [(k.code, k.entity, k.table) for k in MemberKind] == [("w", "worker", "workers"), ("n", "ngo", "ngos")]
    assert (MemberKind.WORKER.owner_column, MemberKind.NGO.owner_column) == ("person_id", "director_person_id")
    assert MemberKind.WORKER.columns == members.WORKER_COLUMNS and MemberKind.NGO.columns == members.NGO_COLUMNS


@pytest.mark.parametrize("kind", list(MemberKind))
def test_every_spelling_leads_back_to_its_kind(kind: MemberKind):
    assert MemberKind.from_code(kind.code) is kind
    assert MemberKind.from_table(kind.table) is kind
    assert MemberKind(kind.entity) is kind


@pytest.mark.parametrize("code", ["", "r", "p", "W", "worker", "ww"])
def test_a_code_of_no_member_is_refused(code: str):
    with pytest.raises(ValueError, match="code"):
        MemberKind.from_code(code)


def test_a_table_of_no_member_is_refused():
    with pytest.raises(ValueError, match="table"):
        MemberKind.from_table("requests")


async def test_the_store_reads_each_kind_from_its_own_table(tmp_path):
    async with seeded_database(tmp_path / "kinds.sqlite3") as (db, ids), db.snapshot() as tx:
        wang = await members.member_by_id(tx, MemberKind.WORKER, ids["wang"])
        sunshine = await members.member_by_person(tx, MemberKind.NGO, 301)
        pending = await members.pending_members(tx)
    assert wang is not None and wang.name == "王芳"
    assert sunshine is not None and sunshine.id == ids["sunshine"]
    assert pending == [(MemberKind.WORKER, ids["liu"]), (MemberKind.NGO, ids["xinmiao"])]
