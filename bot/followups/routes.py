"""The two sides' answers to a check-in."""

from __future__ import annotations

from bot.followups.answers import checkin_pressed
from bot.routing import PressRoute

COMMANDS = ()

PRESSES = (PressRoute(r"^(fu:.*)$", checkin_pressed),)
