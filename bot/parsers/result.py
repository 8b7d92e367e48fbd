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
class Ok(Generic[T]):
    """The input was understood; ``value`` is its normalised form."""

    value: T


@dataclass(frozen=True)
class Invalid:
    """The input was not understood: ``key`` names an ``errors.*`` text, ``params`` fill it."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # A read-only view, so a frozen Invalid cannot change after it is made.
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def render(self, lang: Lang) -> str:
        """The reason in ``lang``, ready for an HTML message.

        String params may echo what the person typed, so they are escaped here.
        """
        safe = {
            name: html.escape(value, quote=False) if isinstance(value, str) else value
            for name, value in self.params.items()
        }
        return t(lang, self.key, **safe)


ParseResult: TypeAlias = Ok[T] | Invalid
