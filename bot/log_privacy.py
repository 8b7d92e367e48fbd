"""What a log line must not hold about people: their names, usernames, phones and what they typed.

At DEBUG python-telegram-bot logs every update and every request it makes as Python reprs and
dicts (``first_name='Tom'``, ``'text': '...'``), so values are masked by the field they are in,
whatever the quoting. Phone numbers are masked wherever they appear, as a last line of defence
for text that reaches a log some other way (an exception message, say). Telegram ids stay: they
name no one by themselves and are what a maintainer needs to follow a conversation.
"""

from __future__ import annotations

import re

PERSONAL = "[personal]"

# Fields of Telegram objects and of our rows that hold a person's words or identity.
_FIELDS = (
    "first_name", "last_name", "username", "display_name", "name", "director_name", "phone", "phone_number",
    "director_phone", "text", "caption", "introduction", "description", "skills_text", "comment", "vcard",
    "title", "bio", "question", "query", "address", "email", "message", "new_chat_title", "answers", "state",
)
_QUOTED = r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*\""""
_FIELD_VALUE = re.compile(
    rf"""(?P<key>['"]?\b(?:{"|".join(_FIELDS)})\b['"]?\s*[:=]\s*)(?P<value>{_QUOTED})""")
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\d{1,3}[\s\-.]?)?"            # a country code, maybe
    r"(?:1[3-9]\d[\s\-.]?\d{4}[\s\-.]?\d{4}"              # a Chinese mobile, maybe spaced 3-4-4
    r"|0?\d{2,3}[\s\-.]\d{3,4}[\s\-.]?\d{4})(?!\d)"      # a landline with its area code
    r"|\+\d{8,15}(?!\d)")                                 # any E.164 number


def mask_personal(text: str) -> str:
    """``text`` with every personal field's value and every phone number masked."""
    text = _FIELD_VALUE.sub(_mask_field, text)
    return _PHONE.sub(PERSONAL, text)


def _mask_field(match: re.Match[str]) -> str:
    quote = match["value"][0]
    return f"{match['key']}{quote}{PERSONAL}{quote}"
