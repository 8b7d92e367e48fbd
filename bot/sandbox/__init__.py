"""A local Telegram Bot API emulator, for end-to-end tests and for trying the bot offline.

The emulator speaks the Bot API over HTTP (python-telegram-bot talks to it unchanged through
``telegram.base_url``), enforces Telegram's limits and error texts, lets tests inject faults,
and plays the people: they send texts and contacts, press buttons, forge presses, and read
their chat. ``matchbot sandbox`` adds a web chat on top (:mod:`bot.sandbox.runner`).
"""

from bot.sandbox.emulator import DEFAULT_TOKEN, Emulator
from bot.sandbox.errors import BotApiError
from bot.sandbox.faults import FaultHit, FaultKind, FaultPlan, FaultRule
from bot.sandbox.keyboards import Button
from bot.sandbox.people import PersonActions, Press
from bot.sandbox.rates import SendLog
from bot.sandbox.state import EmulatorState
from bot.sandbox.transcript import SentFile, TranscriptMessage

__all__ = [
    "DEFAULT_TOKEN",
    "BotApiError",
    "Button",
    "Emulator",
    "EmulatorState",
    "FaultHit",
    "FaultKind",
    "FaultPlan",
    "FaultRule",
    "PersonActions",
    "Press",
    "SendLog",
    "SentFile",
    "TranscriptMessage",
]
