"""Placements in chat: /placements and /status, offers' Accept / Decline, ending, filters."""

from __future__ import annotations

from bot.events import Role
from bot.placements import offering, views
from bot.placements.callbacks import read_end, read_filter, read_offer
from bot.routing import command, press

COMMANDS = (
    command("placements", views.list_placements),
    command("status", views.show_status),
)

PRESSES = (
    # For anyone: the flow lets through only that offer's worker and NGO director.
    press(r"^(o:.*)$", read_offer, offering.offer_pressed),
    # For anyone: the flow lets through the placement's NGO director and association directors.
    press(r"^(pl:.*)$", read_end, offering.end_pressed),
    press(r"^(pls:\w+)$", read_filter, views.filter_pressed, Role.DIRECTOR),
)
