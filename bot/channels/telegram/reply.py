"""Sends an Outcome through Telegram: replies, notices to others, and the pop-up of a press."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.channels.telegram.context import services_of
from bot.channels.telegram.outbox import wake_dispatcher
from bot.channels.telegram.sending import send_html
from bot.forms.model import Outcome, Reply
from bot.markup import split_message
from bot.people import Sender
from bot.services import Services

log = logging.getLogger(__name__)


def sender_of(update: Update) -> Sender:
    user = update.effective_user
    assert user is not None
    return Sender(user.id, user.full_name, user.username, user.language_code)


def markup_of(reply: Reply) -> InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None:
    if reply.buttons:
        return InlineKeyboardMarkup(
            [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in reply.buttons])
    if reply.ask_contact:
        rows = [[KeyboardButton(reply.ask_contact, request_contact=True)]]
        rows += [[KeyboardButton(label)] for label in reply.keyboard]
        return ReplyKeyboardMarkup(rows, resize_keyboard=True, one_time_keyboard=True)
    if reply.remove_keyboard:
        return ReplyKeyboardRemove()
    return None


async def send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, reply: Reply) -> None:
    if reply.photo is not None:
        await context.bot.send_photo(chat_id, reply.photo, caption=reply.text or None,
                                     parse_mode=ParseMode.HTML, reply_markup=markup_of(reply))
    elif reply.document is not None:
        filename, content = reply.document
        await context.bot.send_document(chat_id, content, filename=filename, caption=reply.text or None,
                                        parse_mode=ParseMode.HTML, reply_markup=markup_of(reply))
    else:
        await send_html(context.bot, chat_id, reply.text, markup_of(reply))


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, outcome: Outcome) -> None:
    """Answer the press (if any), then send the replies to the person and the notices to others.

    A press costs one rate-limited call where Telegram allows: the pressed prompt is edited
    into the first reply (``replaces_prompt``, a form's next step), or keeps its text with the
    first reply added under it in place of its buttons (``records_on_prompt``: an offer's
    answer, a check-in's rating, a director's decision stay in the chat with what was pressed).
    Where that edit is refused (the message is too old or gone) the reply is sent instead."""
    query = update.callback_query
    replies = list(outcome.replies)
    if outcome.queued:
        wake_dispatcher(context.application)
    if query is not None:
        await _answer_press(query, outcome.alert)  # not rate-limited: Telegram does not count it
        first = replies[0] if replies else None
        if first is not None and outcome.replaces_prompt and _editable(first):
            replies[0] = replace(first, edit=True)  # the next step in the pressed message's place
        elif first is not None and outcome.records_on_prompt and (kept := _recorded_under(query, first)):
            replies[0] = kept  # the prompt keeps its text, and says what the press did
        if replies and replies[0].edit and not await _edit(query, replies[0]):
            replies[0] = replace(first, edit=False)  # could not edit: send it as a new message
            if outcome.replaces_prompt or outcome.records_on_prompt:
                await _drop_buttons(query)
        elif replies and replies[0].edit:
            replies.pop(0)
        elif outcome.alert is None:
            await _drop_buttons(query)
    chat = update.effective_chat
    for reply in replies:
        if chat is not None:
            await send(context, chat.id, reply)
    for notice in outcome.notices:  # events.run writes them to the outbox, which knows the chats
        log.error("a notice to person %s was not written to the outbox; dropped", notice.person_id)


def _recorded_under(query, reply: Reply) -> Reply | None:
    """The pressed prompt's text with ``reply`` under it, its buttons replaced by the reply's
    inline buttons (usually none). None when that cannot be one edit: the prompt is not a text
    message, or the two together pass Telegram's 4,096 characters."""
    prompt = query.message.text_html if query.message is not None and query.message.text else None
    if prompt is None or not _editable(reply) or reply.edit:
        return None
    text = f"{prompt}\n\n{reply.text}"
    return replace(reply, text=text, edit=True) if len(split_message(text)) == 1 else None


def _editable(reply: Reply) -> bool:
    """Whether a reply can take a text message's place: plain text with inline buttons at most."""
    return (reply.photo is None and reply.document is None and reply.ask_contact is None
            and not reply.keyboard and not reply.remove_keyboard)


async def _answer_press(query, alert: str | None) -> None:
    """Stop the button's spinner. A press answered late (Telegram allows about 15 seconds, less
    than a backlog after a restart takes) is refused by Telegram: the change is made all the same."""
    try:
        await query.answer(alert, show_alert=alert is not None)
    except BadRequest as error:
        log.info("a press could not be answered: %s", error)


async def _edit(query, reply: Reply) -> bool:
    """Replace the pressed message; False when Telegram will not (too old, deleted)."""
    try:
        await query.edit_message_text(reply.text, parse_mode=ParseMode.HTML, reply_markup=markup_of(reply))
    except BadRequest as error:
        if "not modified" not in str(error).lower():  # a double tap is harmless
            log.info("the pressed message could not be edited: %s", error)
            return False
    return True


async def _drop_buttons(query) -> None:
    """The pressed prompt is answered: take its buttons away so nobody presses them again."""
    try:
        await query.edit_message_reply_markup(reply_markup=None)
    except BadRequest as error:  # not modified (a double tap), or too old to edit: harmless either way
        log.info("the pressed message's buttons stay: %s", error)


Flow = Callable[[Services, Sender], Awaitable[Outcome]]
PressFlow = Callable[[Services, Sender, str], Awaitable[Outcome]]
Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


def answer_with(flow: Flow) -> Handler:
    """A handler that runs ``flow`` for the sender and delivers what it decided."""
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await deliver(update, context, await flow(services_of(context), sender_of(update)))
    handler.__name__ = flow.__name__
    return handler


def press_with(flow: PressFlow) -> Handler:
    """A button handler that passes the first group of its pattern's match to ``flow``.

    Used for a command, it passes the words after the command ("/start abc" -> "abc").
    """
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        argument = context.match.group(1) if context.match else " ".join(context.args or ())
        await deliver(update, context, await flow(services_of(context), sender_of(update), argument))
    handler.__name__ = flow.__name__
    return handler


