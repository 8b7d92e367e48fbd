"""The end-to-end test driver: people chatting with the bot through the emulator.

    alice = sandbox.user(101, "Alice", lang="zh")
    await alice.send("/start")
    greeting = await alice.next_message()
    await alice.press("社工")

Every wait is on the emulator's change signal with a deadline; when the deadline passes the
test fails with the chat so far, so a missing reply is a clear failure, never a hang.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from telegram.ext import Application

from bot.sandbox.emulator import Emulator
from bot.sandbox.model import CallbackRecord
from bot.sandbox.people import PersonActions, Press
from bot.sandbox.transcript import TranscriptMessage, view_of

DEFAULT_WAIT_SECONDS = 10.0

Transcript = tuple[TranscriptMessage, ...]


class ChatUser:
    """One person in a private chat with the bot under test."""

    def __init__(self, emulator: Emulator, actions: PersonActions, wait_seconds: float) -> None:
        self._emulator = emulator
        self._actions = actions
        self._wait_seconds = wait_seconds
        self._seen_bot_messages = 0
        self._pressed: tuple[int, str | None] | None = None  # (message id, its text when pressed)

    @property
    def id(self) -> int:
        return self._actions.person_id

    async def send(self, text: str) -> int:
        """Send a text (commands get their bot_command entity); returns its message id."""
        self._pressed = None
        return self._actions.send_text(text)

    async def send_contact(self, phone_number: str | None = None) -> int:
        """Share a contact card (the person's own number unless given)."""
        return self._actions.send_contact(phone_number)

    async def press(self, label_or_data: str) -> Press:
        """Press the newest inline or reply-keyboard button with this label or data."""
        press = self._actions.press(label_or_data)
        self._pressed = None
        if press.query_id is not None:
            pressed_id = self._actions.callback_answer(press.query_id).message_id
            self._pressed = (pressed_id, self._emulator.state.chat(self.id).messages[pressed_id].text)
        return press

    async def forge_callback(self, data: str, message_id: int | None = None) -> str:
        """A callback_query with any ``data`` (default: on the bot's latest message); like a
        press, the message it is on counts as the next message once the bot edits it."""
        if message_id is None:
            message_id = self.last_bot_message().message_id
        forged_on = self._emulator.state.chat(self.id).messages.get(message_id)
        self._pressed = None if forged_on is None else (message_id, forged_on.text)
        return self._actions.forge_callback(data, message_id)

    async def next_message(self, timeout: float | None = None) -> TranscriptMessage:
        """The bot's next message in this chat (each returned once, in order).

        After a press, the pressed message edited into new text counts as the next message: the
        bot answers a press by turning the prompt into the next step, in one call."""
        chat = self._emulator.state.chat(self.id)
        wanted = self._seen_bot_messages + 1
        await self._wait(lambda: len(chat.bot_messages()) >= wanted or self._edited_press() is not None,
                         "a new bot message", timeout)
        if (edited := self._edited_press()) is not None:
            self._pressed = None  # the person has read up to the message they pressed
            position = [m.message_id for m in chat.bot_messages()].index(edited.message_id) + 1
            self._seen_bot_messages = max(self._seen_bot_messages, position)
            return view_of(edited, self._emulator.token)
        self._seen_bot_messages = wanted
        message = chat.bot_messages()[wanted - 1]
        return view_of(message, self._emulator.token)

    async def next_messages(self, count: int, timeout: float | None = None) -> Transcript:
        """The bot's next ``count`` messages."""
        return tuple([await self.next_message(timeout) for _ in range(count)])

    def _edited_press(self):
        """The message last pressed, if the bot has since edited it into another text."""
        if self._pressed is None:
            return None
        message = self._emulator.state.chat(self.id).messages[self._pressed[0]]
        return message if message.text != self._pressed[1] else None

    def answered(self, query_id: str) -> bool:
        """Whether the bot has answered the callback query yet (without waiting)."""
        return self._actions.callback_answer(query_id).answered

    async def callback_answer(self, query_id: str, timeout: float | None = None) -> CallbackRecord:
        """Wait until the bot answered the callback query, then return the answer."""
        record = self._actions.callback_answer(query_id)
        await self._wait(lambda: record.answered, f"an answer to callback {query_id}", timeout)
        return record

    async def wait_until(
        self, condition: Callable[[Transcript], bool], what: str, timeout: float | None = None
    ) -> Transcript:
        """Wait until ``condition(transcript)`` holds (for edits, deletions...)."""
        await self._wait(lambda: condition(self.transcript()), what, timeout)
        return self.transcript()

    def transcript(self, *, include_deleted: bool = False) -> Transcript:
        """The chat as the person sees it now."""
        return self._actions.transcript(include_deleted=include_deleted)

    def last_bot_message(self) -> TranscriptMessage:
        """The newest message from the bot still in the chat."""
        from_bot = [message for message in self.transcript() if message.from_bot]
        if not from_bot:
            pytest.fail(f"the bot has not written to {self.id} yet")
        return from_bot[-1]

    def block_bot(self, blocked: bool = True) -> None:
        """Block the bot: its sends to this person now fail with 403."""
        self._emulator.state.set_blocked(self.id, blocked)

    async def _wait(self, predicate: Callable[[], bool], what: str, timeout: float | None) -> None:
        seconds = self._wait_seconds if timeout is None else timeout
        if not await self._emulator.state.signal.wait_for(predicate, seconds):
            lines = "\n".join(_describe(message) for message in self.transcript())
            pytest.fail(f"waited {seconds}s for {what} in chat {self.id}; chat so far:\n{lines}")


@dataclass
class Sandbox:
    """The emulator plus the Application under test (None when only the emulator runs)."""

    emulator: Emulator
    application: Application[Any, Any, Any, Any, Any, Any] | None = None
    wait_seconds: float = DEFAULT_WAIT_SECONDS

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        lang: str | None = "en",
        username: str | None = None,
        last_name: str | None = None,
        phone: str | None = None,
    ) -> ChatUser:
        """Register a person (as if they had opened the bot) and act as them."""
        actions = self.emulator.person(
            user_id,
            first_name,
            language_code=lang,
            username=username,
            last_name=last_name,
            phone_number=phone,
        )
        return ChatUser(self.emulator, actions, self.wait_seconds)


def _describe(message: TranscriptMessage) -> str:
    who = "bot " if message.from_bot else "user"
    buttons = f" {list(message.buttons)}" if message.buttons else ""
    return f"  {who} #{message.message_id}: {message.text!r}{buttons}"
