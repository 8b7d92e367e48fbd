"""A member's own records in chat (/profile, /requests and their buttons) and pauses."""

from __future__ import annotations

from bot.events import Role
from bot.members import own_records, pauses
from bot.members.callbacks import read_pause, read_profile
from bot.routing import command, command_with_words, press
from bot.talent_requests.callbacks import read_own_request

COMMANDS = (
    command("profile", own_records.show_profile),
    command("requests", own_records.list_requests),
    command_with_words("pause", pauses.director_pause, Role.DIRECTOR),
    command_with_words("resume", pauses.director_resume, Role.DIRECTOR),
)

PRESSES = (
    press(r"^(p:.*)$", read_profile, own_records.profile_pressed),
    # For anyone: the flow lets through only an NGO director, on their own requests.
    press(r"^(rq:.*)$", read_own_request, own_records.request_pressed),
    press(r"^(ps:.*)$", read_pause, pauses.pause_pressed, Role.DIRECTOR),
)
