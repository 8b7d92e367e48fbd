"""Free-text answers: names, titles, descriptions, introductions, skills.

Length is counted in characters (code points), as people count them: 100 characters hold
100 Chinese characters or 100 Latin letters. The text itself is kept as typed, except for
surrounding whitespace (and, on one-line fields, runs of inner whitespace), because Chinese
punctuation and full-width forms belong to what people wrote.
"""

from __future__ import annotations

import re
import unicodedata

from bot.parsers.result import Invalid, Ok, ParseResult

NAME_MAX = 100
TITLE_MAX = 100
DESCRIPTION_MAX = 1000
INTRODUCTION_MAX = 500
SKILLS_TEXT_MAX = 500
REASON_MAX = 500

# Bidirectional overrides and isolates let a name display differently from what it contains.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MULTILINE_ALLOWED = frozenset("\n\t")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACES = re.compile(r"[ \t\u3000]+\n")
_SKILL_SEPARATORS = re.compile(r"[,，、;；/|\n]+")


def parse_name(text: str) -> ParseResult[str]:
    """A person's name: one line, 1–100 characters, with at least one letter or character."""
    result = parse_line(text, NAME_MAX)
    if isinstance(result, Ok) and not any(_is_letter(ch) for ch in result.value):
        return Invalid("errors.name_without_letters")
    return result


def parse_title(text: str) -> ParseResult[str]:
    """A talent request's title: one line, 1–100 characters."""
    return parse_line(text, TITLE_MAX)


def parse_description(text: str) -> ParseResult[str]:
    """A talent request's description: up to 1,000 characters, line breaks kept."""
    return parse_multiline(text, DESCRIPTION_MAX)


def parse_introduction(text: str) -> ParseResult[str]:
    """A social worker's introduction: up to 500 characters (it goes into offer cards)."""
    return parse_multiline(text, INTRODUCTION_MAX)


def parse_reason(text: str) -> ParseResult[str]:
    """A director's reason or note (rejection, end of placement): up to 500 characters."""
    return parse_multiline(text, REASON_MAX)


def parse_skills_text(text: str) -> ParseResult[tuple[str, ...]]:
    """Skills in the person's own words, split at commas, 、, semicolons, slashes and lines.

    The pieces go to the vocabulary to be recognised; the whole answer holds up to 500
    characters.
    """
    result = parse_multiline(text, SKILLS_TEXT_MAX)
    if isinstance(result, Invalid):
        return result
    pieces = tuple(
        " ".join(piece.split()) for piece in _SKILL_SEPARATORS.split(result.value) if piece.strip()
    )
    return Ok(pieces) if pieces else Invalid("errors.empty")


def parse_line(text: str, max_length: int) -> ParseResult[str]:
    """One line of text: trimmed, inner whitespace collapsed, 1..``max_length`` characters."""
    # Line breaks and other whitespace controls become single spaces; the rest is refused.
    if _has_forbidden_controls(text, allow_whitespace=True):
        return Invalid("errors.control_characters")
    return _checked_length(" ".join(text.split()), max_length)


def parse_multiline(text: str, max_length: int) -> ParseResult[str]:
    """Text that may span lines: trimmed, at most one blank line in a row, 1..``max_length``."""
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    if _has_forbidden_controls(unified, allow_whitespace=False):
        return Invalid("errors.control_characters")
    tidy = _MANY_BLANK_LINES.sub("\n\n", _TRAILING_SPACES.sub("\n", unified)).strip()
    return _checked_length(tidy, max_length)


def _checked_length(text: str, max_length: int) -> ParseResult[str]:
    if not text:
        return Invalid("errors.empty")
    if len(text) > max_length:
        return Invalid("errors.too_long", {"max": max_length, "length": len(text)})
    return Ok(text)


def _has_forbidden_controls(text: str, *, allow_whitespace: bool) -> bool:
    def forbidden(ch: str) -> bool:
        if ch in _BIDI_CONTROLS:
            return True
        if unicodedata.category(ch) != "Cc" or ch in _MULTILINE_ALLOWED:
            return False
        return not (allow_whitespace and ch.isspace())

    return any(forbidden(ch) for ch in text)


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch).startswith("L")
