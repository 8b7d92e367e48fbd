"""A member's own records in chat (/profile, /requests and their buttons) and pauses."""

from __future__ import annotations

from bot.events import Role
from bot.members import own_records, pauses
from bot.routing import CommandRoute, PressRoute

COMMANDS = (
    CommandRoute("profile", own_records.show_profile),
    CommandRoute("requests", own_records.list_requests),
    CommandRoute("pause", pauses.director_pause, Role.DIRECTOR, words=True),
    CommandRoute("resume", pauses.director_resume, Role.DIRECTOR, words=True),
)

PRESSES = (
    PressRoute(r"^(p:.*)$", own_records.profile_pressed),
    PressRoute(r"^(rq:.*)$", own_records.request_pressed),
    PressRoute(r"^(ps:.*)$", pauses.pause_pressed),
)
