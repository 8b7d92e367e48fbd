"""SQL of the member profiles: ``workers`` (social workers) and ``ngos``.

Profiles go in as plain dicts of column values, so a form's answers map onto them one to one,
and come out as frozen rows (``WorkerRow``, ``NgoRow``); JSON list columns are encoded and decoded
here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar

from bot.store.database import Tx
from bot.store.rows import AsDict, decode, encode

WORKER_COLUMNS = ("name", "phone", "district", "skills_text", "skills", "fields", "languages",
                  "certification", "years_experience", "hours_per_week", "max_placements",
                  "remote_ok", "introduction")
NGO_COLUMNS = ("name", "registration", "registration_number", "fields", "district", "incubated",
               "director_name", "director_phone")
_JSON_COLUMNS = {"skills", "fields", "languages"}


class MemberKind(Enum):
    """A social worker or an NGO. Spelt "w" / "n" in callback data, "worker" / "ngo" in the
    audit log and in roles, "workers" / "ngos" as tables: the enum converts at those edges."""

    WORKER = "worker"
    NGO = "ngo"

    @classmethod
    def from_code(cls, code: str) -> MemberKind:
        """The kind a callback's one-letter code names ("w" or "n"); ValueError for any other."""
        return cls._spelt("code", code)

    @classmethod
    def from_table(cls, table: str) -> MemberKind:
        """The kind kept in ``table`` ("workers" or "ngos"); ValueError for any other."""
        return cls._spelt("table", table)

    @classmethod
    def _spelt(cls, spelling: str, value: str) -> MemberKind:
        found = next((kind for kind in cls if getattr(kind, spelling) == value), None)
        if found is None:
            raise ValueError(f"no member kind has the {spelling} {value!r}")
        return found

    @property
    def code(self) -> str:
        """"w" or "n": the spelling in callback data."""
        return self.value[0]

    @property
    def entity(self) -> str:
        """"worker" or "ngo": the spelling in the audit log, in roles and in message keys."""
        return self.value

    @property
    def table(self) -> str:
        """"workers" or "ngos": the member's table."""
        return f"{self.value}s"

    @property
    def owner_column(self) -> str:
        """The column holding the person id of the person behind the profile."""
        return "person_id" if self is MemberKind.WORKER else "director_person_id"

    @property
    def columns(self) -> tuple[str, ...]:
        """The profile columns a form fills."""
        return WORKER_COLUMNS if self is MemberKind.WORKER else NGO_COLUMNS


@dataclass(frozen=True)
class WorkerRow(AsDict):
    """One row of ``workers``: a social worker's profile."""

    kind: ClassVar[MemberKind] = MemberKind.WORKER

    id: int
    person_id: int | None
    name: str
    phone: str
    district: str
    skills_text: str
    skills: list[str]
    fields: list[str]
    languages: list[str]
    certification: str
    years_experience: int
    hours_per_week: float
    max_placements: int
    remote_ok: int
    introduction: str
    status: str
    status_reason: str | None
    roster_key: str | None
    created_at: str
    updated_at: str
    paused_until: str | None

    @property
    def owner(self) -> int | None:
        """The person id of the person behind the profile (None for an unlinked roster worker)."""
        return self.person_id



@dataclass(frozen=True)
class NgoRow(AsDict):
    """One row of ``ngos``: an NGO's profile, kept by its director."""

    kind: ClassVar[MemberKind] = MemberKind.NGO

    id: int
    director_person_id: int | None
    name: str
    registration: str
    registration_number: str | None
    fields: list[str]
    district: str
    incubated: int
    director_name: str
    director_phone: str
    status: str
    status_reason: str | None
    created_at: str
    updated_at: str
    paused_until: str | None

    @property
    def owner(self) -> int | None:
        """The person id of the NGO's director."""
        return self.director_person_id



MemberRow = WorkerRow | NgoRow
"""A profile of either kind: what a flow handed "a member" reads."""


def _decode(kind: MemberKind, row) -> MemberRow:
    row_type = WorkerRow if kind is MemberKind.WORKER else NgoRow
    return row_type(**decode(row, _JSON_COLUMNS))


async def member_by_person(tx: Tx, kind: MemberKind, person_id: int) -> MemberRow | None:
    """The worker or NGO profile owned by a person."""
    row = await tx.fetchone(f"SELECT * FROM {kind.table} WHERE {kind.owner_column} = ?", (person_id,))
    return None if row is None else _decode(kind, row)


async def every_member(tx: Tx, kind: MemberKind) -> list[MemberRow]:
    """Every worker or every NGO (a director's search reads them all)."""
    return [_decode(kind, row) for row in await tx.fetchall(f"SELECT * FROM {kind.table} ORDER BY id")]


async def profile_name(tx: Tx, person_id: int) -> str | None:
    """How others should read a member's name: the social worker's name, or the NGO director's
    name with the NGO's; None for someone with no profile."""
    worker = await tx.fetchone("SELECT name FROM workers WHERE person_id = ?", (person_id,))
    if worker is not None:
        return worker["name"]
    ngo = await tx.fetchone("SELECT name, director_name FROM ngos WHERE director_person_id = ?", (person_id,))
    if ngo is not None:
        return f"{ngo['director_name']} · {ngo['name']}" if ngo["director_name"] else ngo["name"]
    return None


async def member_by_id(tx: Tx, kind: MemberKind, member_id: int) -> MemberRow | None:
    row = await tx.fetchone(f"SELECT * FROM {kind.table} WHERE id = ?", (member_id,))
    return None if row is None else _decode(kind, row)


async def insert_member(tx: Tx, kind: MemberKind, person_id: int, values: dict[str, Any], now: str) -> int:
    """A new profile, status pending."""
    names = ", ".join((kind.owner_column, *kind.columns, "created_at", "updated_at"))
    marks = ", ".join("?" * (len(kind.columns) + 3))
    return await tx.insert(f"INSERT INTO {kind.table} ({names}) VALUES ({marks})",
                           (person_id, *encode(values, kind.columns, _JSON_COLUMNS), now, now))


async def update_member(tx: Tx, kind: MemberKind, member_id: int, values: dict[str, Any], status: str,
                        now: str) -> int:
    """New profile values and status; returns rows changed (0 when the profile is gone)."""
    assignments = ", ".join(f"{k} = ?" for k in kind.columns)
    return await tx.execute(
        f"UPDATE {kind.table} SET {assignments}, status = ?, status_reason = NULL, updated_at = ? WHERE id = ?",
        (*encode(values, kind.columns, _JSON_COLUMNS), status, now, member_id),
    )


async def verified_workers(tx: Tx) -> list[WorkerRow]:
    """Workers the matcher may propose: verified, and reachable on Telegram (an imported worker
    who has not opened their invite link yet could never answer an offer)."""
    rows = await tx.fetchall(
        "SELECT * FROM workers WHERE status = 'verified' AND person_id IS NOT NULL ORDER BY id")
    return [_decode(MemberKind.WORKER, row) for row in rows]


async def pending_members(tx: Tx) -> list[tuple[MemberKind, int]]:
    """(kind, id) of every profile waiting for verification, oldest first."""
    rows = await tx.fetchall(
        "SELECT 'workers', id, updated_at FROM workers WHERE status = 'pending' "
        "UNION ALL SELECT 'ngos', id, updated_at FROM ngos WHERE status = 'pending' ORDER BY 3, 2")
    return [(MemberKind.from_table(row[0]), row[1]) for row in rows]
