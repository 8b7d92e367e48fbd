"""The two sides' Accept / Decline on an offer, and ending an active placement."""

from __future__ import annotations

from bot.events import Event
from bot.forms.model import Outcome
from bot.placements.callbacks import EndPress, OfferPress
from bot.placements.ending import start_ending, undo_end
from bot.placements.offers import answer_offer


async def offer_pressed(event: Event, press: OfferPress) -> Outcome:
    """``o:acc:<id>`` / ``o:dec:<id>``: only the worker or the NGO director of that offer."""
    return await answer_offer(event.services, event.tx, event.user, press.placement_id, press.accept, event.now)


async def end_pressed(event: Event, press: EndPress) -> Outcome:
    """``pl:end:<id>`` (and ``pl:undo:<id>`` within a minute of the end): the NGO director of
    the placement or an association director."""
    if press.action == "undo":
        return await undo_end(event.services, event.tx, event.user, press.placement_id, event.now)
    return await start_ending(event.services, event.tx, event.user, press.placement_id)
