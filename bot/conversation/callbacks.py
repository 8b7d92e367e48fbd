"""The greeting's and /language's button data, made and read here only: ``role:<worker|ngo>``
and ``lang:<en|zh>``. The channel hands the readers the word after the prefix; each raises
``OldButton`` on a word it did not make. (A form's own ``f:`` buttons are the form engine's.)"""

from __future__ import annotations

from bot.codec import one_of
from bot.texts import LANGUAGES

ROLES = ("worker", "ngo")


def role_data(role: str) -> str:
    return f"role:{role}"


def read_role(word: str) -> str:
    return one_of(word, ROLES)


def language_data(lang: str) -> str:
    return f"lang:{lang}"


def read_language(word: str) -> str:
    return one_of(word, tuple(LANGUAGES))


def as_sent(data: str) -> str:
    """Data read as it came: the form engine and the unknown press read it themselves."""
    return data
