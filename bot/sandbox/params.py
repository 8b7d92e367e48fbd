"""Bot API call parameters, decoded from any body a client may send.

Telegram accepts a query string, ``application/x-www-form-urlencoded``, ``application/json`` and
``multipart/form-data``. python-telegram-bot sends form data (multipart when a file goes along)
in which every non-string value is itself JSON text (``reply_markup={"inline_keyboard": ...}``,
``disable_notification=true``), so each getter accepts both the typed and the text form.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from bot.sandbox.errors import BotApiError, bad_request, missing_parameter

_TRUE_TEXTS = {"true", "1", "yes", "on"}
_FALSE_TEXTS = {"false", "0", "no", "off", ""}


@dataclass(frozen=True)
class Upload:
    """A file sent inside a multipart request."""

    filename: str
    content: bytes
    content_type: str


class CallArgs:
    """Parameters of one Bot API call, with typed getters that answer like Telegram does."""

    def __init__(self, values: Mapping[str, Any], uploads: Mapping[str, Upload] | None = None):
        self._values = dict(values)
        self._uploads = dict(uploads or {})

    @classmethod
    async def from_request(cls, request: web.Request) -> CallArgs:
        """Decode query string and body (form, JSON or multipart) of an aiohttp request."""
        values: dict[str, Any] = dict(request.query)
        uploads: dict[str, Upload] = {}
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise bad_request("Bad Request: JSON object expected")
            values.update(body)
        elif request.content_type == "multipart/form-data":
            await _read_multipart(request, values, uploads)
        elif request.can_read_body:
            values.update(await request.post())
        return cls(values, uploads)

    def has(self, name: str) -> bool:
        """True when the parameter is present and not empty."""
        return self._values.get(name) not in (None, "")

    def text(self, name: str, *, required: bool = False) -> str | None:
        """A string parameter; ``required`` answers "<name> is empty" when absent."""
        value = self._values.get(name)
        if value is None or value == "":
            if required:
                raise missing_parameter(name)
            return None if value is None else ""
        return value if isinstance(value, str) else json.dumps(value)

    def integer(self, name: str, *, required: bool = False) -> int | None:
        """An integer parameter (``chat_id``, ``message_id``, ``offset``...)."""
        value = self._values.get(name)
        if value is None or value == "":
            if required:
                raise missing_parameter(name)
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            raise bad_request(f"Bad Request: invalid {name} specified") from None

    def flag(self, name: str) -> bool:
        """A boolean parameter; absent means false."""
        value = self._values.get(name)
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower() if value is not None else ""
        if text in _TRUE_TEXTS:
            return True
        if text in _FALSE_TEXTS:
            return False
        raise bad_request(f"Bad Request: invalid {name} specified")

    def structure(self, name: str, error: str | None = None) -> Any:
        """A JSON-valued parameter (``reply_markup``, ``entities``, ``commands``...)."""
        value = self._values.get(name)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise bad_request(error or f"Bad Request: can't parse {name} JSON object") from None

    def file(self, name: str) -> Upload | str | None:
        """An InputFile: the uploaded part, or a file_id / URL string to resolve."""
        if name in self._uploads:
            return self._uploads[name]
        value = self.text(name)
        if value and value.startswith("attach://"):
            attached = self._uploads.get(value.removeprefix("attach://"))
            if attached is None:
                raise bad_request(f"Bad Request: {name} not found in the request")
            return attached
        return value or None


async def _read_multipart(
    request: web.Request, values: dict[str, Any], uploads: dict[str, Upload]
) -> None:
    reader = await request.multipart()
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name is None:
            raise BotApiError("Bad Request: nested multipart bodies are not supported")
        if part.filename is None:
            values[part.name] = await part.text()
            continue
        content = bytes(await part.read())
        content_type = part.headers.get("Content-Type", "application/octet-stream")
        uploads[part.name] = Upload(part.filename, content, content_type)

