"""Erasure's last step: every stored copy of a forgotten person's identifying values is redacted.

Messages to other people (offer cards, match notices, directors' alerts, contact details) are kept
as rendered text on outbox rows that need not name a placement, and other people's check-in
comments may name the person, so clearing rows by their links misses copies. This sweep reads
every text column of every table and replaces each occurrence of the person's name, username,
phone (in any spacing), introduction, registration number, person id or account ids
(Telegram ids) with ``[deleted]``.

People's own identity columns (another member's name or phone) are left alone: someone else
called 王芳 keeps their name. JSON values are redacted string by string, so they stay valid JSON.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

from bot.store.database import Tx

REDACTED = "[deleted]"
# Who someone else is: never rewritten because it happens to equal the forgotten person's value.
_OTHER_PEOPLES_IDENTITY = {
    ("people", "display_name"), ("people", "username"), ("workers", "name"), ("workers", "phone"),
    ("ngos", "name"), ("ngos", "director_name"), ("ngos", "director_phone"),
}
_PHONE_SEPARATORS = r"[\s\-.()/‐‑‒–—―]*"
_SHORTEST_TEXT = 2  # a one-character name would redact that character everywhere
# A person id of a few digits would redact every such count (hours, days): only longer ones (the
# people who kept their Telegram id as their id) are redacted as numbers; account ids always are.
_SHORTEST_ID = 5


@dataclass(frozen=True)
class Identity:
    """What identifies a person, read before their rows are cleared."""

    ids: tuple[int, ...]  # their account ids (Telegram ids), and their person id when long enough
    texts: tuple[str, ...]
    phones: tuple[str, ...]

    def pattern(self) -> re.Pattern[str]:
        alternatives = [_text_pattern(text) for text in self.texts if len(text.strip()) >= _SHORTEST_TEXT]
        alternatives += [_phone_pattern(phone) for phone in self.phones if phone]
        alternatives += [rf"(?<!\d){number}(?!\d)" for number in self.ids]
        return re.compile("|".join(sorted(alternatives, key=len, reverse=True)), re.IGNORECASE)


async def identity_of(tx: Tx, person_id: int, worker_id: int | None, ngo_id: int | None) -> Identity:
    """The person's names, username, introduction, registration number and phones, as stored now."""
    texts: list[str] = []
    phones: list[str] = []
    user = await tx.fetchone("SELECT display_name, username FROM people WHERE id = ?", (person_id,))
    if user is not None:
        texts += [user["display_name"] or "", user["username"] or ""]
    worker = await tx.fetchone("SELECT name, phone, introduction FROM workers WHERE id = ?", (worker_id or -1,))
    if worker is not None:
        texts += [worker["name"], worker["introduction"] or ""]
        phones.append(worker["phone"] or "")
    ngo = await tx.fetchone("SELECT name, director_name, director_phone, registration_number FROM ngos "
                            "WHERE id = ?", (ngo_id or -1,))
    if ngo is not None:
        texts += [ngo["name"], ngo["director_name"], ngo["registration_number"] or ""]
        phones.append(ngo["director_phone"] or "")
    accounts = await tx.fetchall("SELECT external_id FROM accounts WHERE person_id = ?", (person_id,))
    own = (person_id,) if len(str(person_id)) >= _SHORTEST_ID else ()
    ids = (*own, *(row[0] for row in accounts))
    return Identity(tuple(dict.fromkeys(ids)), tuple(dict.fromkeys(t for t in texts if t)),
                    tuple(p for p in phones if p))


async def redact_everywhere(tx: Tx, identity: Identity) -> int:
    """Replace every copy of the identity in every text column; return how many values changed."""
    pattern = identity.pattern()
    await tx.define_function("mentions_person", 1, lambda value: isinstance(value, str) and mentions(value, pattern))
    changed = 0
    for table, column in await _text_columns(tx):
        rows = await tx.fetchall(f'SELECT rowid, "{column}" FROM "{table}" WHERE mentions_person("{column}")')
        for rowid, value in rows:
            redacted = redact_value(value, pattern)
            if redacted != value:
                await tx.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (redacted, rowid))
                changed += 1
    return changed


def mentions(value: str, pattern: re.Pattern[str]) -> bool:
    """Whether redacting would change the value; JSON is parsed only when its text could hide a match.

    Plain text is searched as it is. JSON text that is ASCII without escapes holds its strings
    verbatim, so a search of the text finds whatever a search of the parsed strings would (most
    JSON columns are lists of ids); other JSON is parsed. A scan calls this for every text value.
    """
    if value[:1] not in "{[":
        return pattern.search(value) is not None
    if value.isascii() and "\\" not in value and pattern.search(value) is None:
        return False
    return redact_value(value, pattern) != value


def redact_value(value: str, pattern: re.Pattern[str]) -> str:
    """The value with every match replaced; JSON stays JSON (strings redacted one by one)."""
    if value[:1] in "{[":
        try:
            parsed = json.loads(value)
        except ValueError:
            pass
        else:
            redacted = _redact_json(parsed, pattern)
            return value if redacted == parsed else json.dumps(redacted, ensure_ascii=False, separators=(",", ":"))
    return pattern.sub(REDACTED, value)


def _redact_json(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(REDACTED, value)
    if isinstance(value, list):
        return [_redact_json(item, pattern) for item in value]
    if isinstance(value, dict):
        return {key: _redact_json(item, pattern) for key, item in value.items()}
    if isinstance(value, int) and not isinstance(value, bool) and pattern.fullmatch(str(value)):
        return 0
    return value


async def _text_columns(tx: Tx) -> list[tuple[str, str]]:
    tables = await tx.fetchall("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    columns = []
    for (table,) in tables:
        for info in await tx.fetchall(f'PRAGMA table_info("{table}")'):
            if (table, info["name"]) not in _OTHER_PEOPLES_IDENTITY and info["type"].upper() in ("TEXT", ""):
                columns.append((table, info["name"]))
    return columns


def _text_pattern(text: str) -> str:
    """The text as typed or HTML-escaped (messages escape what people typed)."""
    spellings = sorted({text, html.escape(text), html.escape(text, quote=False)}, key=len, reverse=True)
    body = "|".join(re.escape(s) for s in spellings)
    before = r"(?<![A-Za-z0-9])" if text[:1].isascii() and text[:1].isalnum() else ""
    after = r"(?![A-Za-z0-9])" if text[-1:].isascii() and text[-1:].isalnum() else ""
    return f"{before}(?:{body}){after}"


def _phone_pattern(e164: str) -> str:
    """The national digits in any spacing ("+86 139 1234 5678", "139-1234-5678", "13912345678")."""
    digits = re.sub(r"\D", "", e164)
    national = digits[2:] if e164.startswith("+86") else digits
    country = rf"(?:(?:\+|00)?86{_PHONE_SEPARATORS})?" if e164.startswith("+86") else ""
    return r"(?<!\d)" + country + _PHONE_SEPARATORS.join(national) + r"(?!\d)"
