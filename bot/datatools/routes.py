"""Data in chat: /stats, /export, /invite (a link with the bot's @username), /mydata, /deleteme."""

from __future__ import annotations

from bot.datatools import director_tools, personal_data
from bot.datatools.callbacks import read_deletion, read_invitee
from bot.events import Role
from bot.routing import command, command_with_words, press

DIRECTOR = Role.DIRECTOR

COMMANDS = (
    command("stats", director_tools.show_stats, DIRECTOR),
    command("mydata", personal_data.send_my_data),
    command("deleteme", personal_data.ask_to_delete),
    command_with_words("export", director_tools.send_export, DIRECTOR),
    command_with_words("invite", director_tools.make_invite, DIRECTOR, bot_username=True),
)

PRESSES = (
    press(r"^(inv:\d+)$", read_invitee, director_tools.invite_pressed, DIRECTOR, bot_username=True),
    # For anyone: only the newest /deleteme question of the presser's own works.
    press(r"^(del:.*)$", read_deletion, personal_data.deletion_pressed),
)
