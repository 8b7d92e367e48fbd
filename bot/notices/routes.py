"""The director's /notice to members, and its Send / Cancel."""

from __future__ import annotations

from bot.events import Role
from bot.notices import broadcast
from bot.routing import CommandRoute, PressRoute

COMMANDS = (CommandRoute("notice", broadcast.start_notice, Role.DIRECTOR),)

PRESSES = (PressRoute(r"^(nb:.*)$", broadcast.notice_pressed, Role.DIRECTOR),)
