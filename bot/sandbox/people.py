"""The people's side of the emulator: what a Telegram client lets a person do.

Each action stores the person's message (or records the press) and queues the update the bot
will receive: a text (commands get their ``bot_command`` entity, as Telegram adds it), a shared
contact, a press on an inline button (a real ``callback_query`` carrying the message), a press
on a reply-keyboard button (which just sends its label, or the contact for a "share contact"
button) and a forged press with any data at all, as a modified client can send.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.sandbox.formatting import command_entities
from bot.sandbox.keyboards import Button
from bot.sandbox.model import CallbackRecord, Chat, Person, StoredMessage, message_dict
from bot.sandbox.state import EmulatorState
from bot.sandbox.transcript import TranscriptMessage, transcript_of


@dataclass(frozen=True)
class Press:
    """What pressing a button did: a callback query, or a message sent from a reply keyboard."""

    query_id: str | None = None
    message_id: int | None = None


class PersonActions:
    """Acts as one registered person in their private chat with the bot."""

    def __init__(self, state: EmulatorState, person_id: int) -> None:
        self._state = state
        self.person_id = person_id

    @property
    def person(self) -> Person:
        return self._chat.person

    @property
    def _chat(self) -> Chat:
        return self._state.chat(self.person_id)

    def send_text(self, text: str) -> int:
        """Type and send ``text``; returns the new message's id."""
        entities = command_entities(text)
        return self._send(text=text, entities=entities).message_id

    def send_contact(self, phone_number: str | None = None) -> int:
        """Share a contact card (by default the person's own number, as the button does)."""
        person = self.person
        phone = phone_number or person.phone_number or f"+86 138{person.id % 10**8:08d}"
        contact = {"phone_number": phone, "first_name": person.first_name, "user_id": person.id}
        if person.last_name:
            contact["last_name"] = person.last_name
        return self._send(contact=contact).message_id

    def press(self, label_or_data: str) -> Press:
        """Press the newest button whose label or callback_data is ``label_or_data``."""
        chat = self._chat
        for message in reversed(list(chat.messages.values())):
            if message.deleted or not message.from_bot:
                continue
            inline = message.inline_markup
            button = inline.find(label_or_data) if inline is not None else None
            if button is not None:
                return Press(query_id=self._press_inline(message, button))
            if message.markup is not None and message.markup is chat.reply_keyboard:
                button = chat.reply_keyboard.find(label_or_data)
                if button is not None:
                    return Press(message_id=self._press_reply(chat, button))
        raise LookupError(f"no button {label_or_data!r} in chat {self.person_id}")

    def forge_callback(self, data: str, message_id: int) -> str:
        """Send a callback_query with arbitrary ``data`` on any message; returns the query id."""
        message = self._chat.messages.get(message_id)
        if message is None:
            raise LookupError(f"no message {message_id} in chat {self.person_id}")
        return self._callback(message, data)

    def callback_answer(self, query_id: str) -> CallbackRecord:
        """The query as the bot answered it so far (``answered`` is False until it does)."""
        return self._state.callbacks[query_id]

    def transcript(self, *, include_deleted: bool = False) -> tuple[TranscriptMessage, ...]:
        """The chat as the person sees it: edits applied, deletions gone (unless asked)."""
        return transcript_of(self._chat, self._state.bot.token, include_deleted=include_deleted)

    def _press_inline(self, message: StoredMessage, button: Button) -> str:
        if button.callback_data is None:
            raise LookupError(f"button {button.text!r} opens {button.url}, it sends no callback")
        return self._callback(message, button.callback_data)

    def _press_reply(self, chat: Chat, button: Button) -> int:
        if chat.reply_keyboard is not None and chat.reply_keyboard.one_time:
            chat.reply_keyboard = None
        if button.request_contact:
            return self.send_contact()
        return self.send_text(button.text)

    def _send(self, **content: object) -> StoredMessage:
        chat = self._chat
        chat.person.blocked_bot = False  # writing to the bot again unblocks it
        message = self._state.new_message(chat, from_bot=False, **content)  # type: ignore[arg-type]
        self._state.updates.push("message", message_dict(message, chat, self._state.bot))
        return message

    def _callback(self, message: StoredMessage, data: str) -> str:
        chat = self._chat
        record = self._state.new_callback(chat.person.id, message.message_id, data)
        payload = {
            "id": record.query_id,
            "from": chat.person.to_dict(),
            "message": message_dict(message, chat, self._state.bot),
            "chat_instance": str(-chat.person.id),
            "data": data,
        }
        self._state.updates.push("callback_query", payload)
        return record.query_id
