"""Phone numbers, typed or shared from Telegram's contact button.

Every number is stored in E.164 form without spaces ("+8613912345678", "+8653188886666",
"+4915112345678"): one spelling per number, so the same phone typed twice is the same text.
:func:`format_phone` adds the spaces back for people to read.

Accepted: Chinese mobiles (11 digits, 1[3-9]...) with or without +86 / 86 / 0086; landlines with
their area code (0531-8888 6666, (010) 6512 3456, +86 531 8888 6666); a bare 8-digit number,
read as a Jinan (0531) landline; other countries' numbers with + or 00 and 8–15 digits.
Spaces, dashes, dots, slashes, brackets and full-width digits are all fine.
"""

from __future__ import annotations

import re
import unicodedata

from bot.parsers.result import Invalid, Ok, ParseResult

JINAN_AREA_CODE = "531"

_SEPARATORS = re.compile(r"[\s\-.()/‐‑‒–—―]+")
_DIALLED = re.compile(r"\+?[0-9]+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# National numbers without the trunk 0: Beijing 10 and 2x have 8-digit local numbers;
# three-digit area codes (531 Jinan, 532 Qingdao ...) have 7 or 8.
_LANDLINE = re.compile(r"(?:10|2[0-9])[2-9][0-9]{7}|[3-9][0-9]{2}[2-9][0-9]{6,7}")
_JINAN_LOCAL = re.compile(r"[2-9][0-9]{7}")
_E164_REST = re.compile(r"[1-9][0-9]{7,14}")


def parse_phone(text: str) -> ParseResult[str]:
    """A phone number -> E.164 text such as "+8613912345678"; a reason with examples if not."""
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text).strip())
    if not compact:
        return Invalid("errors.empty")
    if not _DIALLED.fullmatch(compact):
        return Invalid("errors.bad_phone")
    if compact.startswith("+"):
        return _international(compact[1:])
    if compact.startswith("00"):
        return _international(compact[2:])
    if compact.startswith("0"):
        return _chinese(compact[1:])
    if compact.startswith("86") and len(compact) >= 12:
        return _chinese(compact[2:])
    if _JINAN_LOCAL.fullmatch(compact):
        return Ok(f"+86{JINAN_AREA_CODE}{compact}")
    return _chinese(compact)


def format_phone(e164: str) -> str:
    """E.164 text from :func:`parse_phone` spaced for reading: "+86 139 1234 5678"."""
    if not e164.startswith("+86"):
        return e164
    national = e164[3:]
    if _MOBILE.fullmatch(national):
        return f"+86 {national[:3]} {national[3:7]} {national[7:]}"
    area_length = 2 if national[:1] in ("1", "2") else 3
    area, local = national[:area_length], national[area_length:]
    split = len(local) - 4
    return f"+86 {area} {local[:split]} {local[split:]}"


def _international(digits: str) -> ParseResult[str]:
    if digits.startswith("86"):
        return _chinese(digits[2:])
    if _E164_REST.fullmatch(digits):
        return Ok(f"+{digits}")
    return Invalid("errors.bad_phone")


def _chinese(national: str) -> ParseResult[str]:
    """A Chinese number without country code or trunk 0: a mobile or area code + landline."""
    national = national.removeprefix("0")  # "+86 (0)531 ..." is a common way to write it
    if _MOBILE.fullmatch(national) or _LANDLINE.fullmatch(national):
        return Ok(f"+86{national}")
    if national.startswith("1") and not national.startswith(("10", "11", "12")):
        return Invalid("errors.mobile_length", {"count": len(national)})
    return Invalid("errors.bad_phone")
