"""HTML for Telegram messages: what people typed is escaped before it goes into one."""

from __future__ import annotations

import html
import re
import unicodedata


def escape(text: str) -> str:
    """Text safe inside an HTML message (Telegram needs only <, > and & escaped)."""
    return html.escape(text, quote=False)


TELEGRAM_TEXT_LIMIT = 4096
_WORD_CUT_SLACK = 8  # cut at a space only when it keeps at least limit - 8 characters


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters for a button label: whole when it fits, else cut
    after a whole word (or, in Chinese, any character) and ended with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[:limit - 1]
    space = head.rfind(" ")
    if not text[limit - 1].isspace() and space >= limit - 1 - _WORD_CUT_SLACK:
        head = head[:space]
    head = head.rstrip(" ,.;:·、，。—-")
    # An accent cut off from its letter must not be left dangling at the end.
    while head and unicodedata.combining(head[-1]):
        head = head[:-1]
    return head + "…"


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji counts two). A lone surrogate
    (JSON may carry one, "\\ud800") counts as the one unit it is instead of failing."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def split_message(text: str, limit: int = TELEGRAM_TEXT_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` that each stay valid HTML.

    Pieces end at line breaks. A single line longer than the limit is cut where no entity is
    open; tags open at the cut are closed at the end of the piece and opened again after it.
    """
    if telegram_length(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = line if not current else f"{current}\n{line}"
        if telegram_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        while telegram_length(line) > limit:
            head, line = _cut_line(line, limit)
            pieces.append(head)
        current = line
    if current:
        pieces.append(current)
    return pieces


_TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")
_ROOM_FOR_CLOSING = 40  # the closing tags a cut adds must still fit


def _cut_line(line: str, limit: int) -> tuple[str, str]:
    """(a head within ``limit`` with its open tags closed, the rest with them reopened)."""
    cut = _safe_cut(line, limit - _ROOM_FOR_CLOSING)
    opened: list[re.Match[str]] = []
    for tag in _TAG.finditer(line, 0, cut):
        if tag.group(1):
            opened = opened[:-1]
        else:
            opened.append(tag)
    closing = "".join(f"</{tag.group(2)}>" for tag in reversed(opened))
    reopening = "".join(tag.group(0) for tag in opened)
    return line[:cut] + closing, reopening + line[cut:]


def _safe_cut(line: str, limit: int) -> int:
    """The longest prefix within ``limit`` that does not end inside a tag or an entity."""
    cut = limit
    while telegram_length(line[:cut]) > limit:
        cut -= 1
    opened = max(line.rfind("<", 0, cut), line.rfind("&", 0, cut))
    if opened != -1 and line.find(">" if line[opened] == "<" else ";", opened, cut) == -1:
        cut = opened
    return max(cut, 1)
