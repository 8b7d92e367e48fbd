"""Data in chat: /stats, /export, /invite (a link with the bot's @username), /mydata, /deleteme."""

from __future__ import annotations

from bot.datatools import director_tools, personal_data
from bot.events import Role
from bot.routing import CommandRoute, PressRoute

COMMANDS = (
    CommandRoute("stats", director_tools.show_stats, Role.DIRECTOR),
    CommandRoute("mydata", personal_data.send_my_data),
    CommandRoute("deleteme", personal_data.ask_to_delete),
    CommandRoute("export", director_tools.send_export, Role.DIRECTOR, words=True),
    CommandRoute("invite", director_tools.make_invite, Role.DIRECTOR, words=True, bot_username=True),
)

PRESSES = (
    PressRoute(r"^(inv:\d+)$", director_tools.invite_pressed, Role.DIRECTOR, bot_username=True),
    PressRoute(r"^(del:.*)$", personal_data.deletion_pressed),
)
