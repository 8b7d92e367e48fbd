"""The director's desk in chat: its commands and buttons, all for association directors."""

from __future__ import annotations

from bot.desk import directing, find
from bot.desk.callbacks import read_open
from bot.events import Role
from bot.members.callbacks import read_member_action, read_page, read_verify
from bot.placements.callbacks import read_listing, read_message, read_queue
from bot.routing import command, command_with_words, press
from bot.talent_requests.callbacks import read_close, read_desk

DIRECTOR = Role.DIRECTOR

COMMANDS = (
    command("queue", directing.show_queue, DIRECTOR),
    command("members", directing.show_members, DIRECTOR),
    command("match", directing.match_now, DIRECTOR),
    command_with_words("find", find.find_command, DIRECTOR),
)

PRESSES = (
    press(r"^(v:.*)$", read_verify, directing.verify_pressed, DIRECTOR),
    press(r"^(vm:.*)$", read_page, directing.members_paged, DIRECTOR),
    press(r"^(fd:.*)$", read_open, find.open_pressed, DIRECTOR),
    press(r"^(pm:.*)$", read_message, directing.message_pressed, DIRECTOR),
    press(r"^(rc:.*)$", read_close, directing.request_close_pressed, DIRECTOR),
    press(r"^(rd:.*)$", read_desk, directing.request_desk_pressed, DIRECTOR),
    press(r"^(f[ne]:.*)$", read_member_action, find.member_action_pressed, DIRECTOR),
    press(r"^(q:.*)$", read_queue, directing.queue_pressed, DIRECTOR),
    press(r"^(q[lr]:.*)$", read_listing, directing.queue_listing_pressed, DIRECTOR),
)
