"""Telegram's HTML parse mode: markup in, plain text and message entities out.

Follows the Bot API's rules (the tags it lists, only &lt; &gt; &amp; &quot; and numeric entities,
every start tag closed) and reports malformed markup with Telegram's own wording, byte offsets
included, so a bot that forgets to escape a user's "<" fails here before it fails in production.
Entity offsets and lengths count UTF-16 code units, as Telegram's do.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from bot.sandbox.errors import BotApiError, bad_request

_ENTITY_TYPE_OF_TAG = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_PATTERN = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_UNQUOTED_VALUE = re.compile(r"[A-Za-z0-9.\-]*")
_COMMAND_PATTERN = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?!\w)")


@dataclass(frozen=True)
class Entity:
    """One Telegram MessageEntity (offsets in UTF-16 code units)."""

    type: str
    offset: int
    length: int
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The entity as it appears in a Bot API Message."""
        body: dict[str, Any] = {"type": self.type, "offset": self.offset, "length": self.length}
        for key in ("url", "language", "custom_emoji_id"):
            if getattr(self, key) is not None:
                body[key] = getattr(self, key)
        return body


@dataclass(frozen=True)
class FormattedText:
    """Text as the recipient sees it, plus the entities that style it."""

    text: str
    entities: tuple[Entity, ...] = ()


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le", errors="surrogatepass")) // 2


def entities_from_json(raw: list[dict[str, Any]] | None) -> tuple[Entity, ...]:
    """Entities passed explicitly by a client (``entities`` / ``caption_entities``)."""
    fields = ("url", "language", "custom_emoji_id")
    return tuple(
        Entity(
            type=str(item["type"]),
            offset=int(item["offset"]),
            length=int(item["length"]),
            **{key: item[key] for key in fields if key in item},
        )
        for item in raw or ()
    )


def command_entities(text: str) -> tuple[Entity, ...]:
    """``bot_command`` entities, which Telegram adds to every "/command" a user types."""
    return tuple(
        Entity("bot_command", utf16_length(text[: match.start()]), utf16_length(match.group()))
        for match in _COMMAND_PATTERN.finditer(text)
    )


def parse_html(markup: str) -> FormattedText:
    """Parse Telegram HTML; raise :class:`BotApiError` with Telegram's message when malformed."""
    return _HtmlParser(markup).run()


def _parse_error(detail: str) -> BotApiError:
    return bad_request(f"Bad Request: can't parse entities: {detail}")


@dataclass
class _OpenTag:
    name: str
    argument: str
    offset: int


