"""What the placement steps share: local times, notices to the directors, the two sides."""

from __future__ import annotations

from collections.abc import Callable

from bot.clock import local_minute
from bot.forms.model import Notice, Reply
from bot.services import Services
from bot.store import Tx, users
from bot.store.placements import PlacementDetails
from bot.texts import Lang


def local_time(services: Services, iso: str | None) -> str:
    """A stored UTC timestamp as the association's local time, to the minute."""
    return local_minute(iso, services.settings.association.timezone)


async def to_directors(services: Services, tx: Tx, render: Callable[[Lang], Reply]) -> list[Notice]:
    """One notice per association director, each rendered in that director's language."""
    association = services.settings.association
    if not association.directors:
        return []
    languages = await users.languages_of(tx, association.directors, association.default_language)
    return [Notice(d, render(languages[d])) for d in association.directors]  # type: ignore[arg-type]


def side_name(p: PlacementDetails, telegram_id: int) -> str:
    """The profile name of whichever side of placement ``p`` this person is: the social worker,
    or the NGO director with the NGO (never a Telegram display name)."""
    if telegram_id == p.worker_telegram_id:
        return p.worker_name
    return f"{p.director_name} · {p.ngo_name}" if p.director_name else p.ngo_name


def both_sides(p: PlacementDetails) -> tuple[tuple[int | None, str], ...]:
    """(telegram id, language) of the social worker and of the NGO director of a placement."""
    return ((p.worker_telegram_id, p.worker_language), (p.ngo_telegram_id, p.ngo_language))
