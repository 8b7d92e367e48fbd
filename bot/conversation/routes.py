"""Joining and finding one's way: /start, /help, /language, /cancel, the form buttons, and the
answer to a press nobody else routes (registered last)."""

from __future__ import annotations

from bot.conversation import flows
from bot.routing import CommandRoute, PressRoute

COMMANDS = (
    CommandRoute("help", flows.show_help),
    CommandRoute("language", flows.ask_language),
    CommandRoute("cancel", flows.cancel),
    CommandRoute("start", flows.start, words=True),
)

PRESSES = (
    PressRoute(r"^role:(\w+)$", flows.choose_role),
    PressRoute(r"^lang:(\w+)$", flows.choose_language),
    PressRoute(r"^(f:.*)$", flows.form_pressed),
)

# Any press no route above (or in another feature) takes: it must be registered after them all.
UNKNOWN_PRESS = PressRoute(r"(?s)^(.*)$", flows.unknown_press)
