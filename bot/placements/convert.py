"""Database rows -> the matcher's values (frozen dataclasses of the pure matching package)."""

from __future__ import annotations

from bot.store.members import WorkerRow
from bot.store.requests import RequestRow
from matching import Request, Worker


def worker_of(row: WorkerRow, holding: int) -> Worker:
    return Worker(
        id=str(row.id), name=row.name, skills=tuple(row.skills), fields=tuple(row.fields),
        district=row.district, languages=tuple(row.languages),
        hours_per_week=float(row.hours_per_week), certification=row.certification,
        max_placements=row.max_placements, remote_ok=bool(row.remote_ok),
        verified=row.status == "verified", years_experience=row.years_experience,
        live_placements=holding,
    )


def request_of(row: RequestRow, filled: int) -> Request:
    return Request(
        id=str(row.id), ngo_id=str(row.ngo_id), skills=tuple(row.skills), field=row.field,
        district=row.district, remote_ok=bool(row.remote_ok),
        hours_per_week=float(row.hours_per_week), headcount=row.headcount,
        min_certification=row.min_certification, languages=tuple(row.languages), filled=filled,
    )


def reasons_of(english: tuple[str, ...], chinese: tuple[str, ...]) -> list[dict[str, str]]:
    """Bilingual reasons as stored on the placement row."""
    chinese = chinese or english
    return [{"en": en, "zh": zh} for en, zh in zip(english, chinese, strict=False)]
