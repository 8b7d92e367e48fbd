"""Counts and amounts: hours per week, headcount, years, placements at once, weeks.

People answer "20", "２０", "20 hours", "每周20小时", "二十个小时" or "twenty": the one number in
the answer is taken when the words around it are its units or filler (bot/parsers/units.py);
other words are refused, a unit the question does not ask in is converted and said back ("3 个月"
of a duration in weeks is 13 weeks). Two numbers ("10-20", "三四个") are ambiguous and asked
again. Words are read only when there are no digits, so the 一 of 一般 or 一周 does not count
as a second number beside "一般每周10小时".
"""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal

from bot.parsers.numerals import CHINESE_NUMERAL, chinese_numeral_value, english_number_spans
from bot.parsers.result import Invalid, Ok, ParseResult, Said
from bot.parsers.units import (
    HOURS,
    HOURS_A_WEEK,
    NGOS,
    PEOPLE,
    PLAIN,
    WEEKS,
    YEARS,
    Quantity,
    convert,
    is_foreign,
    read_words,
    tidy,
)

HOURS_PER_WEEK = (1, 60)
HEADCOUNT = (1, 20)
YEARS_OF_EXPERIENCE = (0, 60)
PLACEMENTS_AT_ONCE = (1, 5)
DURATION_WEEKS = (1, 104)

# The minus sign counts only where it cannot be a range dash ("10-20").
_DIGIT_NUMBER = re.compile(r"(?:(?<![0-9])[-−])?[0-9]+(?:\.[0-9]+)?")
# Words that contain a Chinese numeral but are not an answer: "一周", "每个星期", "一般".
_NUMERAL_WORDS = re.compile(r"[每一](?:个)?(?:周|星期|礼拜)|一般|一共|一起|一下|大概|左右")
_NO_EXPERIENCE = frozenset(
    {"none", "no", "nil", "no experience", "无", "没有", "暂无", "没", "新手", "刚入行", "刚开始"}
)
_LONGEST_SHOWN = 12


def parse_int_in_range(
    text: str, low: int, high: int, key_name: str = "errors.out_of_range", example: int | None = None,
    quantity: Quantity = PLAIN,
) -> ParseResult[int]:
    """A whole number from ``low`` to ``high``; ``key_name`` is the out-of-range error text.

    ``quantity`` names the units and filler words the number may come with ("3 个月")."""
    example = _default_example(low, high) if example is None else example
    found = _one_number(text, low, high, example, quantity)
    if isinstance(found, Invalid):
        return found
    number = found.value
    # Range first: a number outside it may be too long to round safely.
    if not low <= number <= high:
        return Invalid(key_name, {"low": low, "high": high, "value": _shown(number)})
    if number != number.to_integral_value():
        rounded = _clamp(int(number.quantize(Decimal(1), ROUND_HALF_UP)), low, high)
        return Invalid("errors.not_whole_number", {"example": rounded})
    return Ok(int(number), found.note)


def parse_hours_per_week(text: str) -> ParseResult[float]:
    """Hours a week, 1–60, with at most one decimal place ("7.5"): stored as a REAL column.

    A whole number comes back as an ``int``, so it is stored and shown without ".0".
    """
    low, high = HOURS_PER_WEEK
    found = _one_number(text, low, high, 10, HOURS_A_WEEK)
    if isinstance(found, Invalid):
        return found
    number = found.value
    if not low <= number <= high:
        return Invalid("errors.out_of_range", {"low": low, "high": high, "value": _shown(number)})
    one_place = number.quantize(Decimal("0.1"), ROUND_HALF_UP)
    if number != one_place:
        return Invalid("errors.too_many_decimals", {"example": _shown(one_place)})
    return Ok(int(number) if number == number.to_integral_value() else float(number), found.note)


def parse_service_hours(text: str, low: int, high: int) -> ParseResult[int]:
    """Hours served in all, as a check-in asks: a whole number, "12 hours" or "12小时"."""
    return parse_int_in_range(text, low, high, quantity=HOURS)


def parse_headcount(text: str) -> ParseResult[int]:
    """How many social workers a request needs: 1–20."""
    return parse_int_in_range(text, *HEADCOUNT, example=2, quantity=PEOPLE)