class _HtmlParser:
    """A single pass over the markup, mirroring the state machine of Telegram's server."""

    def __init__(self, markup: str) -> None:
        self.markup = markup
        self.pos = 0
        self.out: list[str] = []
        self.out_units = 0
        self.open: list[_OpenTag] = []
        self.entities: list[Entity] = []

    def run(self) -> FormattedText:
        while self.pos < len(self.markup):
            char = self.markup[self.pos]
            if char == "&":
                self._entity_or_ampersand()
            elif char == "<":
                self._tag()
            else:
                self._emit(char)
                self.pos += 1
        if self.open:
            raise _parse_error(
                f'Can\'t find end tag corresponding to start tag "{self.open[-1].name}"'
            )
        ordered = sorted(self.entities, key=lambda e: (e.offset, -e.length))
        return FormattedText("".join(self.out), tuple(ordered))

    def _emit(self, text: str) -> None:
        self.out.append(text)
        self.out_units += utf16_length(text)

    def _byte_offset(self, index: int) -> int:
        return len(self.markup[:index].encode("utf-8"))

    def _entity_or_ampersand(self) -> None:
        match = _ENTITY_PATTERN.match(self.markup, self.pos)
        decoded = _decode_entity(match) if match else None
        if match is None or decoded is None:
            # Telegram keeps an unknown "&name;" or a bare "&" as literal text.
            self._emit("&")
            self.pos += 1
            return
        self._emit(decoded)
        self.pos = match.end()

    def _tag(self) -> None:
        begin = self.pos
        if self.markup.startswith("</", begin):
            self._end_tag(begin)
        else:
            self._start_tag(begin)

    def _start_tag(self, begin: int) -> None:
        end = begin + 1
        while end < len(self.markup) and not self.markup[end].isspace() and self.markup[end] != ">":
            end += 1
        if end >= len(self.markup):
            raise _parse_error(f"Unclosed start tag at byte offset {self._byte_offset(begin)}")
        name = self.markup[begin + 1 : end].lower()
        if name not in _ENTITY_TYPE_OF_TAG:
            raise _parse_error(
                f'Unsupported start tag "{name}" at byte offset {self._byte_offset(begin)}'
            )
        self.pos = end
        attributes = self._attributes(name, begin)
        argument = _tag_argument(name, attributes)
        if name == "span" and argument != "tg-spoiler":
            raise _parse_error(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte_offset(begin)}'
            )
        self.open.append(_OpenTag(name, argument, self.out_units))

    def _attributes(self, tag: str, begin: int) -> dict[str, str]:
        attributes: dict[str, str] = {}
        markup = self.markup
        while True:
            while self.pos < len(markup) and markup[self.pos].isspace():
                self.pos += 1
            if self.pos >= len(markup):
                raise _parse_error(f"Unclosed start tag at byte offset {self._byte_offset(begin)}")
            if markup[self.pos] == ">":
                self.pos += 1
                return attributes
            name = self._attribute_name(tag, begin)
            while self.pos < len(markup) and markup[self.pos].isspace():
                self.pos += 1
            if self.pos >= len(markup) or markup[self.pos] != "=":
                if tag == "blockquote" and name == "expandable":
                    attributes[name] = ""
                    continue
                raise _parse_error(
                    "Expected equal sign in declaration of an attribute of the tag "
                    f'"{tag}" at byte offset {self._byte_offset(begin)}'
                )
            self.pos += 1
            attributes[name] = self._attribute_value(begin)

    def _attribute_name(self, tag: str, begin: int) -> str:
        start = self.pos
        markup = self.markup
        while (
            self.pos < len(markup)
            and not markup[self.pos].isspace()
            and markup[self.pos] not in "=>"
        ):
            self.pos += 1
        if self.pos == start:
            raise _parse_error(
                f'Empty attribute name in the tag "{tag}" at byte offset {self._byte_offset(begin)}'
            )
        return markup[start : self.pos].lower()

    def _attribute_value(self, begin: int) -> str:
        markup = self.markup
        while self.pos < len(markup) and markup[self.pos].isspace():
            self.pos += 1
        if self.pos >= len(markup):
            raise _parse_error(f"Unclosed start tag at byte offset {self._byte_offset(begin)}")
        quote = markup[self.pos]
        if quote in "\"'":
            close = markup.find(quote, self.pos + 1)
            if close < 0:
                raise _parse_error(f"Unclosed start tag at byte offset {self._byte_offset(begin)}")
            raw = markup[self.pos + 1 : close]
            self.pos = close + 1
            return html.unescape(raw)
        match = _UNQUOTED_VALUE.match(markup, self.pos)
        assert match is not None  # the pattern accepts the empty string
        self.pos = match.end()
        return match.group()

    def _end_tag(self, begin: int) -> None:
        if not self.open:
            raise _parse_error(f"Unexpected end tag at byte offset {self._byte_offset(begin)}")
        end = begin + 2
        markup = self.markup
        while end < len(markup) and not markup[end].isspace() and markup[end] != ">":
            end += 1
        name = markup[begin + 2 : end].lower()
        while end < len(markup) and markup[end].isspace():
            end += 1
        if end >= len(markup) or markup[end] != ">":
            raise _parse_error(f"Unclosed end tag at byte offset {self._byte_offset(begin)}")
        expected = self.open[-1].name
        if name and name != expected:
            raise _parse_error(
                f"Unmatched end tag at byte offset {self._byte_offset(begin)}, "
                f'expected "</{expected}>", found "</{name}>"'
            )
        self.pos = end + 1
        self._close(self.open.pop())

    def _close(self, tag: _OpenTag) -> None:
        length = self.out_units - tag.offset
        if length == 0:
            return
        kind = _ENTITY_TYPE_OF_TAG[tag.name]
        if kind == "text_link":
            self.entities.append(Entity(kind, tag.offset, length, url=tag.argument))
        elif kind == "custom_emoji":
            self.entities.append(Entity(kind, tag.offset, length, custom_emoji_id=tag.argument))
        elif kind == "code" and tag.argument.startswith("language-") and self._inside_pre():
            self._add_language_to_pre(tag)
        elif kind == "blockquote" and tag.argument == "expandable":
            self.entities.append(Entity("expandable_blockquote", tag.offset, length))
        elif kind == "pre" and tag.argument:
            self.entities.append(Entity(kind, tag.offset, length, language=tag.argument))
        else:
            self.entities.append(Entity(kind, tag.offset, length))

    def _inside_pre(self) -> bool:
        return bool(self.open) and self.open[-1].name == "pre"

    def _add_language_to_pre(self, tag: _OpenTag) -> None:
        # <pre><code class="language-x"> is one pre entity with a language, not two entities.
        self.open[-1].argument = tag.argument.removeprefix("language-")


def _tag_argument(tag: str, attributes: dict[str, str]) -> str:
    if tag == "a":
        return attributes.get("href", "")
    if tag in ("span", "code"):
        return attributes.get("class", "")
    if tag == "tg-emoji":
        return attributes.get("emoji-id", "")
    if tag == "blockquote" and "expandable" in attributes:
        return "expandable"
    return ""


def _decode_entity(match: re.Match[str]) -> str | None:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return _NAMED_ENTITIES.get(name)
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)
