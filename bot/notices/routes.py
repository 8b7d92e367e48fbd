"""The director's /notice to members, and its Send / Cancel."""

from __future__ import annotations

from bot.events import Role
from bot.notices import broadcast
from bot.notices.callbacks import read_broadcast
from bot.routing import command, press

COMMANDS = (command("notice", broadcast.start_notice, Role.DIRECTOR),)

PRESSES = (press(r"^(nb:.*)$", read_broadcast, broadcast.notice_pressed, Role.DIRECTOR),)
