"""Every message the bot sends, in English and Chinese.

The texts live in ``en.toml`` and ``zh.toml`` beside this module: the same keys in both, grouped
in tables by flow (``[worker_form]``, ``[errors]`` ...). A key is the dotted path of a value
(``"worker_form.ask_name"``); values are ``str.format`` templates whose ``{placeholders}`` the
caller fills with values it has already HTML-escaped. A missing key or a missing placeholder
value is a programming error and raises :class:`KeyError` at once.

English counts take their noun from the template: ``{count:|proposal|proposals}`` reads
"1 proposal" or "3 proposals" (:func:`plural`); Chinese needs no such form.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from string import Formatter
from typing import Literal, get_args

Lang = Literal["en", "zh"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)

# Two short texts read well on one line ("Social worker / 社会工作者"); longer ones get a blank
# line between them so neither language is buried in the middle of the other.
_ONE_LINE_LIMIT = 60

__all__ = [
    "LANGUAGES",
    "Lang",
    "both",
    "catalog",
    "keys",
    "language_from_code",
    "placeholders",
    "plural",
    "t",
]


def plural(count: object, one: str, other: str) -> str:
    """``count`` and the noun that agrees with it: "1 row", "2 rows", "0 rows", "1.5 days".

    A count already written out as text ("1", "12.9") is read as the number it shows."""
    return f"{count} {one if _is_one(count) else other}"


def _is_one(count: object) -> bool:
    if isinstance(count, str):
        try:
            return float(count) == 1
        except ValueError:
            return False
    return count == 1


class _CatalogFormatter(Formatter):
    """``str.format`` plus the plural spec ``{count:|one|other}``."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("|"):
            one, _, other = format_spec[1:].partition("|")
            return plural(value, one, other or one)
        return super().format_field(value, format_spec)


_FORMATTER = _CatalogFormatter()


def language_from_code(code: str | None) -> Lang:
    """Telegram's ``language_code`` (``"zh-hans"``, ``"en-US"``, None) -> the bot's language."""
    if code and code.strip().lower().startswith("zh"):
        return "zh"
    return "en"


def t(lang: Lang, key: str, /, **params: object) -> str:
    """The text ``key`` in ``lang`` with its placeholders filled from ``params``.

    Extra params are ignored, so one dict can serve several texts; a missing one raises.
    """
    template = _template(lang, key)
    try:
        return _FORMATTER.vformat(template, (), params)
    except KeyError as missing:
        raise KeyError(
            f"text {key!r} ({lang}) needs the parameter {missing.args[0]!r}; "
            f"it takes {sorted(placeholders(lang, key))}"
        ) from None


def both(key: str, /, **params: object) -> str:
    """The text in English and Chinese, for when the person's language is not known yet."""
    english, chinese = t("en", key, **params), t("zh", key, **params)
    if english == chinese:
        return english
    if "\n" in english + chinese or len(english) + len(chinese) > _ONE_LINE_LIMIT:
        return f"{english}\n\n{chinese}"
    return f"{english} / {chinese}"


def keys() -> frozenset[str]:
    """Every text key (the English catalog's; a test keeps the Chinese one identical)."""
    return frozenset(catalog("en"))


def placeholders(lang: Lang, key: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` in one text."""
    return frozenset(name for _, name, _, _ in Formatter().parse(_template(lang, key)) if name is not None)


def catalog(lang: Lang) -> Mapping[str, str]:
    """All texts of one language as a flat ``{dotted key: template}`` mapping, loaded once."""
    return _load(lang)


def _template(lang: Lang, key: str) -> str:
    try:
        return catalog(lang)[key]
    except KeyError:
        raise KeyError(f"no text {key!r} in the {lang!r} catalog") from None


@cache
def _load(lang: Lang) -> Mapping[str, str]:
    if lang not in LANGUAGES:
        raise KeyError(f"no catalog for language {lang!r}; there are {LANGUAGES}")
    source = resources.files(__package__).joinpath(f"{lang}.toml").read_text(encoding="utf-8")
    flat: dict[str, str] = {}
    _flatten(tomllib.loads(source), "", flat, f"{lang}.toml")
    return flat


def _flatten(table: Mapping[str, object], prefix: str, into: dict[str, str], origin: str) -> None:
    for name, value in table.items():
        key = f"{prefix}{name}"
        if isinstance(value, Mapping):
            _flatten(value, f"{key}.", into, origin)
        elif isinstance(value, str):
            into[key] = value
        else:
            raise ValueError(f"{origin}: {key} must be a string, not {type(value).__name__}")
