"""config.toml -> validated, frozen settings.

Every problem in the file is reported at once, each with its key path and what to write
instead, so an operator fixes the file in one go. The bot token is never put in a message.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from matching import MatchSettings

TOKEN_ENV = "MATCHBOT_TOKEN"


class ConfigError(Exception):
    """The configuration cannot be used; ``problems`` lists every reason, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _spec(default: Any, expect: str = "", check: Callable[[Any], str | None] | None = None,
          **kwargs: Any) -> Any:
    """A settings field with how to describe it in an error and an optional value check."""
    return field(default=default, metadata={"expect": expect, "check": check}, **kwargs)


def _one_of(*choices: str) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else "one of " + ", ".join(f'"{c}"' for c in choices)
    return check


def _between(low: float, high: float) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if low <= value <= high else f"a number from {low:g} to {high:g}"
    return check


def _each_between(low: int, high: int) -> Callable[[Any], str | None]:
    def check(values: Any) -> str | None:
        ok = all(low <= v <= high for v in values) and len(set(values)) == len(values)
        return None if ok else f"distinct whole numbers from {low} to {high}"
    return check


def _time_of_day(value: Any) -> str | None:
    match = re.fullmatch(r"(\d{2}):(\d{2})", value)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return None
    return 'a time of day as "HH:MM", e.g. "09:00"'


def _timezone(value: Any) -> str | None:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return 'an IANA time zone name, e.g. "Asia/Shanghai"'
    return None


def _http_url(value: Any) -> str | None:
    return None if re.fullmatch(r"https?://[^\s/]+(/\S*)?", value) else 'an http(s) URL'


def _optional_https_url(value: Any) -> str | None:
    if value == "" or re.fullmatch(r"https://[^\s/]+(/\S*)?", value):
        return None
    return 'an https URL that Telegram can reach, e.g. "https://bot.example.org/telegram"'


def _optional_proxy_url(value: Any) -> str | None:
    if value == "" or re.fullmatch(r"(socks5h?|https?)://[^\s/]+/?", value):
        return None
    return 'a proxy URL, e.g. "socks5://127.0.0.1:1080" or "http://user:password@proxy.example.org:3128"'


def _secret_token(value: Any) -> str | None:
    if value == "" or re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value):
        return None
    return "1 to 256 characters of A-Z, a-z, 0-9, _ and -"


@dataclass(frozen=True)
class TelegramSettings:
    token: str = _spec("", "a bot token from @BotFather", repr=False)
    mode: str = _spec("polling", check=_one_of("polling", "webhook"))
    base_url: str = _spec("https://api.telegram.org", check=_http_url)
    webhook_url: str = _spec("", check=_optional_https_url)
    webhook_listen: str = _spec("127.0.0.1", "an address to listen on, e.g. \"0.0.0.0\"")
    webhook_port: int = _spec(8443, check=_between(1, 65535))
    webhook_secret_token: str = _spec("", check=_secret_token, repr=False)
    proxy: str = _spec("", check=_optional_proxy_url, repr=False)  # may hold a password


@dataclass(frozen=True)
class DatabaseSettings:
    path: Path = _spec(Path("data/matchbot.sqlite3"), "a file path")  # noqa: RUF009 (immutable)
    busy_timeout_ms: int = _spec(5000, check=_between(0, 600_000))


@dataclass(frozen=True)
class AssociationSettings:
    name: str = _spec("", "the association's name")
    directors: tuple[int, ...] = _spec((), "a Telegram user id (integer)")
    timezone: str = _spec("Asia/Shanghai", check=_timezone)
    default_language: str = _spec("zh", check=_one_of("zh", "en"))


@dataclass(frozen=True)
class FollowupSettings:
    checkin_days: tuple[int, ...] = _spec((7, 30, 90), "days after a placement starts",
                                          check=_each_between(1, 3650))
    offer_reminder_hours: int = _spec(48, check=_between(1, 24 * 30))
    offer_expiry_days: int = _spec(7, check=_between(1, 90))
    request_nudge_days: int = _spec(14, check=_between(1, 365))
    digest_time: str = _spec("09:00", check=_time_of_day)
    quiet_hours_start: str = _spec("21:00", check=_time_of_day)
    quiet_hours_end: str = _spec("08:00", check=_time_of_day)
    dispatch_interval_seconds: float = _spec(5.0, check=_between(0.1, 3600))
    max_attempts: int = _spec(5, check=_between(1, 100))


@dataclass(frozen=True)
class RematchSettings:
    # "process": the matcher solves in a process of its own, so its Python work never holds up
    # the replies; "thread": in this process (no start-up cost: tests, small installations).
    solver: str = _spec("process", check=_one_of("process", "thread"))


@dataclass(frozen=True)
class LoggingSettings:
    level: str = _spec("INFO", check=_one_of("DEBUG", "INFO", "WARNING", "ERROR"))


@dataclass(frozen=True)
class SandboxSettings:
    port: int = _spec(8765, check=_between(1, 65535))
    database: Path = _spec(Path("data/sandbox.sqlite3"), "a file path")  # noqa: RUF009 (immutable)


@dataclass(frozen=True)
class Settings:
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    database: DatabaseSettings = field(default_factory=DatabaseSettings)
    association: AssociationSettings = field(default_factory=AssociationSettings)
    followups: FollowupSettings = field(default_factory=FollowupSettings)
    matching: MatchSettings = field(default_factory=MatchSettings)
    rematch: RematchSettings = field(default_factory=RematchSettings)
    logging: LoggingSettings = field(default_factory=LoggingSettings)
    sandbox: SandboxSettings = field(default_factory=SandboxSettings)


