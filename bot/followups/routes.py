"""The two sides' answers to a check-in."""

from __future__ import annotations

from bot.followups.answers import checkin_pressed
from bot.followups.callbacks import read_checkin
from bot.routing import press

COMMANDS = ()

# For anyone: the flow lets through only the person the check-in went to.
PRESSES = (press(r"^(fu:.*)$", read_checkin, checkin_pressed),)
