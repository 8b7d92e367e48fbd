"""Follow-ups on a schedule: check-ins, offer reminders and expiry, the directors' digest, nudges.

Due work is rows in the ``followups`` table (the outbox), written in the transaction of the change
that causes them (``schedule``). One repeating job (``dispatcher``) claims due rows, sends them
within Telegram's limits (``pacing``) and records what happened (``outcomes``); quiet hours hold
what is not urgent (``quiet``). People answer check-ins with buttons and a short form (``answers``).
"""

from bot.followups.dispatcher import Dispatcher, dispatcher_of, start_followups, wake_dispatcher
from bot.followups.schedule import (
    enqueue,
    offer_answered,
    offer_closed,
    offer_made,
    placement_end_undone,
    placement_ended,
    placement_started,
    send_after_commit,
)

__all__ = [
    "Dispatcher",
    "dispatcher_of",
    "enqueue",
    "offer_answered",
    "offer_closed",
    "offer_made",
    "placement_end_undone",
    "placement_ended",
    "placement_started",
    "send_after_commit",
    "start_followups",
    "wake_dispatcher",
]
