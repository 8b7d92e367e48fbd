"""Put the demo seed into a sandbox database, through the store like the bot's own forms do."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.clock import Clock, to_iso
from bot.parsers import parse_phone
from bot.parsers.result import Ok
from bot.sandbox.seed import Seed, SeedNgo, SeedRequest, SeedWorker
from bot.store import Database, Tx, audit, members, requests, users
from bot.store.members import MemberKind
from bot.store.users import TELEGRAM
from matching import normalise


async def seed_database(store: Database, seed: Seed, *, clock: Clock | None = None) -> bool:
    """Insert the seed into an empty sandbox database; False (and nothing written) if seeded.

    Inserts, in one transaction: a person with a Telegram account for the director, every worker and every NGO
    director (with their language and role); each worker's profile and each NGO's profile with
    the seed's status (pending or verified), normalised to canonical skill, field, district,
    language and certification ids as the forms store them; and every request as an open
    request of its NGO, its start date counted from today. Each profile gets an audit entry.
    """
    now_moment = (clock or Clock()).now()
    now = to_iso(now_moment)
    async with store.transaction() as tx:
        first = seed.workers[0].telegram_id if seed.workers else seed.director.telegram_id
        if await users.person_of_account(tx, TELEGRAM, first) is not None:
            return False
        director = seed.director
        await _person(tx, director.telegram_id, director.name, director.language, None, now)
        for worker in seed.workers:
            await _insert_worker(tx, worker, now)
        ngo_ids = {ngo.key: await _insert_ngo(tx, ngo, now) for ngo in seed.ngos}
        for request in seed.requests:
            values = _request_values(request, now_moment.date())
            await requests.insert_request(tx, ngo_ids[request.ngo], values, now)
    return True


async def _insert_worker(tx: Tx, worker: SeedWorker, now: str) -> int:
    person_id = await _person(tx, worker.telegram_id, worker.name, worker.language, "worker", now)
    skills_text = "、".join(worker.skills)
    values: dict[str, Any] = {
        "name": worker.name,
        "phone": _phone(worker.phone),
        "district": _one(worker.district, "district"),
        "skills_text": skills_text,
        "skills": _many(skills_text, "skill"),
        "fields": _many("、".join(worker.fields), "field"),
        "languages": _many("、".join(worker.languages), "language"),
        "certification": _one(worker.certification, "certification"),
        "years_experience": worker.years_experience,
        "hours_per_week": worker.hours_per_week,
        "max_placements": worker.max_placements,
        "remote_ok": int(worker.remote_ok),
        "introduction": f"{worker.bio}\n{worker.bio_en}",
    }
    return await _insert_member(tx, MemberKind.WORKER, person_id, values, worker.status, now)


async def _insert_ngo(tx: Tx, ngo: SeedNgo, now: str) -> int:
    person_id = await _person(tx, ngo.director_telegram_id, ngo.director_name, ngo.language, "ngo", now)
    values: dict[str, Any] = {
        "name": ngo.name,
        "registration": ngo.registration,
        "registration_number": ngo.registration_number,
        "fields": _many(ngo.field, "field"),
        "district": _one(ngo.district, "district"),
        "incubated": int(ngo.incubated),
        "director_name": ngo.director_name,
        "director_phone": _phone(ngo.director_phone),
    }
    return await _insert_member(tx, MemberKind.NGO, person_id, values, ngo.status, now)


async def _person(tx: Tx, telegram_id: int, name: str, language: str, role: str | None, now: str) -> int:
    """A person with a Telegram account, as if they had written to the bot; their person id."""
    person = await users.touch_account(tx, TELEGRAM, telegram_id, name, None, language, now)
    if role is not None:
        await users.set_role(tx, person.person_id, role, now)
    return person.person_id


async def _insert_member(tx: Tx, kind: MemberKind, person_id: int,
                         values: dict[str, Any], status: str, now: str) -> int:
    member_id = await members.insert_member(tx, kind, person_id, values, now)
    if status != "pending":
        await members.update_member(tx, kind, member_id, values, status, now)
    await audit.record(tx, actor=None, action="seeded", entity=kind.entity, entity_id=member_id, at=now, old=None,
                       new=status)
    return member_id


def _request_values(request: SeedRequest, today: date) -> dict[str, Any]:
    skills_text = "、".join(request.skills)
    return {
        "title": request.title,
        "description": f"{request.description}\n{request.description_en}",
        "skills_text": skills_text,
        "skills": _many(skills_text, "skill"),
        "field": _one(request.field, "field"),
        "district": _one(request.district, "district"),
        "remote_ok": int(request.remote_ok),
        "hours_per_week": request.hours_per_week,
        "headcount": request.headcount,
        "min_certification": _one(request.min_certification, "certification"),
        "languages": _many("、".join(request.languages), "language"),
        "start_date": request.start_date(today),
        "duration_weeks": request.duration_weeks,
    }


def _many(text: str, kind: str) -> list[str]:
    """Canonical ids first, then whatever matched nothing, as the forms store it."""
    found = normalise(text, kind) if text else ()
    ids = list(dict.fromkeys(item.id for item in found if item.id is not None))
    return ids + [item.source for item in found if item.id is None]


def _one(text: str, kind: str) -> str:
    ids = [item.id for item in normalise(text, kind) if item.id is not None]
    if not ids:
        raise ValueError(f"seed value {text!r} is no known {kind}")
    return ids[0]


def _phone(text: str) -> str:
    parsed = parse_phone(text)
    if not isinstance(parsed, Ok):
        raise ValueError(f"seed phone {text!r} is not a phone number")
    return parsed.value
