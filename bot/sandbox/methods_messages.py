"""Bot API methods that create, change or remove messages.

Each takes the emulator state and the call's parameters and returns the ``result`` Telegram
would return, or raises :class:`BotApiError` with Telegram's description. Limits enforced:
text 1-4096 characters and captions up to 1024 after entity parsing, valid HTML, valid
keyboards, identical edits refused, unknown or deleted messages refused.
"""

from __future__ import annotations

from typing import Any

from bot.sandbox import errors
from bot.sandbox.errors import bad_request, missing_parameter
from bot.sandbox.files import StoredFile
from bot.sandbox.formatting import FormattedText, entities_from_json, parse_html
from bot.sandbox.keyboards import Markup, parse_markup
from bot.sandbox.model import Chat, StoredMessage, message_dict
from bot.sandbox.params import CallArgs, Upload
from bot.sandbox.state import EmulatorState

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024


async def send_message(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """sendMessage: text with optional HTML, keyboard and reply target."""
    chat = _target_chat(state, args)
    markup = _markup(args)
    content = _text(args)
    reply_to = _reply_target(chat, args)
    message = state.new_message(
        chat, from_bot=True, text=content.text, entities=content.entities, markup=markup,
        reply_to=reply_to,
    )
    return _delivered(state, chat, message, "sendMessage")


async def send_document(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """sendDocument: an uploaded (or previously sent) file with an optional caption."""
    return await _send_file(state, args, "document")


async def send_photo(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """sendPhoto: an uploaded (or previously sent) image with an optional caption."""
    return await _send_file(state, args, "photo")


async def edit_message_text(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """editMessageText: new text (and keyboard; leaving reply_markup out removes it)."""
    chat, message = _message_to_edit(state, args)
    if message.text is None:
        raise bad_request(errors.NO_TEXT_TO_EDIT)
    content = _text(args)
    markup = _inline_markup(args)
    if (content.text, content.entities, markup) == (message.text, message.entities, message.markup):
        raise bad_request(errors.NOT_MODIFIED)
    message.text, message.entities, message.markup = content.text, content.entities, markup
    return _edited(state, chat, message)


async def edit_message_caption(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """editMessageCaption: new caption of a document or photo."""
    chat, message = _message_to_edit(state, args)
    if message.document is None and message.photo is None:
        raise bad_request(errors.NO_CAPTION_TO_EDIT)
    caption = _caption(args)
    new_caption = caption.text if caption is not None else None
    new_entities = caption.entities if caption is not None else ()
    markup = _inline_markup(args)
    current = (message.caption, message.caption_entities, message.markup)
    if (new_caption, new_entities, markup) == current:
        raise bad_request(errors.NOT_MODIFIED)
    message.caption, message.caption_entities, message.markup = new_caption, new_entities, markup
    return _edited(state, chat, message)


async def edit_message_reply_markup(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """editMessageReplyMarkup: replace or (when omitted) remove the inline keyboard."""
    chat, message = _message_to_edit(state, args)
    markup = _inline_markup(args)
    if markup == message.markup:
        raise bad_request(errors.NOT_MODIFIED)
    message.markup = markup
    return _edited(state, chat, message)


async def delete_message(state: EmulatorState, args: CallArgs) -> bool:
    """deleteMessage: the bot may delete its own and the person's messages in a private chat."""
    chat = _target_chat(state, args)
    message_id = args.integer("message_id", required=True)
    assert message_id is not None
    message = chat.live(message_id)
    if message is None:
        raise bad_request(errors.MESSAGE_TO_DELETE_NOT_FOUND)
    message.deleted = True
    state.signal.touch()
    return True


async def _send_file(state: EmulatorState, args: CallArgs, kind: str) -> dict[str, Any]:
    chat = _target_chat(state, args)
    markup = _markup(args)
    caption = _caption(args)
    stored = _stored_file(state, args.file(kind), kind)
    message = state.new_message(
        chat,
        from_bot=True,
        caption=caption.text if caption else None,
        caption_entities=caption.entities if caption else (),
        markup=markup,
        reply_to=_reply_target(chat, args),
        **{kind: stored},
    )
    return _delivered(state, chat, message, "sendDocument" if kind == "document" else "sendPhoto")


def _stored_file(state: EmulatorState, given: Upload | str | None, kind: str) -> StoredFile:
    if given is None:
        raise missing_parameter(kind)
    if isinstance(given, str):
        return state.files.resolve(given)
    if kind == "photo":
        return state.files.store_photo(given)
    return state.files.store_document(given)


def _target_chat(state: EmulatorState, args: CallArgs) -> Chat:
    chat_id = args.text("chat_id", required=True)
    assert chat_id is not None
    return state.chat_for_bot(chat_id)


def _message_to_edit(state: EmulatorState, args: CallArgs) -> tuple[Chat, StoredMessage]:
    if args.has("inline_message_id"):
        raise bad_request(errors.MESSAGE_TO_EDIT_NOT_FOUND)
    chat = _target_chat(state, args)
    message_id = args.integer("message_id", required=True)
    assert message_id is not None
    message = chat.live(message_id)
    if message is None:
        raise bad_request(errors.MESSAGE_TO_EDIT_NOT_FOUND)
    if not message.from_bot:
        raise bad_request(errors.MESSAGE_CANT_BE_EDITED)
    return chat, message


def _text(args: CallArgs) -> FormattedText:
    content = _formatted(args, "text", "entities")
    if content is None or not content.text.strip():
        raise bad_request(errors.TEXT_EMPTY)
    if len(content.text) > MAX_TEXT_LENGTH:
        raise bad_request(errors.MESSAGE_TOO_LONG)
    return content


def _caption(args: CallArgs) -> FormattedText | None:
    content = _formatted(args, "caption", "caption_entities")
    if content is not None and len(content.text) > MAX_CAPTION_LENGTH:
        raise bad_request(errors.CAPTION_TOO_LONG)
    return content


def _formatted(args: CallArgs, key: str, entities_key: str) -> FormattedText | None:
    raw = args.text(key)
    if raw is None:
        return None
    mode = (args.text("parse_mode") or "").lower()
    if mode == "html":
        return parse_html(raw)
    if mode in ("", "markdown", "markdownv2"):
        # Markdown is passed through unparsed: the bot formats with HTML only.
        return FormattedText(raw, entities_from_json(args.structure(entities_key)))
    raise bad_request(errors.UNSUPPORTED_PARSE_MODE)


def _markup(args: CallArgs) -> Markup | None:
    return parse_markup(args.structure("reply_markup", errors.KEYBOARD_JSON_INVALID))


def _inline_markup(args: CallArgs) -> Markup | None:
    markup = _markup(args)
    if markup is not None and markup.kind != "inline":
        raise bad_request(errors.KEYBOARD_JSON_INVALID)
    return markup


def _reply_target(chat: Chat, args: CallArgs) -> int | None:
    parameters = args.structure("reply_parameters") or {}
    message_id = parameters.get("message_id") or args.integer("reply_to_message_id")
    if not message_id:
        return None
    if chat.live(int(message_id)) is not None:
        return int(message_id)
    allowed = parameters.get("allow_sending_without_reply") or args.flag(
        "allow_sending_without_reply"
    )
    if allowed:
        return None
    raise bad_request(errors.REPLY_NOT_FOUND)


def _delivered(
    state: EmulatorState, chat: Chat, message: StoredMessage, method: str
) -> dict[str, Any]:
    state.rates.record(chat.person.id, method)
    return message_dict(message, chat, state.bot)


def _edited(state: EmulatorState, chat: Chat, message: StoredMessage) -> dict[str, Any]:
    state.rates.record(chat.person.id, "edit")  # Telegram counts an edit against the limits too
    message.edit_date = state.timestamp()
    state.signal.touch()
    return message_dict(message, chat, state.bot)
