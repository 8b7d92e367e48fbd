"""Bot API errors as Telegram reports them: an HTTP status and a description.

The descriptions are copied from the real Bot API so that code written against the emulator
meets the same text (python-telegram-bot strips the "Bad Request: " prefix and capitalises).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

MESSAGE_TOO_LONG = "Bad Request: message is too long"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
TEXT_EMPTY = "Bad Request: message text is empty"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
CHAT_NOT_FOUND = "Bad Request: chat not found"
MESSAGE_TO_EDIT_NOT_FOUND = "Bad Request: message to edit not found"
MESSAGE_TO_DELETE_NOT_FOUND = "Bad Request: message to delete not found"
MESSAGE_CANT_BE_EDITED = "Bad Request: message can't be edited"
NO_TEXT_TO_EDIT = "Bad Request: there is no text in the message to edit"
NO_CAPTION_TO_EDIT = "Bad Request: there is no caption in the message to edit"
REPLY_NOT_FOUND = "Bad Request: message to be replied not found"
BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
BUTTON_WITHOUT_ACTION = (
    "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline "
    "keyboard"
)
BUTTON_TEXT_EMPTY = "Bad Request: BUTTON_TEXT_EMPTY"
BUTTON_URL_INVALID = "Bad Request: BUTTON_URL_INVALID"
KEYBOARD_JSON_INVALID = "Bad Request: can't parse reply keyboard markup JSON object"
QUERY_TOO_OLD = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
TOO_LARGE = "Request Entity Too Large"
WRONG_FILE = "Bad Request: wrong file identifier/HTTP URL specified"
IMAGE_PROCESS_FAILED = "Bad Request: IMAGE_PROCESS_FAILED"
WRONG_ACTION = "Bad Request: wrong parameter action in request"
BOT_COMMAND_INVALID = "Bad Request: BOT_COMMAND_INVALID"
COMMAND_DESCRIPTION_INVALID = "Bad Request: command description must be non-empty"
UNSUPPORTED_PARSE_MODE = "Bad Request: unsupported parse_mode"
BOT_BLOCKED = "Forbidden: bot was blocked by the user"
GET_UPDATES_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)


class BotApiError(Exception):
    """A failed Bot API call: answered as ``{"ok": false, "error_code", "description"}``."""

    def __init__(
        self, description: str, status: int = HTTPStatus.BAD_REQUEST, retry_after: int | None = None
    ) -> None:
        super().__init__(description)
        self.description = description
        self.status = int(status)
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(description: str) -> BotApiError:
    """A 400 with ``description`` (which must already carry the "Bad Request: " prefix)."""
    return BotApiError(description, HTTPStatus.BAD_REQUEST)


def missing_parameter(name: str) -> BotApiError:
    """What Telegram answers when a required parameter is absent."""
    return bad_request(f"Bad Request: {name} is empty")


def too_many_requests(retry_after: int) -> BotApiError:
    """A 429 flood-control answer telling the client how many seconds to wait."""
    return BotApiError(
        f"Too Many Requests: retry after {retry_after}",
        HTTPStatus.TOO_MANY_REQUESTS,
        retry_after=retry_after,
    )


def server_error(status: int = HTTPStatus.BAD_GATEWAY) -> BotApiError:
    """A 5xx as Telegram's front servers occasionally return."""
    return BotApiError(HTTPStatus(status).phrase, status)
