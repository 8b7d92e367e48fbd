"""Answers to a closed question typed instead of tapped: yes / no, or one of the buttons."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from bot.parsers.result import Invalid, Ok, ParseResult

_YES = frozenset(
    {
        "yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "of course", "certainly", "true",
        "是", "是的", "对", "对对", "可以", "行", "好", "好啊", "要", "需要", "能", "愿意", "有",
        "当然", "当然可以", "没问题", "嗯", "嗯嗯", "✅", "👍", "✔",
    }
)  # fmt: skip
_NO = frozenset(
    {
        "no", "n", "nope", "nah", "not", "false", "no thanks", "no thank you",
        "否", "不", "不是", "不对", "不可以", "不行", "不好", "不要", "不需要", "不能", "不愿意",
        "没有", "没", "无", "暂无", "不用", "❌", "👎", "✖",
    }
)  # fmt: skip
# Sentence particles and punctuation that do not change the answer: "是的呢", "可以的!", "yes."
_TRAILING = re.compile(r"[\s.,!?~。，！？～、…的呢啊呀吧哦嘛啦]+$")
_LEADING = re.compile(r"^[\s.,!?~。，！？～、…]+")


def parse_yes_no(text: str) -> ParseResult[bool]:
    """yes / no in either language ("是的", "不可以", "y", "nope") -> True / False."""
    answer = _tidy(text)
    if answer in _YES or _without_particles(answer) in _YES:
        return Ok(True)
    if answer in _NO or _without_particles(answer) in _NO:
        return Ok(False)
    return Invalid("errors.yes_or_no")


def parse_choice(text: str, choices: Mapping[str, Iterable[str]]) -> ParseResult[str]:
    """The id of the choice whose label (in any language) the person typed.

    ``choices`` maps an id to its labels, e.g. ``{"senior": ["Senior social worker",
    "高级社会工作师"]}``; matching ignores case, width, surrounding space and emoji buttons
    add, but otherwise needs the whole label.
    """
    typed = _label_key(text)
    if typed:
        for choice_id, labels in choices.items():
            if any(_label_key(label) == typed for label in labels):
                return Ok(choice_id)
    return Invalid("errors.use_buttons")


def _tidy(text: str) -> str:
    return _LEADING.sub("", unicodedata.normalize("NFKC", text).strip().lower())


def _without_particles(answer: str) -> str:
    return _TRAILING.sub("", answer)


def _label_key(text: str) -> str:
    # Keep letters, digits and CJK; drop emoji, symbols and spaces that buttons add ("✅ Yes").
    kept = (
        ch for ch in unicodedata.normalize("NFKC", text).casefold() if unicodedata.category(ch)[0] in "LN"
    )
    return "".join(kept)
