"""Handlers of the director's /invite: like ``press_with``, plus the bot's @username for the link."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import ContextTypes

from bot.channels.telegram.context import services_of
from bot.channels.telegram.reply import Handler, deliver, sender_of
from bot.forms.model import Outcome
from bot.people import Sender
from bot.services import Services

LinkFlow = Callable[[Services, Sender, str, str], Awaitable[Outcome]]


def with_bot_username(flow: LinkFlow) -> Handler:
    """Pass the pattern's first group (a button) or the command's words, and the bot's username."""
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        argument = context.match.group(1) if context.match else " ".join(context.args or ())
        outcome = await flow(services_of(context), sender_of(update), argument, context.bot.username)
        await deliver(update, context, outcome)
    handler.__name__ = flow.__name__
    return handler
