"""Reply markup: inline keyboards, reply keyboards, their removal, force-reply.

Parsed into frozen values so that "is the new markup identical?" is a plain comparison and so
the transcript can show which buttons a message carries. Validation follows Telegram's limits:
callback_data is 1-64 bytes, an inline button needs an action, a button needs a label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from bot.sandbox import errors
from bot.sandbox.errors import bad_request

MarkupKind = Literal["inline", "reply", "remove", "force_reply"]
_CALLBACK_DATA_MAX_BYTES = 64
_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
    "web_app",
)


@dataclass(frozen=True)
class Button:
    """A keyboard button: a label plus what pressing it does."""

    text: str
    callback_data: str | None = None
    url: str | None = None
    request_contact: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The button as it appears inside a Bot API keyboard."""
        body: dict[str, Any] = {"text": self.text}
        if self.callback_data is not None:
            body["callback_data"] = self.callback_data
        if self.url is not None:
            body["url"] = self.url
        if self.request_contact:
            body["request_contact"] = True
        return body


@dataclass(frozen=True)
class Markup:
    """One ``reply_markup`` value."""

    kind: MarkupKind
    rows: tuple[tuple[Button, ...], ...] = ()
    one_time: bool = False
    placeholder: str | None = None

    def labels(self) -> tuple[str, ...]:
        """Every button label, row by row."""
        return tuple(button.text for row in self.rows for button in row)

    def find(self, label_or_data: str) -> Button | None:
        """The button whose label or callback_data is ``label_or_data``."""
        for row in self.rows:
            for button in row:
                if label_or_data in (button.text, button.callback_data):
                    return button
        return None

    def to_dict(self) -> dict[str, Any]:
        """The markup in Bot API form (what ``Message.reply_markup`` holds for inline ones)."""
        rows = [[button.to_dict() for button in row] for row in self.rows]
        if self.kind == "inline":
            return {"inline_keyboard": rows}
        if self.kind == "reply":
            return {"keyboard": rows, "one_time_keyboard": self.one_time}
        if self.kind == "remove":
            return {"remove_keyboard": True}
        return {"force_reply": True}


def parse_markup(raw: Any) -> Markup | None:
    """Validate a decoded ``reply_markup`` object; ``None`` when the call carried none."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise bad_request(errors.KEYBOARD_JSON_INVALID)
    if "inline_keyboard" in raw:
        return Markup("inline", _rows(raw["inline_keyboard"], _inline_button))
    if "keyboard" in raw:
        return Markup(
            "reply",
            _rows(raw["keyboard"], _reply_button),
            one_time=bool(raw.get("one_time_keyboard", False)),
            placeholder=raw.get("input_field_placeholder"),
        )
    if raw.get("remove_keyboard"):
        return Markup("remove")
    if raw.get("force_reply"):
        return Markup("force_reply", placeholder=raw.get("input_field_placeholder"))
    raise bad_request(errors.KEYBOARD_JSON_INVALID)


def _rows(raw_rows: Any, parse_button: Any) -> tuple[tuple[Button, ...], ...]:
    if not isinstance(raw_rows, list) or not all(isinstance(row, list) for row in raw_rows):
        raise bad_request(errors.KEYBOARD_JSON_INVALID)
    return tuple(tuple(parse_button(button) for button in row) for row in raw_rows)


def _inline_button(raw: Any) -> Button:
    if not isinstance(raw, dict):
        raise bad_request(errors.KEYBOARD_JSON_INVALID)
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request(errors.BUTTON_TEXT_EMPTY)
    if not any(action in raw for action in _INLINE_ACTIONS):
        raise bad_request(errors.BUTTON_WITHOUT_ACTION)
    data = raw.get("callback_data")
    if data is not None and not 1 <= len(str(data).encode("utf-8")) <= _CALLBACK_DATA_MAX_BYTES:
        raise bad_request(errors.BUTTON_DATA_INVALID)
    url = raw.get("url")
    if url is not None and not str(url).startswith(("http://", "https://", "tg://")):
        raise bad_request(errors.BUTTON_URL_INVALID)
    return Button(text, None if data is None else str(data), url)


def _reply_button(raw: Any) -> Button:
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict):
        raise bad_request(errors.KEYBOARD_JSON_INVALID)
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request(errors.BUTTON_TEXT_EMPTY)
    return Button(text, request_contact=bool(raw.get("request_contact", False)))
