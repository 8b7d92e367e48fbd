"""The two sides' Accept / Decline on an offer, and ending an active placement."""

from __future__ import annotations

from bot.clock import to_iso
from bot.forms.model import Outcome
from bot.parsers import parse_row_id
from bot.people import Sender, remember
from bot.placements.common import old_button
from bot.placements.ending import start_ending, undo_end
from bot.placements.offers import answer_offer
from bot.services import Services


async def offer_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """``o:acc:<id>`` / ``o:dec:<id>``: only the worker or the NGO director of that offer."""
    _, action, raw_id = [*data.split(":"), "", ""][:3]
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        placement_id = parse_row_id(raw_id)
        if action not in ("acc", "dec") or placement_id is None:
            return old_button(user.language)
        return await answer_offer(services, tx, user, placement_id, action == "acc",
                                  to_iso(services.clock.now()))


async def end_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """``pl:end:<id>`` (and ``pl:undo:<id>`` within a minute of the end): the NGO director of
    the placement or an association director."""
    _, action, raw_id = [*data.split(":"), "", ""][:3]
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        placement_id = parse_row_id(raw_id)
        if action not in ("end", "undo") or placement_id is None:
            return old_button(user.language)
        if action == "undo":
            return await undo_end(services, tx, user, placement_id, to_iso(services.clock.now()))
        return await start_ending(services, tx, user, placement_id)
