"""The message catalogues use only the glossary's terms (docs/glossary.md) for its concepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.texts import catalog

GLOSSARY = Path(__file__).resolve().parents[2] / "docs" / "glossary.md"
PROPER_NAMES = ("社会工作者职业资格", "市中区社会工作者协会")


def avoided_terms() -> list[tuple[str, str, str]]:
    """(language, avoided word, the glossary's term) for every row of the glossary table."""
    found = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("concept", "---"):
            continue
        _, zh, en, not_zh, not_en = cells
        found += [("zh", word.strip(), zh) for word in not_zh.split(",") if word.strip()]
        found += [("en", word.strip(), en) for word in not_en.split(",") if word.strip()]
    return found


def test_the_glossary_table_is_read() -> None:
    assert ("zh", "安置", "对接") in avoided_terms() and ("zh", "社会组织", "机构") in avoided_terms()


@pytest.mark.parametrize(("lang", "word", "term"), avoided_terms())
def test_no_message_uses_a_word_the_glossary_avoids(lang: str, word: str, term: str) -> None:
    if lang == "zh":
        hits = [key for key, text in catalog("zh").items() if word in _words(text)]
    else:
        pattern = re.compile(rf"\b{re.escape(word)}s?\b", re.IGNORECASE)
        hits = [key for key, text in catalog("en").items() if pattern.search(_words(text))]
    assert hits == [], f"{word!r} in {hits}: the glossary says {term!r}"


def _words(text: str) -> str:
    """What the reader sees of a template: no {placeholders}, and proper names left out."""
    text = re.sub(r"\{[^{}]*\}", "", text)
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return text