def parse_years_of_experience(text: str) -> ParseResult[int]:
    """Years in social work: 0–60; "none" / "无" / "新手" mean 0; months count up to a whole
    year, and a part year ("三年半") counts the whole years done, said back."""
    if tidy(text).strip(" .。!！") in _NO_EXPERIENCE:
        return Ok(0)
    low, high = YEARS_OF_EXPERIENCE
    found = _one_number(text, low, high, 3, YEARS)
    if isinstance(found, Ok) and low <= found.value <= high and found.value != found.value.to_integral_value():
        whole = found.value.to_integral_value(ROUND_FLOOR)
        given = Said("common.years_value", {"n": _value(found.value)})
        return Ok(int(whole), Said("numbers.converted", {"given": given, "value": _said(YEARS, whole)}))
    return parse_int_in_range(text, low, high, example=3, quantity=YEARS)


def parse_placements_at_once(text: str) -> ParseResult[int]:
    """How many NGOs a social worker can serve at the same time: 1–5."""
    return parse_int_in_range(text, *PLACEMENTS_AT_ONCE, example=1, quantity=NGOS)


def parse_duration_weeks(text: str) -> ParseResult[int]:
    """How many weeks a request runs: 1–104 (two years); months, years and days are converted."""
    return parse_int_in_range(text, *DURATION_WEEKS, example=12, quantity=WEEKS)


def _one_number(text: str, low: int, high: int, example: int, quantity: Quantity) -> Ok[Decimal] | Invalid:
    """The one number in ``text``, in the quantity's unit, with a note when it was converted or
    words were dropped; refused when other words stand beside it."""
    tidied = tidy(text)
    spans = _number_spans(tidied)
    if len(spans) > 1 or (spans and spans[0][1] is None):
        return Invalid("errors.one_number", {"low": low, "high": high})
    half_alone = not spans and (half := _HALF.search(tidied)) is not None
    if half_alone:  # "半年": half of one
        spans = [(half.span(), Decimal("0.5"))]
    if not spans or spans[0][1] is None:
        return Invalid("errors.not_a_number", {"low": low, "high": high, "example": example})
    (start, end), number = spans[0]
    assert number is not None
    words = tidied[:start] + " " + tidied[end:]
    if not half_alone and (half := _HALF.search(words)):
        # "三年半", "一个半月", "3 and a half": the half joins the number; 个半月 reads as 个月
        number, words = number + Decimal("0.5"), words[:half.start()] + words[half.end():]
    if is_foreign(words, quantity):
        return Invalid(quantity.foreign_error, {"number": _shown(number), "example": example})
    reading = read_words(words, quantity)
    if reading is None:
        return Invalid("errors.number_with_words", {"number": _shown(number), "example": example})
    if reading.factor != 1:
        converted = convert(number, reading.factor)
        given = Said(quantity.unit_texts[reading.factor], {"n": _value(number)})
        return Ok(converted, Said("numbers.converted", {"given": given, "value": _said(quantity, converted)}))
    if reading.dropped_words and quantity.unit_text:
        return Ok(number, Said("numbers.understood", {"value": _said(quantity, number)}))
    return Ok(number)


_HALF = re.compile(r"半|\band a half\b|\bhalf(?: an?)?\b")


def _said(quantity: Quantity, number: Decimal) -> Said:
    return Said(quantity.unit_text, {"n": _value(number)})


def _value(number: Decimal) -> int | str:
    """A whole number as an int (so the plural spec can count it), else as shown."""
    return int(number) if number == number.to_integral_value() else _shown(number)


def _number_spans(tidied: str) -> list[tuple[tuple[int, int], Decimal | None]]:
    """Where each number stands and its value (None: a numeral that is not one number, "三四").

    Words are read only when there are no digits, so the 一 of 一般 does not count beside "10"."""
    digits = [(m.span(), Decimal(m.group().replace("−", "-"))) for m in _DIGIT_NUMBER.finditer(tidied)]
    if digits:
        return digits  # type: ignore[return-value]
    # Blank out words that hold a numeral but are no answer, keeping every other position.
    words = _NUMERAL_WORDS.sub(lambda m: " " * len(m.group()), tidied)
    found: list[tuple[tuple[int, int], Decimal | None]] = [
        (m.span(), _decimal(chinese_numeral_value(m.group()))) for m in CHINESE_NUMERAL.finditer(words)]
    found += [(span, Decimal(value)) for span, value in english_number_spans(words)]
    return sorted(found, key=lambda item: item[0])


def _decimal(value: int | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _shown(number: Decimal) -> str:
    shown = format(number, "f")
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return shown if len(shown) <= _LONGEST_SHOWN else shown[:_LONGEST_SHOWN] + "…"


def _default_example(low: int, high: int) -> int:
    return (low + high) // 2


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
