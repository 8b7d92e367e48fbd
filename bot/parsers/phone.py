"""Phone numbers, typed or shared from Telegram's contact button, read by ``phonenumbers``.

Every number is stored in E.164 form without spaces ("+8613912345678", "+8653188886666",
"+4915112345678"): one spelling per number, so the same phone typed twice is the same text.
:func:`format_phone` spaces it for people to read ("+86 139 1234 5678").

Accepted: Chinese mobiles with or without +86 / 86 / 0086; landlines with their area code
(0531-8888 6666, (010) 6512 3456, +86 (0)531 8888 6666); a bare 8-digit number, read as a Jinan
(0531) landline; other countries' numbers with + or 00. Spaces, dashes, dots, slashes, brackets
and full-width digits are all fine. Whether a number can exist is Google's libphonenumber's
call; the refusals keep our own words (a Chinese mobile with the wrong number of digits says so).
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from bot.parsers.result import Invalid, Ok, ParseResult

JINAN_AREA_CODE = "531"

_SEPARATORS = re.compile(r"[\s\-.()/‐‑‒–—―]+")
_DIALLED = re.compile(r"\+?[0-9]+")
_JINAN_LOCAL = re.compile(r"[2-9][0-9]{7}")
# A Chinese mobile begins 13–19; with the wrong length it is worth saying how many digits it has.
_MOBILE_LIKE = re.compile(r"1[3-9][0-9]*")
_MOBILE_DIGITS = 11


def parse_phone(text: str) -> ParseResult[str]:
    """A phone number -> E.164 text such as "+8613912345678"; a reason with examples if not."""
    compact = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text).strip())
    if not compact:
        return Invalid("errors.empty")
    if not _DIALLED.fullmatch(compact):
        return Invalid("errors.bad_phone")
    dialled = _international_form(compact)
    try:
        number = phonenumbers.parse(dialled, "CN")
    except phonenumbers.NumberParseException:
        return Invalid("errors.bad_phone")
    if phonenumbers.is_valid_number(number):
        return Ok(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    national = str(number.national_number)
    if number.country_code == 86 and _MOBILE_LIKE.fullmatch(national) and len(national) != _MOBILE_DIGITS:
        return Invalid("errors.mobile_length", {"count": len(national)})
    return Invalid("errors.bad_phone")


def format_phone(e164: str) -> str:
    """E.164 text from :func:`parse_phone` spaced for reading: "+86 139 1234 5678".

    Text that is not a number (an old row, a test value) comes back unchanged.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    spaced = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return spaced.replace("-", " ")


def _international_form(compact: str) -> str:
    """The digits as phonenumbers should read them: "+..." for every spelling of a country code."""
    if compact.startswith("00"):
        return "+" + compact[2:]
    if compact.startswith("86") and len(compact) >= 12:
        return "+" + compact
    if _JINAN_LOCAL.fullmatch(compact):
        return f"+86{JINAN_AREA_CODE}{compact}"
    return compact
