"""Files the bot uploads (documents, photos): kept in memory and served back by path.

Each upload gets a ``file_id`` (to send it again), a ``file_path`` (for ``getFile`` and
``GET /file/bot<token>/<file_path>``) and, for photos, the pixel size read from the image header,
since Telegram refuses photos it cannot decode.
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from bot.sandbox import errors
from bot.sandbox.errors import BotApiError, bad_request
from bot.sandbox.params import Upload

# Telegram's limits for a bot's uploads: 50 MB for a document, 10 MB for a photo.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024
# What one request may carry: the largest document plus the other fields and multipart framing.
MAX_REQUEST_BYTES = MAX_DOCUMENT_BYTES + 1024 * 1024


@dataclass(frozen=True)
class StoredFile:
    """One uploaded file and the identifiers Telegram would give it."""

    file_id: str
    file_unique_id: str
    file_path: str
    file_name: str
    mime_type: str
    content: bytes
    width: int = 0
    height: int = 0

    @property
    def size(self) -> int:
        return len(self.content)

    def document_dict(self) -> dict[str, Any]:
        """As a Bot API ``Document``."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_name": self.file_name,
            "mime_type": self.mime_type,
            "file_size": self.size,
        }

    def photo_sizes(self) -> list[dict[str, Any]]:
        """As the ``PhotoSize`` list of a photo message (one size: the original)."""
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.file_unique_id,
                "width": self.width,
                "height": self.height,
                "file_size": self.size,
            }
        ]

    def file_dict(self) -> dict[str, Any]:
        """As a Bot API ``File`` (the answer of ``getFile``)."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": self.size,
            "file_path": self.file_path,
        }


class FileStore:
    """Every file uploaded during the emulator's life, by id and by path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._counter = itertools.count(1)

    def store_document(self, upload: Upload) -> StoredFile:
        """Keep an uploaded document, up to Telegram's 50 MB."""
        _refuse_over(upload, MAX_DOCUMENT_BYTES)
        return self._store(upload, "documents", 0, 0)

    def store_photo(self, upload: Upload) -> StoredFile:
        """Keep an uploaded photo up to Telegram's 10 MB, refusing bytes that are not a PNG, JPEG or GIF."""
        _refuse_over(upload, MAX_PHOTO_BYTES)
        size = image_size(upload.content)
        if size is None:
            raise bad_request(errors.IMAGE_PROCESS_FAILED)
        # The upload says application/octet-stream (bytes without a name); the bytes say what
        # they are, and the web chat's <img> needs that type to show the picture.
        kind = image_kind(upload.content)
        named = Upload(f"photo.{kind}", upload.content, f"image/{kind}")
        return self._store(named, "photos", *size)

    def resolve(self, file_id: str) -> StoredFile:
        """A file sent before, named by its ``file_id``; URLs cannot be fetched offline."""
        stored = self._by_id.get(file_id)
        if stored is None:
            raise bad_request(errors.WRONG_FILE)
        return stored

    def by_path(self, file_path: str) -> StoredFile | None:
        """The file served at ``/file/bot<token>/<file_path>``."""
        return self._by_path.get(file_path)

    def _store(self, upload: Upload, folder: str, width: int, height: int) -> StoredFile:
        number = next(self._counter)
        extension = upload.filename.rsplit(".", 1)[-1] if "." in upload.filename else "bin"
        stored = StoredFile(
            file_id=f"BQACAgIAAx{number:08d}",
            file_unique_id=f"AgAD{number:06d}",
            file_path=f"{folder}/file_{number}.{extension}",
            file_name=upload.filename,
            mime_type=upload.content_type,
            content=upload.content,
            width=width,
            height=height,
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored


def _refuse_over(upload: Upload, limit: int) -> None:
    if len(upload.content) > limit:
        raise BotApiError(errors.TOO_LARGE, HTTPStatus.REQUEST_ENTITY_TOO_LARGE)


def image_kind(content: bytes) -> str:
    """"png", "gif" or "jpeg" from the image's first bytes (after :func:`image_size` accepted it)."""
    if content.startswith(b"\x89PNG"):
        return "png"
    if content[:3] == b"GIF":
        return "gif"
    return "jpeg"


def image_size(content: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, GIF or JPEG header; None when not one of those."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return width, height
    if content[:6] in (b"GIF87a", b"GIF89a") and len(content) >= 10:
        width, height = struct.unpack("<HH", content[6:10])
        return width, height
    if content.startswith(b"\xff\xd8"):
        return _jpeg_size(content)
    return None


def _jpeg_size(content: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 < len(content):
        if content[position] != 0xFF:
            return None
        marker = content[position + 1]
        (segment_length,) = struct.unpack(">H", content[position + 2 : position + 4])
        # SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", content[position + 5 : position + 9])
            return width, height
        position += 2 + segment_length
    return None
