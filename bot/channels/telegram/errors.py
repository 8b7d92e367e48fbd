"""The last line of defence: log the failure, tell the person to try again, keep going."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import ContextTypes

log = logging.getLogger(__name__)

SORRY = "Sorry, something went wrong. Please try again. / 抱歉，出了点问题，请再试一次。"


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("update failed: %s", context.error, exc_info=context.error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(context.error, Forbidden):
        return  # the person blocked the bot: nothing can reach them
    try:
        await context.bot.send_message(update.effective_chat.id, SORRY)
    except TelegramError:
        log.warning("could not tell chat %s about the failure", update.effective_chat.id)
