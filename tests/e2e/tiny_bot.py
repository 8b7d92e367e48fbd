"""A small python-telegram-bot Application that exercises every emulator feature.

The emulator's own tests drive this bot, not matchbot's handlers, so they check the emulator
and the HTTP stack alone. The browser test uses it too.
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.sandbox.application import builder_for
from bot.sandbox.emulator import Emulator

GREETING = {"en": "Hello, <b>{name}</b>! Pick one:", "zh": "你好，<b>{name}</b>！请选择："}
PING_ANSWER = "pong"


def build_tiny_bot(emulator: Emulator) -> Application[Any, Any, Any, Any, Any, Any]:
    """The tiny bot, pointed at ``emulator``."""
    app = builder_for(emulator).build()
    app.add_handler(CommandHandler("start", _start))
    app.add_handler(CommandHandler("keyboard", _keyboard))
    app.add_handler(CommandHandler("files", _files))
    app.add_handler(CallbackQueryHandler(_pressed))
    app.add_handler(MessageHandler(filters.CONTACT, _contact))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    return app


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    assert user is not None and update.message is not None
    language = "zh" if (user.language_code or "").startswith("zh") else "en"
    buttons = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Ping", callback_data="ping")],
            [InlineKeyboardButton("Edit me", callback_data="edit")],
        ]
    )
    text = GREETING[language].format(name=user.first_name)
    await update.message.reply_text(text, parse_mode=ParseMode.HTML, reply_markup=buttons)


async def _pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    if query.data == "edit":
        await query.answer()
        await query.edit_message_text("Edited")
    else:
        await query.answer(f"{PING_ANSWER}: {query.data}")


async def _keyboard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton("Share phone", request_contact=True)], ["Plain"]],
        one_time_keyboard=True,
    )
    await update.message.reply_text("Share your phone?", reply_markup=keyboard)


async def _contact(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.contact is not None
    phone = update.message.contact.phone_number
    await update.message.reply_text(f"Got {phone}", reply_markup=ReplyKeyboardRemove())


async def _files(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_document(
        io.BytesIO(b"name,skill\n"), filename="export.csv", caption="Export"
    )
    await update.message.reply_photo(tiny_png(), caption="Chart")


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(f"echo: {update.message.text}")


def tiny_png(width: int = 2, height: int = 1) -> bytes:
    """A valid PNG image of the given size (grey pixels)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
