"""What the emulator remembers: the bot, the people, their private chats and messages.

Records are mutable (messages get edited and deleted); what leaves the emulator is either
Bot API JSON (``to_dict``) or the frozen views of :mod:`bot.sandbox.transcript`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.sandbox.files import StoredFile
from bot.sandbox.formatting import Entity
from bot.sandbox.keyboards import Markup


@dataclass(frozen=True)
class BotIdentity:
    """The bot account behind the token (what ``getMe`` answers)."""

    token: str
    first_name: str = "MatchBot Sandbox"
    username: str = "matchbot_sandbox_bot"

    @property
    def id(self) -> int:
        return int(self.token.split(":", 1)[0])

    def to_dict(self) -> dict[str, Any]:
        """As a Bot API ``User``."""
        return {
            "id": self.id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }


@dataclass
class Person:
    """A Telegram user talking to the bot in a private chat."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    phone_number: str | None = None
    blocked_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        """As a Bot API ``User``."""
        body: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                body[key] = getattr(self, key)
        return body

    def chat_dict(self) -> dict[str, Any]:
        """As the Bot API ``Chat`` of the private chat with this person."""
        body: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            if getattr(self, key) is not None:
                body[key] = getattr(self, key)
        return body


@dataclass
class StoredMessage:
    """One message in a chat, from the bot or from the person, with its current content."""

    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    text: str | None = None
    entities: tuple[Entity, ...] = ()
    caption: str | None = None
    caption_entities: tuple[Entity, ...] = ()
    markup: Markup | None = None
    document: StoredFile | None = None
    photo: StoredFile | None = None
    contact: dict[str, Any] | None = None
    reply_to: int | None = None
    edit_date: int | None = None
    deleted: bool = False

    @property
    def inline_markup(self) -> Markup | None:
        """The inline keyboard attached to the message, if any."""
        return self.markup if self.markup is not None and self.markup.kind == "inline" else None


@dataclass
class Chat:
    """The private chat between the bot and one person."""

    person: Person
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    reply_keyboard: Markup | None = None
    last_action: str | None = None
    _next_message_id: int = 1

    def add(self, message: StoredMessage) -> StoredMessage:
        """Append a message; a reply keyboard it carries becomes the one the person sees."""
        self.messages[message.message_id] = message
        if message.markup is not None and message.markup.kind == "reply":
            self.reply_keyboard = message.markup
        elif message.markup is not None and message.markup.kind == "remove":
            self.reply_keyboard = None
        return message

    def allocate_id(self) -> int:
        """The next message id (private chats number their messages one by one)."""
        message_id = self._next_message_id
        self._next_message_id += 1
        return message_id

    def live(self, message_id: int) -> StoredMessage | None:
        """The message if it exists and was not deleted."""
        message = self.messages.get(message_id)
        return None if message is None or message.deleted else message

    def bot_messages(self) -> list[StoredMessage]:
        """Every message the bot sent here, deleted ones included, in order."""
        return [message for message in self.messages.values() if message.from_bot]


@dataclass
class CallbackRecord:
    """A callback query sent to the bot and the answer it gave, if any."""

    query_id: str
    chat_id: int
    message_id: int
    data: str
    answered: bool = False
    answer_text: str | None = None
    show_alert: bool = False


def message_dict(
    message: StoredMessage, chat: Chat, bot: BotIdentity, *, with_reply: bool = True
) -> dict[str, Any]:
    """A stored message as a Bot API ``Message``."""
    body: dict[str, Any] = {
        "message_id": message.message_id,
        "from": bot.to_dict() if message.from_bot else chat.person.to_dict(),
        "chat": chat.person.chat_dict(),
        "date": message.date,
    }
    if message.edit_date is not None:
        body["edit_date"] = message.edit_date
    _add_content(body, message)
    if message.inline_markup is not None:
        body["reply_markup"] = message.inline_markup.to_dict()
    replied = chat.messages.get(message.reply_to) if message.reply_to else None
    if with_reply and replied is not None:
        body["reply_to_message"] = message_dict(replied, chat, bot, with_reply=False)
    return body


def _add_content(body: dict[str, Any], message: StoredMessage) -> None:
    if message.text is not None:
        body["text"] = message.text
        if message.entities:
            body["entities"] = [entity.to_dict() for entity in message.entities]
    if message.caption is not None:
        body["caption"] = message.caption
        if message.caption_entities:
            body["caption_entities"] = [entity.to_dict() for entity in message.caption_entities]
    if message.document is not None:
        body["document"] = message.document.document_dict()
    if message.photo is not None:
        body["photo"] = message.photo.photo_sizes()
    if message.contact is not None:
        body["contact"] = dict(message.contact)
