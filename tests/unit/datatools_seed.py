"""A small association written straight into a real database, with figures computable by hand.

Workers: 王芳 (verified, counselling + group work), 赵磊 (verified, elderly care), 刘敏 (pending),
孙强 (rejected). NGOs: 阳光 (verified, director 301), 和美 (verified, director 302), 新苗 (pending).
Requests: R1 阳光 open ×2 counselling; R2 和美 filled ×1 elderly care; R3 阳光 closed ×1;
R4 和美 open ×1 counselling + elderly care. Placements: P1 R1-王芳 active, P2 R2-赵磊 completed,
P3 R3-王芳 rejected, P4 R4-赵磊 proposed. Three answered check-ins, one pending.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.store import Database, open_database

DIRECTOR, OTHER_DIRECTOR = 9001, 9002
WANG_PHONE = "+8613912340001"


async def _insert(tx, table: str, **values) -> int:
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    params = [json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for v in values.values()]
    return await tx.insert(f"INSERT INTO {table} ({names}) VALUES ({marks})", params)


async def _user(tx, telegram_id: int, name: str, role: str | None = None) -> None:
    """A person who kept their Telegram id as their person id (as migration 0009 keeps everyone)."""
    await _insert(tx, "people", id=telegram_id, display_name=name, role=role, language="zh",
                  created_at="2026-08-01T00:00:00Z", updated_at="2026-08-01T00:00:00Z")
    await _insert(tx, "accounts", channel="telegram", external_id=telegram_id, person_id=telegram_id)


async def _worker(tx, person_id: int | None, name: str, phone: str, status: str, skills: list[str]) -> int:
    return await _insert(tx, "workers", person_id=person_id, name=name, phone=phone, district="lixia",
                         skills_text="、".join(skills), skills=skills, fields=["youth"], hours_per_week=10,
                         status=status, created_at="2026-08-01T00:00:00Z", updated_at="2026-08-01T00:00:00Z")


async def _ngo(tx, director: int | None, name: str, status: str, director_name: str, phone: str) -> int:
    return await _insert(tx, "ngos", director_person_id=director, name=name, registration="not_yet",
                         district="lixia", director_name=director_name, director_phone=phone, status=status,
                         created_at="2026-08-01T00:00:00Z", updated_at="2026-08-01T00:00:00Z")


async def _request(tx, ngo: int, title: str, status: str, headcount: int, skills: list[str], created: str) -> int:
    return await _insert(tx, "requests", ngo_id=ngo, title=title, skills=skills, field="youth", district="lixia",
                         hours_per_week=6, headcount=headcount, start_date="2026-09-15", duration_weeks=12,
                         status=status, created_at=created, updated_at=created)


async def _placement(tx, request: int, worker: int, status: str, created: str, **more) -> int:
    return await _insert(tx, "placements", request_id=request, worker_id=worker, status=status, score=0.8,
                         created_at=created, updated_at=created, **more)


async def _audit(tx, actor: int, action: str, placement: int, at: str) -> None:
    await _insert(tx, "audit_log", actor=actor, action=action, entity="placement", entity_id=placement, at=at)


async def _checkin(tx, placement: int, recipient: int, answer: dict | None) -> None:
    answered = "2026-10-10T00:00:00Z" if answer is not None else None
    await _insert(tx, "followups", kind="checkin", recipient=recipient, placement_id=placement,
                  due_at="2026-10-09T00:00:00Z", status="answered" if answer else "pending",
                  answered_at=answered, answer=json.dumps(answer, ensure_ascii=False) if answer else None,
                  created_at="2026-09-06T00:00:00Z")


async def seed_association(db: Database) -> dict[str, int]:
    """The association described above; returns the ids by name."""
    async with db.transaction() as tx:
        people = ((DIRECTOR, "张主任", None), (201, "Wang Fang", "worker"), (202, "赵磊", "worker"),
                  (301, "阳光负责人", "ngo"), (302, "和美负责人", "ngo"))
        for telegram_id, name, role in people:
            await _user(tx, telegram_id, name, role)
        ids = {
            "wang": await _worker(tx, 201, "王芳", WANG_PHONE, "verified", ["psychological_counselling", "group_work"]),
            "zhao": await _worker(tx, 202, "赵磊", "+8613912340002", "verified", ["elderly_care"]),
            "liu": await _worker(tx, None, "刘敏", "+8613912340003", "pending", ["psychological_counselling"]),
            "sun": await _worker(tx, None, "孙强", "+8613912340004", "rejected", ["group_work"]),
            "sunshine": await _ngo(tx, 301, "阳光心理服务中心", "verified", "李主任", "+8653188881111"),
            "hemei": await _ngo(tx, 302, "和美助老服务社", "verified", "周主任", "+8653188882222"),
            "xinmiao": await _ngo(tx, None, "新苗公益", "pending", "吴主任", "+8653188883333"),
        }
        ids["r1"] = await _request(tx, ids["sunshine"], "社区心理支持", "open", 2, ["psychological_counselling"],
                                   "2026-09-01T00:00:00Z")
        ids["r2"] = await _request(tx, ids["hemei"], "周末助老", "filled", 1, ["elderly_care"], "2026-09-10T00:00:00Z")
        ids["r3"] = await _request(tx, ids["sunshine"], "青少年小组", "closed", 1,
                                   ["group_work", "psychological_counselling"], "2026-10-01T00:00:00Z")
        ids["r4"] = await _request(tx, ids["hemei"], "长者心理关怀", "open", 1,
                                   ["psychological_counselling", "elderly_care"], "2026-10-05T00:00:00Z")
        ids["p1"] = await _placement(
            tx, ids["r1"], ids["wang"], "active", "2026-09-02T00:00:00Z", decided_by=DIRECTOR,
            decided_at="2026-09-02T12:00:00Z", offered_at="2026-09-02T12:00:00Z", started_at="2026-09-06T00:00:00Z")
        ids["p2"] = await _placement(
            tx, ids["r2"], ids["zhao"], "completed", "2026-09-11T00:00:00Z", decided_by=DIRECTOR,
            decided_at="2026-09-12T00:00:00Z", offered_at="2026-09-12T00:00:00Z", started_at="2026-09-30T20:00:00Z",
            ended_at="2026-11-01T00:00:00Z")
        ids["p3"] = await _placement(tx, ids["r3"], ids["wang"], "rejected", "2026-10-02T00:00:00Z",
                                     decided_by=OTHER_DIRECTOR, decided_at="2026-10-02T06:00:00Z",
                                     reject_reason="other", reject_note="王芳 schedule clash")
        ids["p4"] = await _placement(tx, ids["r4"], ids["zhao"], "proposed", "2026-10-06T00:00:00Z")
        await _audit(tx, 201, "accepted", ids["p1"], "2026-09-02T13:00:00Z")   # the worker: not an NGO wait
        await _audit(tx, 301, "accepted", ids["p1"], "2026-09-03T12:00:00Z")   # NGO 阳光: 24 h
        await _audit(tx, 302, "accepted", ids["p2"], "2026-09-14T00:00:00Z")   # NGO 和美: 48 h
        await _checkin(tx, ids["p1"], 201, {"rating": 4, "hours": 10, "comment": "很好"})
        await _checkin(tx, ids["p1"], 301, {"rating": 5})
        await _checkin(tx, ids["p2"], 202, {"rating": 3, "hours": 20.5})
        await _checkin(tx, ids["p2"], 302, None)
    return ids


@asynccontextmanager
async def seeded_database(path: Path) -> AsyncIterator[tuple[Database, dict[str, int]]]:
    """A new database at ``path`` holding the association above, and its ids by name; closed after."""
    db = await open_database(path)
    try:
        yield db, await seed_association(db)
    finally:
        await db.close()
