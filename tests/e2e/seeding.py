"""Members and requests written straight to the store, for tests about what comes after joining."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.clock import to_iso
from bot.store import members, requests, users
from bot.store.members import MemberKind

NOW = "2026-11-28T01:00:00Z"


def worker_values(name: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "name": name, "phone": "+8613912340000", "district": "shizhong",
        "skills_text": "心理咨询", "skills": ["psychological_counselling"], "fields": ["mental_health"],
        "languages": ["mandarin"], "certification": "social_worker", "years_experience": 4,
        "hours_per_week": 10, "max_placements": 1, "remote_ok": 0, "introduction": "",
    }
    return {**values, **overrides}


def ngo_values(name: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "name": name, "registration": "not_yet", "registration_number": None, "fields": ["mental_health"],
        "district": "shizhong", "incubated": 1, "director_name": f"{name}负责人",
        "director_phone": "+8653188886666",
    }
    return {**values, **overrides}


def request_values(title: str, start: str, **overrides: Any) -> dict[str, Any]:
    values = {
        "title": title, "description": "每周两次心理支持小组。", "skills_text": "心理咨询",
        "skills": ["psychological_counselling"], "field": "mental_health", "district": "shizhong",
        "remote_ok": 0, "hours_per_week": 6, "headcount": 1, "min_certification": "none",
        "languages": [], "start_date": start, "duration_weeks": 12,
    }
    return {**values, **overrides}


async def add_person(tx, telegram_id: int, name: str, role: str | None, language: str = "zh",
                     username: str | None = None) -> int:
    """A person with a Telegram account, as if they had written to the bot; their person id."""
    person = await users.touch_account(tx, users.TELEGRAM, telegram_id, name, username, language, NOW)
    if role:
        await users.set_role(tx, person.person_id, role, NOW)
    return person.person_id


async def add_worker(services, telegram_id: int, name: str, *, username: str | None = None,
                     **overrides: Any) -> int:
    async with services.database.transaction() as tx:
        person_id = await add_person(tx, telegram_id, name, "worker", username=username)
        return await members.insert_member(tx, MemberKind.WORKER, person_id, worker_values(name, **overrides), NOW)


async def add_ngo(services, telegram_id: int, name: str, *, username: str | None = None,
                  **overrides: Any) -> int:
    async with services.database.transaction() as tx:
        person_id = await add_person(tx, telegram_id, f"{name}负责人", "ngo", username=username)
        return await members.insert_member(tx, MemberKind.NGO, person_id, ngo_values(name, **overrides), NOW)


async def add_request(services, ngo_id: int, title: str, **overrides: Any) -> int:
    start = (services.clock.now() + timedelta(days=3)).date().isoformat()
    async with services.database.transaction() as tx:
        return await requests.insert_request(tx, ngo_id, request_values(title, start, **overrides),
                                             to_iso(services.clock.now()))
