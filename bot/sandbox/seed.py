"""The sandbox's demo data (``seed/demo.toml``): who the personas are and what the database holds.

The data file is written the way people type (``心理咨询``, ``历下区``, ``中级``, ``138...``); on
insertion it goes through the same normalisation the bot's forms apply, so a seeded profile
looks exactly like one a person filled in.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

DEMO_SEED = Path(__file__).with_name("seed") / "demo.toml"


@dataclass(frozen=True)
class SeedDirector:
    """The association director the sandbox configures."""

    telegram_id: int
    name: str
    name_en: str
    phone: str
    language: str
    title: str
    title_en: str


@dataclass(frozen=True)
class SeedWorker:
    """A trained social worker with a profile (``status`` pending or verified)."""

    telegram_id: int
    name: str
    name_en: str
    phone: str
    language: str
    district: str
    skills: tuple[str, ...]
    fields: tuple[str, ...]
    languages: tuple[str, ...]
    hours_per_week: float
    certification: str
    max_placements: int
    remote_ok: bool
    years_experience: int
    status: str
    bio: str
    bio_en: str


@dataclass(frozen=True)
class SeedNgo:
    """A startup NGO and its director."""

    key: str
    name: str
    name_en: str
    district: str
    field: str
    director_telegram_id: int
    director_name: str
    director_name_en: str
    director_phone: str
    language: str
    status: str
    registration: str
    incubated: bool
    description: str
    description_en: str
    registration_number: str | None = None


@dataclass(frozen=True)
class SeedRequest:
    """An open talent request of the NGO whose ``key`` is ``ngo``."""

    ngo: str
    title: str
    title_en: str
    skills: tuple[str, ...]
    field: str
    district: str
    remote_ok: bool
    hours_per_week: float
    headcount: int
    min_certification: str
    languages: tuple[str, ...]
    starts_in_days: int
    duration_weeks: int
    description: str
    description_en: str

    def start_date(self, today: date) -> str:
        """The ISO start date, counted from the day the sandbox is seeded."""
        return (today + timedelta(days=self.starts_in_days)).isoformat()


@dataclass(frozen=True)
class Seed:
    """Everything in a seed file."""

    director: SeedDirector
    workers: tuple[SeedWorker, ...]
    ngos: tuple[SeedNgo, ...]
    requests: tuple[SeedRequest, ...]

    def ngo(self, key: str) -> SeedNgo:
        """The NGO with this key (requests name their NGO by key)."""
        for ngo in self.ngos:
            if ngo.key == key:
                return ngo
        raise KeyError(key)


def load_seed(path: Path = DEMO_SEED) -> Seed:
    """Read a seed file into frozen values; a missing key raises with the entry named."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    seed = Seed(
        director=SeedDirector(**data["director"]),
        workers=tuple(SeedWorker(**_tuples(item)) for item in data.get("workers", [])),
        ngos=tuple(SeedNgo(**item) for item in data.get("ngos", [])),
        requests=tuple(SeedRequest(**_tuples(item)) for item in data.get("requests", [])),
    )
    for request in seed.requests:
        seed.ngo(request.ngo)  # every request belongs to a listed NGO
    return seed


def _tuples(item: dict[str, Any]) -> dict[str, Any]:
    return {key: tuple(value) if isinstance(value, list) else value for key, value in item.items()}
