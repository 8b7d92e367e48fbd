"""Joining and finding one's way: /start, /help, /language, /cancel, the greeting's, /language's
and the forms' buttons, and the answer to a press nobody else routes (registered last)."""

from __future__ import annotations

from bot.conversation import flows
from bot.conversation.callbacks import as_sent, read_language, read_role
from bot.routing import command, command_with_words, press

COMMANDS = (
    command("help", flows.show_help),
    command("language", flows.ask_language),
    command("cancel", flows.cancel),
    command_with_words("start", flows.start),
)

PRESSES = (
    press(r"^role:(\w+)$", read_role, flows.choose_role),
    press(r"^lang:(\w+)$", read_language, flows.choose_language),
    press(r"^(f:.*)$", as_sent, flows.form_pressed),
)

# Any press no route above (or in another feature) takes: it must be registered after them all.
UNKNOWN_PRESS = press(r"(?s)^(.*)$", as_sent, flows.unknown_press)
