"""The figures of /stats, computed from the rows the store reads (pure but for the one read).

Definitions (the README repeats them):
- placements: proposals that both sides accepted (active, completed or ended early); a proposal
  or an offer is not a placement yet. The same counts are in /export's caption and the digest.
- fill rate: places filled / places asked for. Places asked for is the sum of every request's
  headcount; a place is filled when a placement for it became active (capped at the headcount).
- days to placement: from a request's posting to the start of each placement made for it.
- waits: a proposal waits from its creation to the director's decision; an offer waits from
  being sent to the NGO's answer. Medians, per director and per NGO.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median
from zoneinfo import ZoneInfo

from bot.clock import from_iso
from bot.datatools.checkins import read_answer
from bot.store import Database
from bot.store.stats import StatsRows, stats_rows
from matching.vocabulary import is_canonical

TOP_SKILLS = 8


@dataclass(frozen=True)
class Wait:
    """How long the answers of one director (or one NGO) took: how many, and the median."""

    who: str
    answered: int
    median_hours: float


@dataclass(frozen=True)
class SkillBalance:
    skill: str          # canonical skill id
    demand: int         # open requests asking for it
    supply: int         # verified workers offering it


@dataclass(frozen=True)
class Figures:
    workers: dict[str, int]
    ngos: dict[str, int]
    requests: dict[str, int]
    placements: dict[str, int]      # by status: proposed, offered, active, completed, cancelled ...
    places_asked: int
    places_filled: int
    median_days_to_placement: float | None
    proposal_waits: tuple[Wait, ...]
    offer_waits: tuple[Wait, ...]
    service_hours: float
    ratings: int
    average_rating: float | None
    skills: tuple[SkillBalance, ...]
    placements_per_month: tuple[tuple[str, int], ...]   # ("2026-11", 3), oldest first

    @property
    def fill_rate(self) -> float | None:
        return self.places_filled / self.places_asked if self.places_asked else None


async def gather_figures(db: Database, timezone: str) -> Figures:
    """Read the database once (one snapshot) and compute every figure."""
    async with db.snapshot() as tx:
        rows = await stats_rows(tx)
    return compute_figures(rows, ZoneInfo(timezone))


def compute_figures(rows: StatsRows, zone: ZoneInfo) -> Figures:
    answers = [read_answer(text) for text in rows.checkin_answers]
    ratings = [a.rating for a in answers if a.rating is not None]
    days = [_hours(start, end) / 24 for start, end in rows.request_to_active]
    return Figures(
        workers=rows.workers_by_status, ngos=rows.ngos_by_status, requests=rows.requests_by_status,
        placements=rows.placements_by_status,
        places_asked=rows.places_asked, places_filled=rows.places_filled,
        median_days_to_placement=median(days) if days else None,
        proposal_waits=_waits(rows.proposal_decisions),
        offer_waits=_waits(rows.offer_answers),
        service_hours=float(sum(a.hours for a in answers if a.hours is not None)),
        ratings=len(ratings),
        average_rating=sum(ratings) / len(ratings) if ratings else None,
        skills=_skill_balance(rows.demand, rows.supply),
        placements_per_month=_per_month(rows.started_at, zone),
    )


def _hours(start: str, end: str) -> float:
    return (from_iso(end) - from_iso(start)).total_seconds() / 3600


def _waits(rows: list[tuple[str, str, str]]) -> tuple[Wait, ...]:
    by_who: dict[str, list[float]] = {}
    for who, start, end in rows:
        by_who.setdefault(who, []).append(_hours(start, end))
    return tuple(Wait(who, len(hours), median(hours)) for who, hours in sorted(by_who.items()))


def _skill_balance(demand: list[list[str]], supply: list[list[str]]) -> tuple[SkillBalance, ...]:
    """The most requested skills (ties: most offered, then id), canonical ids only."""
    def count(lists: list[list[str]]) -> Counter[str]:
        return Counter(s for skills in lists for s in set(skills) if is_canonical(s, "skill"))
    wanted, offered = count(demand), count(supply)
    ranked = sorted(wanted, key=lambda s: (-wanted[s], -offered[s], s))[:TOP_SKILLS]
    return tuple(SkillBalance(s, wanted[s], offered[s]) for s in ranked)


def _per_month(started: list[str], zone: ZoneInfo) -> tuple[tuple[str, int], ...]:
    """Placements by the month they started, local time, with empty months in between."""
    months = Counter(from_iso(s).astimezone(zone).strftime("%Y-%m") for s in started)
    if not months:
        return ()
    first, last = min(months), max(months)
    year, month = int(first[:4]), int(first[5:])
    series = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        series.append((key, months.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(series)
