"""What every parser returns: the value it understood, or why it could not."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Generic, TypeAlias, TypeVar

from bot.texts import Lang, t

T = TypeVar("T")


@dataclass(frozen=True)
class Said:
    """A text for the person: ``key`` names it in the catalog, ``params`` fill it."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # A read-only view, so a frozen text cannot change after it is made.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def render(self, lang: Lang) -> str:
        """The reason in ``lang``, ready for an HTML message.

        String params may echo what the person typed, so they are escaped here; a param that
        is itself a :class:`Said` ("13 weeks") is rendered in the same language.
        """
        return t(lang, self.key, **{name: _rendered(value, lang) for name, value in self.params.items()})


@dataclass(frozen=True)
class Invalid(Said):
    """The input was not understood: ``key`` names an ``errors.*`` text saying why."""


@dataclass(frozen=True)
class Ok(Generic[T]):
    """The input was understood; ``value`` is its normalised form. ``note`` says how it was
    read when that is not plain from what was typed ("3 months" taken as 13 weeks)."""

    value: T
    note: Said | None = field(default=None, compare=False)


def _rendered(value: object, lang: Lang) -> object:
    if isinstance(value, Said):
        return value.render(lang)
    return html.escape(value, quote=False) if isinstance(value, str) else value


ParseResult: TypeAlias = Ok[T] | Invalid
