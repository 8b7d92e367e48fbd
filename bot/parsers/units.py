"""The words around a number: its unit, and filler ("about", "大概", "每周").

A number question takes "20 hours", "每周20小时左右" or "3 months", but not "x<script>1":
beside the number only the quantity's units and filler words may stand. A unit other than the
asked one is converted when that is exact enough ("3 months" of a duration in weeks is 13) and
said back; one that cannot be converted ("2 hours a day" for hours a week) is asked again.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

# Words that may stand beside any number without changing it.
_FILLER = (
    "大概", "大约", "约", "左右", "差不多", "一般", "可能", "估计", "应该", "最多", "至少", "以上",
    "上下", "多", "吧", "啊", "呢", "的", "是", "我", "我们", "可以", "能", "目前", "现在", "一共",
    "总共", "共", "只", "就", "了",
    "about", "around", "approx", "approximately", "roughly", "maybe", "perhaps", "probably", "up to",
    "at most", "at least", "i", "we", "can", "could", "think", "guess", "only", "just", "max",
    "maximum", "total", "in total", "some", "or so", "ca",
)


@dataclass(frozen=True)
class Quantity:
    """What a number question asks for: its unit words (-> factor to the asked unit), the words
    of units it cannot convert, and more filler that suits only this question."""

    units: Mapping[str, Fraction]
    unit_text: str                                  # catalog key: "{n} weeks" in the asked unit
    unit_texts: Mapping[Fraction, str] = field(default_factory=dict)  # factor -> its catalog key
    foreign: tuple[str, ...] = ()                   # units it cannot convert: ask again
    filler: tuple[str, ...] = ()
    foreign_error: str = "errors.number_with_words"


@dataclass(frozen=True)
class Reading:
    """What the words around a number said: the factor of its unit, whether words were dropped."""

    factor: Fraction
    dropped_words: bool


def _units(factor: Fraction | int, *words: str) -> dict[str, Fraction]:
    return dict.fromkeys(words, Fraction(factor))


_PER_WEEK = ("每周", "每星期", "每个星期", "每礼拜", "每个礼拜", "一周", "一星期", "一个星期", "周",
             "星期", "per week", "a week", "each week", "every week", "weekly", "/week", "/wk", "pw", "p/w")
_HOUR_WORDS = ("小时", "个小时", "钟头", "个钟头", "h", "hr", "hrs", "hour", "hours")
_MONTHS = ("个月", "月", "month", "months", "mo", "mos")
_YEARS = ("年", "年了", "year", "years", "yr", "yrs")
_DAYS = ("天", "日", "day", "days")

HOURS_A_WEEK = Quantity(
    units={**_units(1, *_HOUR_WORDS), **_units(1, *_PER_WEEK)}, unit_text="common.hours_a_week",
    foreign=("每天", "每日", "一天", "天", "per day", "a day", "each day", "daily", "每月", "每个月",
             "一个月", "月", "per month", "a month", "monthly", "每年", "per year", "a year"),
    foreign_error="errors.hours_per_week_only")
HOURS = Quantity(units=_units(1, *_HOUR_WORDS), unit_text="common.hours_value",
                 filler=("since", "served", "服务", "服务了", "做了", "干了"))
WEEKS = Quantity(
    units={**_units(1, "周", "个周", "星期", "个星期", "礼拜", "个礼拜", "w", "wk", "wks", "week", "weeks"),
           **_units(Fraction(52, 12), *_MONTHS), **_units(52, *_YEARS), **_units(Fraction(1, 7), *_DAYS)},
    unit_text="common.weeks_value",
    unit_texts={Fraction(52, 12): "common.months_value", Fraction(52): "common.years_value",
                Fraction(1, 7): "common.days_value"},
    filler=("持续", "预计", "计划", "为期", "暂定", "for", "lasting", "long"))
YEARS = Quantity(
    units={**_units(1, *_YEARS, "多年", "y"), **_units(Fraction(1, 12), *_MONTHS)},
    unit_text="common.years_value", unit_texts={Fraction(1, 12): "common.months_value"},
    filler=("从业", "工作", "做了", "做", "干了", "有", "社工", "社会工作", "经验", "工作经验", "快", "将近",
            "experience", "of", "in", "social work", "over", "more than", "almost", "nearly"))
PEOPLE = Quantity(
    units=_units(1, "人", "个人", "位", "名", "个", "位社工", "名社工", "个社工", "社工", "社会工作者",
                 "people", "persons", "person", "social workers", "social worker", "workers", "worker"),
    unit_text="common.people_value", filler=("需要", "要", "招", "招募", "找", "need", "needed"))
NGOS = Quantity(
    units=_units(1, "家", "个", "家机构", "个机构", "机构", "所", "ngos", "ngo", "organisations",
                 "organizations", "organisation", "organization", "places"),
    unit_text="common.ngos_value", filler=("同时", "at once", "at the same time", "simultaneously"))
PLAIN = Quantity(units=_units(1, "个"), unit_text="")

_SPACE_OR_PUNCTUATION = re.compile(r"[\s\W_]+")


def read_words(words: str, quantity: Quantity) -> Reading | None:
    """The unit of the words around a number (with the number blanked out), or None when a
    word is neither the quantity's unit nor filler, or the words name two different units."""
    found = _matcher(quantity).findall(words)
    leftover = _matcher(quantity).sub(" ", words)
    if _SPACE_OR_PUNCTUATION.sub("", leftover):
        return None
    factors = {quantity.units[w] for w in found if w in quantity.units}
    if len(factors) > 1:
        return None
    dropped = any(w not in quantity.units for w in found)
    return Reading(factors.pop() if factors else Fraction(1), dropped)


def is_foreign(words: str, quantity: Quantity) -> bool:
    """Whether the words name a unit this question cannot take ("a day" for hours a week)."""
    return any(w in quantity.foreign for w in _matcher(quantity).findall(words))


def convert(number: Decimal, factor: Fraction) -> Decimal:
    """``number`` of a unit worth ``factor`` asked units, in whole asked units: to the nearest
    from a larger unit (3 months = 13 weeks), up from a smaller one (10 days take 2 weeks)."""
    exact = Fraction(number) * factor
    return Decimal(math.ceil(exact) if factor < 1 else math.floor(exact + Fraction(1, 2)))


def tidy(text: str) -> str:
    # NFKC turns full-width digits and signs (２０, －) into ASCII ones.
    return unicodedata.normalize("NFKC", text).strip().lower()


_MATCHERS: dict[int, re.Pattern[str]] = {}


def _matcher(quantity: Quantity) -> re.Pattern[str]:
    """One pattern for every word the quantity knows, longest first; Latin words whole only."""
    key = id(quantity)
    if key not in _MATCHERS:
        words = sorted({*quantity.units, *quantity.foreign, *quantity.filler, *_FILLER}, key=len, reverse=True)
        _MATCHERS[key] = re.compile("|".join(_alternative(w) for w in words))
    return _MATCHERS[key]


def _alternative(word: str) -> str:
    escaped = re.escape(word)
    if re.search(r"[a-z]", word):
        return rf"(?<![a-z]){escaped}(?![a-z])"
    return escaped
