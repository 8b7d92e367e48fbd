"""Sending an HTML message of any length: longer texts go as several messages, in order."""

from __future__ import annotations

from telegram import Bot, Message, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram import InlineKeyboardMarkup as Inline
from telegram.constants import ParseMode

from bot.markup import split_message

Markup = Inline | ReplyKeyboardMarkup | ReplyKeyboardRemove | None


async def send_html(bot: Bot, chat_id: int, text: str, reply_markup: Markup = None) -> Message:
    """Send ``text``; past Telegram's 4,096 characters it is split at line breaks, and the
    buttons go with the last piece. Returns the last message."""
    *first, last = split_message(text)
    for piece in first:
        await bot.send_message(chat_id, piece, parse_mode=ParseMode.HTML)
    return await bot.send_message(chat_id, last, parse_mode=ParseMode.HTML, reply_markup=reply_markup)
