"""What the placement steps share: who may act, and "already decided by X at T"."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from bot.clock import from_iso
from bot.forms.model import Notice, Outcome, Reply
from bot.markup import escape
from bot.people import Sender, remember
from bot.services import Services
from bot.store import Tx, audit, users
from bot.store.placements import PlacementDetails
from bot.store.users import User
from bot.texts import Lang, t


def local_time(services: Services, iso: str | None) -> str:
    """A stored UTC timestamp as the association's local time, to the minute."""
    if not iso:
        return "—"
    zone = ZoneInfo(services.settings.association.timezone)
    return from_iso(iso).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def already_decided(services: Services, lang: Lang, p: PlacementDetails) -> Outcome:
    """The pop-up for a press on a proposal someone has decided already."""
    who = escape(p.decided_by_name or str(p.decided_by or "—"))
    when = local_time(services, p.decided_at or p.updated_at)
    return Outcome(alert=t(lang, "alerts.already_decided", who=who, when=when))


def not_allowed(lang: Lang) -> Outcome:
    return Outcome(alert=t(lang, "alerts.not_allowed"))


async def director_pressing(services: Services, tx: Tx, sender: Sender) -> User | Outcome:
    """The director behind a press or command, or the "not allowed" refusal for anyone else."""
    user = await remember(services, tx, sender)
    return user if services.is_director(user.telegram_id) else not_allowed(user.language)


def old_button(lang: Lang) -> Outcome:
    return Outcome(alert=t(lang, "alerts.old_button"))


async def director_only(services: Services, tx: Tx, sender: Sender, *,
                        pressed: bool) -> tuple[users.User, Outcome | None]:
    """The sender as a user, and the refusal to give when they are not an association director
    (a pop-up for a press, a message for a command); no refusal for a director."""
    user = await remember(services, tx, sender)
    if services.is_director(user.telegram_id):
        return user, None
    if pressed:
        return user, not_allowed(user.language)
    return user, Outcome(replies=(Reply(t(user.language, "alerts.not_allowed")),))


async def to_directors(services: Services, tx: Tx, render: Callable[[Lang], Reply]) -> list[Notice]:
    """One notice per association director, each rendered in that director's language."""
    association = services.settings.association
    if not association.directors:
        return []
    languages = await users.languages_of(tx, association.directors, association.default_language)
    return [Notice(d, render(languages[d])) for d in association.directors]  # type: ignore[arg-type]


async def decided_already(services: Services, tx: Tx, lang: Lang, entity: str, entity_id: int,
                          fallback_at: str | None) -> Outcome:
    """"Already decided by X at T", from the newest decision on the row in the audit log."""
    decision = await audit.last_decision(tx, entity, entity_id)
    who = escape(decision["who"] if decision else "—")
    when = local_time(services, decision["at"] if decision else fallback_at)
    return Outcome(alert=t(lang, "alerts.already_decided", who=who, when=when))


def side_name(p: PlacementDetails, telegram_id: int) -> str:
    """The profile name of whichever side of placement ``p`` this person is: the social worker,
    or the NGO director with the NGO (never a Telegram display name)."""
    if telegram_id == p.worker_telegram_id:
        return p.worker_name
    return f"{p.director_name} · {p.ngo_name}" if p.director_name else p.ngo_name


def both_sides(p: PlacementDetails) -> tuple[tuple[int | None, str], ...]:
    """(telegram id, language) of the social worker and of the NGO director of a placement."""
    return ((p.worker_telegram_id, p.worker_language), (p.ngo_telegram_id, p.ngo_language))
