"""Messages that are not commands: typed answers, a shared contact, and anything else."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.channels.telegram.context import services_of
from bot.channels.telegram.reply import deliver, sender_of
from bot.conversation import flows as conversation
from bot.conversation import guidance


async def text_received(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    message = update.effective_message
    outcome = await conversation.text_received(services_of(context), sender_of(update), message.text or "",
                                               message.message_id)
    await deliver(update, context, outcome)


async def command_unknown(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /command the bot does not have."""
    message = update.effective_message
    assert message is not None
    command = (message.text or "").split(maxsplit=1)[0] if message.text else ""
    await deliver(update, context, await guidance.unknown_command(services_of(context), sender_of(update), command))


async def contact_received(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None and message.contact is not None
    outcome = await conversation.contact_received(
        services_of(context), sender_of(update), message.contact.phone_number)
    await deliver(update, context, outcome)
