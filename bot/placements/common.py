"""What the placement steps share: local times, notices to the directors, the two sides."""

from __future__ import annotations

from collections.abc import Callable

from bot.clock import local_minute
from bot.forms.model import Notice, Reply
from bot.people import directors
from bot.services import Services
from bot.store import Tx, users
from bot.store.placements import PlacementDetails
from bot.texts import Lang


def local_time(services: Services, iso: str | None) -> str:
    """A stored UTC timestamp as the association's local time, to the minute."""
    return local_minute(iso, services.settings.association.timezone)


async def to_directors(services: Services, tx: Tx, render: Callable[[Lang], Reply]) -> list[Notice]:
    """One notice per association director, each rendered in that director's language."""
    people = tuple(sorted(await directors(services, tx)))
    if not people:
        return []
    languages = await users.languages_of(tx, people, services.settings.association.default_language)
    return [Notice(d, render(languages[d])) for d in people]  # type: ignore[arg-type]


def side_name(p: PlacementDetails, person_id: int) -> str:
    """The profile name of whichever side of placement ``p`` this person is: the social worker,
    or the NGO director with the NGO (never a Telegram display name)."""
    if person_id == p.worker_person_id:
        return p.worker_name
    return f"{p.director_name} · {p.ngo_name}" if p.director_name else p.ngo_name


def both_sides(p: PlacementDetails) -> tuple[tuple[int | None, str], ...]:
    """(person id, language) of the social worker and of the NGO director of a placement."""
    return ((p.worker_person_id, p.worker_language), (p.ngo_person_id, p.ngo_language))
