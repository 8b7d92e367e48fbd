"""The unified social credit code (统一社会信用代码) of a registered NGO, GB 32100-2015.

18 characters from 0-9 and the capital letters but I, O, S, V, Z; the last is a check
character computed from the other 17 (weights 3^i mod 31). A wrong check character almost
always means a typing mistake, so it is worth catching before a director reads the code.
"""

from __future__ import annotations

import re
import unicodedata

from bot.parsers.result import Invalid, Ok, ParseResult

USCC_LENGTH = 18
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SEPARATORS = re.compile(r"[\s\-]+")


def parse_registration_number(text: str) -> ParseResult[str]:
    """A unified social credit code -> its 18 upper-case characters, check character verified."""
    code = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    if not code:
        return Invalid("errors.empty")
    if len(code) != USCC_LENGTH:
        return Invalid("errors.uscc_length", {"length": len(code)})
    wrong = next((ch for ch in code if ch not in USCC_ALPHABET), None)
    if wrong is not None:
        return Invalid("errors.uscc_character", {"char": wrong})
    if uscc_check_character(code[:-1]) != code[-1]:
        return Invalid("errors.uscc_checksum")
    return Ok(code)


def uscc_check_character(first_seventeen: str) -> str:
    """The check character (18th) of a code whose first 17 characters are given."""
    total = sum(
        USCC_ALPHABET.index(ch) * weight for ch, weight in zip(first_seventeen, _WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]
