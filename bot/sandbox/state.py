"""The emulator's whole world in one object: bot, people, chats, files, updates, faults, rates.

Both sides act on it: Bot API methods (:mod:`bot.sandbox.methods`) as the bot, and the user
side (:mod:`bot.sandbox.people`) as the people. Every change bumps :attr:`signal`, which is
what long polling, the test driver and the web chat wait on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.clock import Clock
from bot.sandbox import errors
from bot.sandbox.change_signal import ChangeSignal
from bot.sandbox.errors import BotApiError, bad_request
from bot.sandbox.faults import FaultPlan
from bot.sandbox.files import FileStore
from bot.sandbox.model import BotIdentity, CallbackRecord, Chat, Person, StoredMessage
from bot.sandbox.rates import SendLog
from bot.sandbox.updates import UpdateQueue


@dataclass
class BotSettings:
    """What the bot configured about itself: commands and webhook."""

    commands: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    webhook_url: str = ""
    webhook_secret_token: str = ""


class EmulatorState:
    """Everything the emulator knows; see the module docstring."""

    def __init__(
        self,
        token: str,
        *,
        clock: Clock | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot = BotIdentity(token)
        self.clock = clock or Clock()
        self.signal = ChangeSignal()
        self.updates = UpdateQueue(self.signal)
        self.chats: dict[int, Chat] = {}
        self.files = FileStore()
        self.callbacks: dict[str, CallbackRecord] = {}
        self.settings = BotSettings()
        self.rates = SendLog(monotonic)
        self.faults = FaultPlan()
        self.closed = False
        self._callback_counter = 0

    def timestamp(self) -> int:
        """Unix time for message dates, from the (possibly advanced) clock."""
        return int(self.clock.now().timestamp())

    def register(self, person: Person) -> Chat:
        """Make a person known (as if they had opened the bot); updates details if known."""
        chat = self.chats.get(person.id)
        if chat is None:
            chat = self.chats[person.id] = Chat(person)
        else:
            chat.person = person
        self.signal.touch()
        return chat

    def chat(self, chat_id: int) -> Chat:
        """The chat with a registered person (user side: a programming error if unknown)."""
        try:
            return self.chats[chat_id]
        except KeyError:
            raise LookupError(f"no person with id {chat_id} is registered") from None

    def chat_for_bot(self, chat_id: int | str) -> Chat:
        """The chat the bot addresses, or Telegram's 400 / 403 when it cannot write there."""
        chat = self._find_chat(chat_id)
        if chat is None:
            raise bad_request(errors.CHAT_NOT_FOUND)
        if chat.person.blocked_bot:
            raise BotApiError(errors.BOT_BLOCKED, 403)
        return chat

    def set_blocked(self, person_id: int, blocked: bool = True) -> None:
        """Mark that a person blocked (or unblocked) the bot: sends then fail with 403."""
        self.chat(person_id).person.blocked_bot = blocked
        self.signal.touch()

    def new_message(self, chat: Chat, *, from_bot: bool, **content: Any) -> StoredMessage:
        """Store a message in ``chat`` with the next id and the current date."""
        message = StoredMessage(
            message_id=chat.allocate_id(),
            chat_id=chat.person.id,
            from_bot=from_bot,
            date=self.timestamp(),
            **content,
        )
        chat.add(message)
        self.signal.touch()
        return message

    def new_callback(self, chat_id: int, message_id: int, data: str) -> CallbackRecord:
        """Record a callback query about to be sent to the bot."""
        self._callback_counter += 1
        query_id = f"{chat_id}{self._callback_counter:010d}"
        record = CallbackRecord(query_id, chat_id, message_id, data)
        self.callbacks[query_id] = record
        return record

    def close(self) -> None:
        """Wake everything that waits (long polls, held responses) so shutdown is quick."""
        self.closed = True
        self.updates.close()

    def _find_chat(self, chat_id: int | str) -> Chat | None:
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            wanted = chat_id[1:].lower()
            for chat in self.chats.values():
                if (chat.person.username or "").lower() == wanted:
                    return chat
            return None
        try:
            return self.chats.get(int(chat_id))
        except ValueError:
            return None
