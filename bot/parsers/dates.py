"""The start date of a talent request.

Understood, with a year: 2026-12-01, 2026/12/1, 2026.12.1, 20261201, 12/1/2026,
2026年12月1日 (or 号), 二〇二六年十二月一日, Dec 1 2026, 1 December 2026.
Without a year, month first, meaning the next such day from today on: 12/1, 12-1, 12.1,
12月1日, 十二月一号, Dec 1. Words: today/今天, tomorrow/明天, 后天, asap/尽快,
next week/下周 (its Monday), next month/下个月 (its 1st), monday/周一 (the next one after
today), next monday/下周一 (Monday of next week), this friday/本周五.
A date must be from today to two years ahead.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from bot.parsers.numerals import CHINESE_NUMERAL, chinese_numeral_value
from bot.parsers.result import Invalid, Ok, ParseResult

MAX_YEARS_AHEAD = 2

_FULL_DATE = re.compile(
    r"(?<![0-9])(?P<y>[0-9]{4})\s*[-/.年]\s*(?P<m>[0-9]{1,2})\s*[-/.月]\s*(?P<d>[0-9]{1,2})(?![0-9])"
)
_COMPACT_DATE = re.compile(r"(?<![0-9])(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})(?![0-9])")
_YEAR_LAST = re.compile(
    r"(?<![0-9])(?P<m>[0-9]{1,2})\s*[-/.]\s*(?P<d>[0-9]{1,2})\s*[-/.]\s*(?P<y>[0-9]{4})(?![0-9])"
)
_MONTH_DAY = re.compile(r"(?<![0-9])(?P<m>[0-9]{1,2})\s*[-/.月]\s*(?P<d>[0-9]{1,2})(?![0-9])")
_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
_NAMED_MONTH_FIRST = re.compile(
    rf"\b(?P<mname>{_MONTH})\.?\s+(?P<d>[0-9]{{1,2}}){_ORDINAL}\b(?:,?\s+(?P<y>[0-9]{{4}}))?"
)
_DAY_FIRST = re.compile(
    rf"\b(?P<d>[0-9]{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<mname>{_MONTH})\b\.?(?:,?\s+(?P<y>[0-9]{{4}}))?"
)
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_EN = re.compile(
    r"\b(?:(?P<which>next|this|coming)\s+)?(?P<day>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    r"(?:day|nesday|sday|urday)?\b"
)
_WEEKDAY_ZH = re.compile(r"(?P<which>下下|下|这|本)?(?:个)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天])")
_WEEKDAYS_ZH = "一二三四五六日"
_RELATIVE_DAYS = {
    "today": 0, "今天": 0, "今日": 0, "asap": 0, "as soon as possible": 0, "尽快": 0,
    "越快越好": 0, "马上": 0, "立即": 0, "立刻": 0, "tomorrow": 1, "明天": 1, "明日": 1,
    "day after tomorrow": 2, "the day after tomorrow": 2, "后天": 2,
}  # fmt: skip
_NEXT_WEEK = ("next week", "下周", "下星期", "下个星期", "下礼拜", "下个礼拜")
_NEXT_MONTH = ("next month", "下个月", "下月")
# "from 12/1", "starting tomorrow", "从12月1日开始", "下周一起": the words around a date.
_FILLER = re.compile(r"^(?:(?:from|starting|start|on)\b|从|自|于)\s*|\s*(?:开始|起)$")


def parse_start_date(text: str, today: date) -> ParseResult[date]:
    """A start date from today up to two years ahead; the reason if it is past or unreadable."""
    tidy = _FILLER.sub("", unicodedata.normalize("NFKC", text).strip().lower()).strip(" .。!！")
    example = example_date(today)
    if not tidy:
        return Invalid("errors.bad_date", {"example": example})
    found = _words(tidy, today) or _numbers(_arabic(tidy), today)
    if found is None:
        return Invalid("errors.bad_date", {"example": example})
    if isinstance(found, Invalid):
        return found
    return _within_bounds(found, today)


def example_date(today: date) -> str:
    """A date people can copy the shape of: the first day of next month, as 2026-12-01."""
    first_next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_next_month.isoformat()


def latest_start_date(today: date) -> date:
    """The latest start date accepted: the same day two years on (28 Feb for 29 Feb)."""
    try:
        return today.replace(year=today.year + MAX_YEARS_AHEAD)
    except ValueError:  # 29 February, and that year is not a leap year
        return today.replace(year=today.year + MAX_YEARS_AHEAD, day=28)


def _within_bounds(day: date, today: date) -> ParseResult[date]:
    if day < today:
        return Invalid("errors.date_in_past", {"date": day.isoformat()})
    latest = latest_start_date(today)
    if day > latest:
        return Invalid("errors.date_too_far", {"max_date": latest.isoformat()})
    return Ok(day)


def _words(tidy: str, today: date) -> date | None:
    if tidy in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[tidy])
    monday = today - timedelta(days=today.weekday())
    if tidy in _NEXT_WEEK:
        return monday + timedelta(weeks=1)
    if tidy in _NEXT_MONTH:
        return (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    weekday = _weekday(tidy)
    if weekday is None:
        return None
    which, number = weekday
    weeks_on = {"next": 1, "下": 1, "下下": 2, "this": 0, "这": 0, "本": 0}.get(which)
    if weeks_on is None:  # a bare weekday: the next one after today
        return today + timedelta(days=(number - today.weekday() - 1) % 7 + 1)
    return monday + timedelta(weeks=weeks_on, days=number)


def _weekday(tidy: str) -> tuple[str, int] | None:
    zh = _WEEKDAY_ZH.fullmatch(tidy)
    if zh:
        day = zh["day"].replace("天", "日")
        return zh["which"] or "", _WEEKDAYS_ZH.index(day)
    en = _WEEKDAY_EN.fullmatch(tidy)
    if en:
        prefix = en["day"][:3]
        number = next(i for i, name in enumerate(_WEEKDAYS_EN) if name.startswith(prefix))
        return ("" if en["which"] == "coming" else en["which"] or ""), number
    return None


def _numbers(tidy: str, today: date) -> date | Invalid | None:
    patterns = (_FULL_DATE, _COMPACT_DATE, _YEAR_LAST, _NAMED_MONTH_FIRST, _DAY_FIRST, _MONTH_DAY)
    for pattern in patterns:
        match = pattern.search(tidy)
        if match:
            parts = match.groupdict()
            month = _MONTH_NAMES[parts["mname"]] if parts.get("mname") else int(parts["m"])
            year = int(parts["y"]) if parts.get("y") else None
            return _calendar_date(year, month, int(parts["d"]), today)
    return None


def _calendar_date(year: int | None, month: int, day: int, today: date) -> date | Invalid:
    if year is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return Invalid("errors.no_such_date", {"date": f"{year:04}-{month:02}-{day:02}"})
    # A month and day without a year mean their next occurrence from today on
    # (29 February may be up to four years away; the bounds check refuses it then).
    for candidate_year in range(today.year, today.year + 5):
        try:
            found = date(candidate_year, month, day)
        except ValueError:
            continue
        if found >= today:
            return found
    return Invalid("errors.no_such_date", {"date": f"{month:02}-{day:02}"})


def _arabic(tidy: str) -> str:
    """Chinese numerals written out (十二月一日, 二〇二六年) -> digits (12月1日, 2026年)."""

    def as_digits(match: re.Match[str]) -> str:
        value = chinese_numeral_value(match[0])
        return match[0] if value is None else str(value)

    return CHINESE_NUMERAL.sub(as_digits, tidy)