_SECTIONS: dict[str, type] = get_type_hints(Settings)


def load_settings(path: Path | None, env: Mapping[str, str] = os.environ) -> Settings:
    """Read and validate ``path`` (None: defaults only); raise ConfigError listing every problem."""
    data: dict[str, Any] = {}
    label = "config.toml"
    base_dir = Path.cwd()
    if path is not None:
        label = str(path)
        base_dir = path.resolve().parent
        data = _read_toml(path)
    return _build(data, label, base_dir, env)


def default_settings(env: Mapping[str, str] | None = None, **sections: Mapping[str, Any]) -> Settings:
    """Settings from keyword sections, validated like a file: ``default_settings(telegram={...})``."""
    return _build(dict(sections), "settings", Path.cwd(), env or {})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([
            f"{path}: no such file. Copy config.example.toml to {path.name} and edit it."
        ]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError([f"{path}: cannot be read: {error}"]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([f"{path}: not valid TOML: {error}"]) from None


def _build(data: dict[str, Any], label: str, base_dir: Path, env: Mapping[str, str]) -> Settings:
    problems: list[str] = []
    sections: dict[str, Any] = {}
    for name in data:
        if name not in _SECTIONS:
            problems.append(f"{label}: {name}: unknown section; known: {', '.join(_SECTIONS)}")
    for name, section_type in _SECTIONS.items():
        raw = data.get(name, {})
        if not isinstance(raw, Mapping):
            problems.append(f"{label}: {name}: expected a table [{name}], got {_show(raw)}")
            raw = {}
        sections[name] = _build_section(section_type, dict(raw), f"{label}: {name}", base_dir, problems)
    if problems:
        raise ConfigError(problems)
    settings = _with_env_token(Settings(**sections), env)
    _check_consistency(settings, label)
    return settings


def _check_consistency(settings: Settings, label: str) -> None:
    """Rules that tie keys together, checked once every key is valid on its own."""
    problems = []
    telegram = settings.telegram
    if telegram.mode == "webhook" and not telegram.webhook_url:
        problems.append(f'{label}: telegram.webhook_url: mode = "webhook" needs the https URL '
                        "Telegram should post updates to")
    if problems:
        raise ConfigError(problems)


def _with_env_token(settings: Settings, env: Mapping[str, str]) -> Settings:
    token = env.get(TOKEN_ENV, "").strip()
    if not token:
        return settings
    telegram = dataclasses.replace(settings.telegram, token=token)
    return dataclasses.replace(settings, telegram=telegram)


def _build_section(cls: type, raw: dict[str, Any], where: str, base_dir: Path,
                   problems: list[str]) -> Any:
    hints = get_type_hints(cls)
    known = {f.name: f for f in dataclasses.fields(cls)}
    for key in raw:
        if key not in known:
            problems.append(f"{where}.{key}: unknown key; known keys: {', '.join(known)}")
    values = {}
    for name, spec in known.items():
        if name not in raw:
            continue
        value, error = _coerce(raw[name], hints[name], spec.metadata.get("expect", ""), base_dir)
        check = spec.metadata.get("check")
        if error is None and check is not None:
            expected = check(value)
            error = None if expected is None else (f"expected {expected}", None)
        if error is not None:
            message, index = error
            suffix = f"[{index}]" if index is not None else ""
            shown = raw[name][index] if index is not None else raw[name]
            # Secrets (the token) are never echoed, not even when mistyped.
            got = _show(shown) if spec.repr else "a value that is not shown"
            problems.append(f"{where}.{name}{suffix}: {message}, got {got}")
        else:
            values[name] = value
    if len(values) != len([k for k in raw if k in known]):
        return None
    try:
        return cls(**values)
    except ValueError as error:
        # Sections that validate themselves (the matcher's settings) say "key: expected ...".
        problems.extend(f"{where}.{line}" for line in str(error).split("; "))
        return None


_TYPE_WORDS = {bool: "true or false", int: "a whole number", float: "a number", str: "a string",
               Path: "a file path"}


def _coerce(value: Any, hint: Any, expect: str, base_dir: Path) -> tuple[Any, tuple[str, int | None] | None]:
    """Turn a TOML value into the field's type; on failure return (message, list index or None)."""
    item_type = getattr(hint, "__args__", (None,))[0] if getattr(hint, "__origin__", None) is tuple else None
    if item_type is not None:
        if not isinstance(value, list):
            return None, (f"expected a list of {expect or _TYPE_WORDS[item_type]}", None)
        items = []
        for index, item in enumerate(value):
            converted, error = _coerce(item, item_type, expect, base_dir)
            if error is not None:
                return None, (error[0], index)
            items.append(converted)
        return tuple(items), None
    ok = _is_type(value, hint)
    if not ok:
        return None, (f"expected {expect or _TYPE_WORDS.get(hint, str(hint))}", None)
    if hint is Path:
        path = Path(value).expanduser()
        return (path if path.is_absolute() else base_dir / path), None
    return (float(value) if hint is float else value), None


def _is_type(value: Any, hint: Any) -> bool:
    if hint is bool:
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if hint is float:
        return isinstance(value, int | float)
    if hint is Path:
        return isinstance(value, str) and value.strip() != ""
    return isinstance(value, hint)


def _show(value: Any) -> str:
    """A value as the operator wrote it, in TOML-ish form (strings in double quotes)."""
    try:
        return json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return repr(value)
