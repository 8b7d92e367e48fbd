"""Why a press or a command is turned down, as exceptions raised where it is found.

A flow (or the codec reading a button) raises one of these where it finds the reason; the
event wrapper (``bot.events``) renders it in one place, a pop-up alert for a press and a message
for a command, and the refused flow's notices never reach the outbox.
"""

from __future__ import annotations

from bot.clock import local_minute
from bot.forms.model import Outcome, Reply
from bot.markup import escape
from bot.services import Services
from bot.store import Tx, audit
from bot.store.placements import PlacementDetails
from bot.texts import Lang, t


class Refusal(Exception):
    """The person may not do this now; ``text`` says why in their language."""

    key = "alerts.not_allowed"

    def text(self, services: Services, lang: Lang) -> str:
        return t(lang, self.key)


class OldButton(Refusal):
    """The button is not one the bot made, or what it names is gone."""

    key = "alerts.old_button"


class NotAllowed(Refusal):
    """The button or command is not for this person."""

    key = "alerts.not_allowed"


class AlreadyDecided(Refusal):
    """Someone decided the row already: who (a name, or an id) and when (stored UTC, or None)."""

    key = "alerts.already_decided"

    def __init__(self, by: str, at: str | None) -> None:
        super().__init__(by, at)
        self.by, self.at = by, at

    def text(self, services: Services, lang: Lang) -> str:
        when = local_minute(self.at, services.settings.association.timezone)
        return t(lang, self.key, who=escape(self.by), when=when)

    @classmethod
    def from_placement(cls, p: PlacementDetails) -> AlreadyDecided:
        """Who decided a placement and when, from its own row."""
        return cls(p.decided_by_name or str(p.decided_by or "—"), p.decided_at or p.updated_at)

    @classmethod
    async def from_audit(cls, tx: Tx, entity: str, entity_id: int, fallback_at: str | None) -> AlreadyDecided:
        """Who decided a row and when, from the newest decision on it in the audit log."""
        decision = await audit.last_decision(tx, entity, entity_id)
        return cls(decision["who"], decision["at"]) if decision else cls("—", fallback_at)


def refused(services: Services, lang: Lang, refusal: Refusal, *, pressed: bool) -> Outcome:
    """The refusal as the person sees it: a pop-up on the pressed button, else a message."""
    text = refusal.text(services, lang)
    return Outcome(alert=text) if pressed else Outcome(replies=(Reply(text),))
