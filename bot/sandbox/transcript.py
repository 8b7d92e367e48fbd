"""Frozen views of a chat, for tests to assert on and for the web chat to draw."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bot.sandbox.files import StoredFile
from bot.sandbox.formatting import Entity
from bot.sandbox.keyboards import Button
from bot.sandbox.model import Chat, StoredMessage

Rows = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class SentFile:
    """A document or photo in the chat, with the path it is downloaded from."""

    file_id: str
    file_name: str
    mime_type: str
    size: int
    url_path: str
    width: int = 0
    height: int = 0


@dataclass(frozen=True)
class TranscriptMessage:
    """One message as the person sees it now (text is the caption for files)."""

    message_id: int
    from_bot: bool
    text: str
    entities: tuple[Entity, ...] = ()
    inline_keyboard: Rows = ()
    reply_keyboard: Rows | None = None
    removes_keyboard: bool = False
    document: SentFile | None = None
    photo: SentFile | None = None
    contact_phone: str | None = None
    reply_to: int | None = None
    edited: bool = False
    deleted: bool = False
    date: int = 0

    @property
    def buttons(self) -> tuple[str, ...]:
        """Labels of the inline buttons, row by row."""
        return tuple(button.text for row in self.inline_keyboard for button in row)

    @property
    def callback_data(self) -> tuple[str | None, ...]:
        """callback_data of the inline buttons, in the order of :attr:`buttons`."""
        return tuple(button.callback_data for row in self.inline_keyboard for button in row)

    @property
    def reply_buttons(self) -> tuple[str, ...]:
        """Labels of the reply keyboard this message brought up (empty if none)."""
        return tuple(button.text for row in self.reply_keyboard or () for button in row)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the web chat."""
        return asdict(self)


def transcript_of(
    chat: Chat, token: str, *, include_deleted: bool = False
) -> tuple[TranscriptMessage, ...]:
    """Every message of ``chat`` in order, as :class:`TranscriptMessage` values."""
    return tuple(
        view_of(message, token)
        for message in chat.messages.values()
        if include_deleted or not message.deleted
    )


def view_of(message: StoredMessage, token: str) -> TranscriptMessage:
    """A single stored message as a frozen view."""
    markup = message.markup
    is_file = message.document is not None or message.photo is not None
    return TranscriptMessage(
        message_id=message.message_id,
        from_bot=message.from_bot,
        text=(message.caption or "") if is_file else (message.text or ""),
        entities=message.caption_entities if is_file else message.entities,
        inline_keyboard=markup.rows if markup is not None and markup.kind == "inline" else (),
        reply_keyboard=markup.rows if markup is not None and markup.kind == "reply" else None,
        removes_keyboard=markup is not None and markup.kind == "remove",
        document=_sent_file(message.document, token),
        photo=_sent_file(message.photo, token),
        contact_phone=(message.contact or {}).get("phone_number"),
        reply_to=message.reply_to,
        edited=message.edit_date is not None,
        deleted=message.deleted,
        date=message.date,
    )


def _sent_file(stored: StoredFile | None, token: str) -> SentFile | None:
    if stored is None:
        return None
    return SentFile(
        file_id=stored.file_id,
        file_name=stored.file_name,
        mime_type=stored.mime_type,
        size=stored.size,
        url_path=f"/file/bot{token}/{stored.file_path}",
        width=stored.width,
        height=stored.height,
    )
