"""The demo seed: enough realistic people for the sandbox, inserted once like forms would."""

from __future__ import annotations

import re
from pathlib import Path

from bot.clock import Clock
from bot.config import default_settings
from bot.sandbox.emulator import DEFAULT_TOKEN
from bot.sandbox.personas import personas_from_seed
from bot.sandbox.runner import sandbox_settings
from bot.sandbox.seed import load_seed
from bot.sandbox.seeding import seed_database
from bot.store import open_database
from bot.store.members import MemberKind, member_by_person
from bot.store.requests import requests_of_ngo
from bot.store.users import TELEGRAM, person_of_account

JINAN_DISTRICTS = {"市中区", "历下区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区"}


def test_the_demo_seed_has_enough_people_for_every_flow():
    seed = load_seed()
    assert len(seed.workers) >= 30
    assert len(seed.ngos) >= 10
    assert len(seed.requests) >= 15
    assert {w.status for w in seed.workers} == {"verified", "pending"}


def test_the_director_belongs_to_the_shizhong_district_association():
    director = load_seed().director
    assert director.title.startswith("市中区社会工作者协会")
    assert "Shizhong District Social Workers Association" in director.title_en


def test_every_person_has_a_distinct_telegram_id_and_a_chinese_mobile():
    seed = load_seed()
    ids = [seed.director.telegram_id, *(w.telegram_id for w in seed.workers),
           *(n.director_telegram_id for n in seed.ngos)]
    assert len(ids) == len(set(ids))
    phones = [seed.director.phone, *(w.phone for w in seed.workers),
              *(n.director_phone for n in seed.ngos)]
    assert all(re.fullmatch(r"1[3-9]\d{9}", phone) for phone in phones)
    assert {w.district for w in seed.workers} <= JINAN_DISTRICTS
    assert {r.district for r in seed.requests} <= JINAN_DISTRICTS


def test_personas_put_the_director_first_and_cover_every_member():
    seed = load_seed()
    personas = personas_from_seed(seed)
    assert personas[0].role == "director"
    assert len(personas) == 1 + len(seed.workers) + len(seed.ngos)


async def test_seeding_inserts_everything_once(tmp_path: Path):
    seed = load_seed()
    store = await open_database(tmp_path / "sandbox.sqlite3")
    try:
        assert await seed_database(store, seed, clock=Clock()) is True
        assert await seed_database(store, seed, clock=Clock()) is False
        async with store.transaction() as tx:
            first = await member_by_person(tx, MemberKind.WORKER,
                                           await person_of_account(tx, TELEGRAM, seed.workers[0].telegram_id))
            ngo = await member_by_person(tx, MemberKind.NGO,
                                         await person_of_account(tx, TELEGRAM, seed.ngos[0].director_telegram_id))
            open_requests = await requests_of_ngo(tx, ngo.id)
    finally:
        await store.close()
    assert first.name == seed.workers[0].name
    assert first.status == seed.workers[0].status
    assert first.district == "lixia"
    assert "psychological_counselling" in first.skills
    assert first.phone == "+86" + seed.workers[0].phone
    expected = sum(1 for r in seed.requests if r.ngo == seed.ngos[0].key)
    assert [r.status for r in open_requests] == ["open"] * expected


def test_the_sandbox_makes_the_seeded_director_a_director(tmp_path: Path):
    seed = load_seed()
    settings = default_settings(association={"directors": [42]})
    adjusted = sandbox_settings(settings, emulator_url="http://127.0.0.1:8765",
                                token=DEFAULT_TOKEN, database=tmp_path / "s.db", seed=seed)
    assert adjusted.association.directors == (42, seed.director.telegram_id)
    assert adjusted.telegram.base_url == "http://127.0.0.1:8765"
    assert adjusted.telegram.token == DEFAULT_TOKEN
    assert adjusted.database.path == tmp_path / "s.db"


async def test_in_the_demo_every_proposal_offers_a_requested_skill_and_elder_counselling_gets_its_best_worker(
        tmp_path: Path):
    from bot.placements.candidates import candidates_for
    from bot.placements.convert import request_of, worker_of
    from bot.placements.proposals import rematch
    from bot.services import Services
    from bot.store import members, requests
    from matching import normalise_requests, normalise_workers

    settings = default_settings(database={"path": str(tmp_path / "demo.sqlite3")})
    store = await open_database(settings.database.path)
    services = Services(settings=settings, clock=Clock(), db=store)
    try:
        await seed_database(store, load_seed(), clock=Clock())
        async with store.transaction() as tx:
            await rematch(services, tx, "2026-12-02T08:00:00Z")
            proposals = await tx.fetchall("SELECT request_id, worker_id FROM placements WHERE status = 'proposed'")
            workers = {w.id: w for w in normalise_workers(
                [worker_of(r, 0) for r in await members.verified_workers(tx)], 85.0)}
            posts = {r.id: r for r in normalise_requests(
                [request_of(r, 0) for r in await requests.matchable_requests(tx)], 85.0)}
            [elder] = [r for r in await requests.matchable_requests(tx) if r.title == "长者心理陪伴社工"]
            ranked = await candidates_for(services, tx, elder.id)
    finally:
        await store.close()
    assert proposals
    for request_id, worker_id in proposals:
        assert set(workers[str(worker_id)].skills) & set(posts[str(request_id)].skills)
    [chosen] = [worker_id for request_id, worker_id in proposals if request_id == elder.id]
    assert chosen == ranked[0].worker_id
    assert set(posts[str(elder.id)].skills) <= set(workers[str(chosen)].skills)
