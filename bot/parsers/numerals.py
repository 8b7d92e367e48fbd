"""Numbers written in words: Chinese numerals (二十, 十五, 两, 一百零四, 二〇二六) and English
number words (twenty, twenty-five). Only the small numbers a form asks for."""

from __future__ import annotations

import re

CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百]+")

_CHINESE_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CHINESE_UNITS = {"十": 10, "百": 100}

_ENGLISH_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_ENGLISH_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_ENGLISH_NUMBER = re.compile(
    r"\b(?:(?P<tens>"
    + "|".join(_ENGLISH_TENS)
    + r")(?:[\s-]+(?P<unit>"
    + "|".join(name for name, value in _ENGLISH_UNITS.items() if 0 < value < 10)
    + r"))?|(?P<alone>"
    + "|".join(_ENGLISH_UNITS)
    + r"))\b"
)


def chinese_numeral_value(run: str) -> int | None:
    """The value of one run of Chinese numerals, or None when it is not one number.

    "二十五" -> 25, "十五" -> 15, "一百零四" -> 104, "一百五" -> 150, "二〇二六" -> 2026;
    "三四" ("three or four") -> None.
    """
    if not run or any(ch not in _CHINESE_DIGITS and ch not in _CHINESE_UNITS for ch in run):
        return None
    if not any(ch in _CHINESE_UNITS for ch in run):
        return _digit_by_digit(run)
    return _positional(run)


def english_number_values(text: str) -> list[int]:
    """Every number word in lower-case English text, in order ("twenty five" is one)."""
    return [value for _, value in english_number_spans(text)]


def english_number_spans(text: str) -> list[tuple[tuple[int, int], int]]:
    """Each number word of lower-case English text: where it stands, and its value."""
    found = []
    for match in _ENGLISH_NUMBER.finditer(text):
        if match["alone"]:
            value = _ENGLISH_UNITS[match["alone"]]
        else:
            value = _ENGLISH_TENS[match["tens"]] + (_ENGLISH_UNITS[match["unit"]] if match["unit"] else 0)
        found.append((match.span(), value))
    return found


def _digit_by_digit(run: str) -> int | None:
    # A single digit, or a year written digit by digit (二〇二六). Two digits side by side
    # ("三四", "一两") mean "three or four", not thirty-four.
    if len(run) == 1:
        return _CHINESE_DIGITS[run]
    if len(run) < 3 or "两" in run:
        return None
    return int("".join(str(_CHINESE_DIGITS[ch]) for ch in run))


def _positional(run: str) -> int | None:
    total, pending, last_unit, zero_since_unit = 0, None, 1000, False
    for ch in run:
        if ch in _CHINESE_UNITS:
            unit = _CHINESE_UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if pending is None else pending) * unit
            pending, last_unit, zero_since_unit = None, unit, False
        elif _CHINESE_DIGITS[ch] == 0:
            zero_since_unit = True
        elif pending is not None:
            return None
        else:
            pending = _CHINESE_DIGITS[ch]
    if pending is None:
        return total
    # "一百五" is a hundred and fifty; "一百零五" is a hundred and five.
    if last_unit > 10 and not zero_since_unit:
        return total + pending * last_unit // 10
    return total + pending
