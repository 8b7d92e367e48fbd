"""Text folding, splitting and fuzzy similarity shared by the vocabulary and the matcher.

RapidFuzz compares strings as given, so every comparison here goes through :func:`fold`
(Unicode NFKC for full-width forms, lower case, punctuation to spaces) and
``utils.default_process`` as the RapidFuzz processor, always with a ``score_cutoff``.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import opencc
from rapidfuzz import fuzz, process, utils

from matching.judge import alike, sound_key

SCORER = fuzz.WRatio

# Text this short in Latin letters ("pr", "csl"), or one Chinese character, is too ambiguous
# for fuzzy matching: it matches only exactly.
_SHORT_LATIN = 3

_SEPARATORS = re.compile(r"[,，、;；/|\n\r\t]+")
_CONJUNCTIONS = re.compile(r"\s+and\s+|\s*&\s*|以及|和|及|与|跟")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u3400-\u9fff]) +(?=[\u3400-\u9fff])")
_CELLS_PER_BLOCK = 4_000_000  # about 32 MB of float64 scores at a time
_FOLD_CACHE = 200_000
# Pairs worth judging: RapidFuzz's scores at this share of the cutoff (a dropped letter in a
# short word, a reordered phrase), or pinyin this alike (a homophone picked by an input method).
_PREFILTER = 0.75
_SOUND_PREFILTER = 60.0


def fold(text: str) -> str:
    """Canonical comparison form: NFKC, no tone marks, simplified Chinese, lower case,
    punctuation as spaces.

    Traditional characters become simplified (OpenCC), spaces between Chinese characters are
    dropped ("心理 咨询" is "心理咨询") and filler around the skill is cut ("擅长个案工作",
    "experienced in case work"; see ``data/fillers.toml``).
    """
    return _fold(text)


@functools.lru_cache(maxsize=_FOLD_CACHE)
def _fold(text: str) -> str:
    normal = unicodedata.normalize("NFKC", _without_tone_marks(text))
    if _CJK.search(normal):
        normal = _simplified(normal)
    processed = _SPACE_BETWEEN_CJK.sub("", utils.default_process(normal))
    return strip_fillers(processed)


def _without_tone_marks(text: str) -> str:
    """Pinyin typed with tones ("Lìxià") as plain letters; Chinese characters are unchanged."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def _simplified(text: str) -> str:
    global _converter
    if _converter is None:
        _converter = opencc.OpenCC("t2s")
    return _converter.convert(text)


_converter: opencc.OpenCC | None = None


def strip_fillers(folded: str) -> str:
    """Cut the filler words of ``data/fillers.toml`` around a folded skill ("擅长个案" is "个案")."""
    leading, trailing = _filler_patterns()
    for pattern in (leading, trailing):
        cut = pattern.sub("", folded).strip()
        if cut:
            folded = cut
    return folded


@functools.cache
def _filler_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    with (Path(__file__).with_name("data") / "fillers.toml").open("rb") as data:
        fillers = tomllib.load(data)
    # Longest first, so "i am good at" is cut whole rather than "i" alone.
    leading = sorted(fillers["leading"], key=len, reverse=True)
    trailing = sorted(fillers["trailing"], key=len, reverse=True)
    return (
        re.compile(rf"^(?:(?:{'|'.join(leading)})(?:\s+|(?=[\u3400-\u9fff])))+"),
        re.compile(rf"(?:(?:\s+|(?<=[\u3400-\u9fff]))(?:{'|'.join(trailing)}))+$"),
    )


def is_too_short(folded: str) -> bool:
    """True for folded text too short to compare fuzzily (it matches only exactly)."""
    return len(folded) <= 1 or (len(folded) <= _SHORT_LATIN and folded.isascii())


def split_items(text: str) -> list[str]:
    """Split a line into items on list punctuation (, 、 ， ; ； / newline), keeping order."""
    return [item.strip() for item in _SEPARATORS.split(text) if item.strip()]


def split_conjunctions(item: str) -> list[str]:
    """Split one item on "and" / 和 / 及 / 与, and on spaces between Chinese words.

    Used only when the whole item is not a known term ("family and marriage" is one).
    """
    parts: list[str] = []
    for part in _CONJUNCTIONS.split(item):
        words = part.split()
        if len(words) > 1 and all(_CJK.search(word) for word in words):
            parts.extend(words)
        elif part.strip():
            parts.append(part.strip())
    return parts


def similarity(left: str, right: str, cutoff: float) -> float:
    """Similarity 0-100 of two folded strings (``judge.alike``); 0 under ``cutoff``.

    Too-short text matches only exactly.
    """
    if not left or not right:
        return 0.0
    if left == right:
        return 100.0
    if is_too_short(left) or is_too_short(right):
        return 0.0
    score = alike(left, right)
    return score if score >= cutoff else 0.0


def similarity_blocks(
    queries: Sequence[str], choices: Sequence[str], cutoff: float
) -> Iterator[tuple[int, np.ndarray]]:
    """Scores (0 under ``cutoff``) of folded queries against folded choices, in row blocks.

    Yields ``(first_row, scores)``, each cell equal to :func:`similarity`. RapidFuzz's
    ``process.cdist`` finds the pairs worth judging in bulk, on every core (the same letters
    in any word order, with a margin under ``cutoff``; for Chinese also a shared part or the
    same sound); only those are judged word by word. The blocks bound memory.
    """
    if not queries or not choices:
        return
    rows_per_block = max(1, _CELLS_PER_BLOCK // len(choices))
    chinese_choices = [j for j, choice in enumerate(choices) if _CJK.search(choice)]
    for start in range(0, len(queries), rows_per_block):
        block = queries[start : start + rows_per_block]
        worth = _bulk(block, choices, fuzz.token_sort_ratio, cutoff * _PREFILTER) > 0
        chinese_rows = [i for i, query in enumerate(block) if _CJK.search(query)]
        if chinese_rows and chinese_choices:
            worth[np.ix_(chinese_rows, chinese_choices)] |= _chinese_worth(
                [block[i] for i in chinese_rows], [choices[j] for j in chinese_choices], cutoff
            )
        scores = np.zeros(worth.shape, dtype=np.float64)
        for row, column in zip(*np.nonzero(worth), strict=True):
            scores[row, column] = similarity(block[row], choices[column], cutoff)
        yield start, scores


def _chinese_worth(queries: Sequence[str], choices: Sequence[str], cutoff: float) -> np.ndarray:
    """Chinese pairs worth judging: alike in part (老年人心理咨询, 心理咨询) or in sound."""
    in_part = _bulk(queries, choices, SCORER, cutoff * _PREFILTER) > 0
    sounds = _bulk([sound_key(q) for q in queries], [sound_key(c) for c in choices], fuzz.ratio, _SOUND_PREFILTER)
    return in_part | (sounds > 0)


def _bulk(queries: Sequence[str], choices: Sequence[str], scorer, cutoff: float) -> np.ndarray:
    return process.cdist(queries, choices, scorer=scorer, score_cutoff=cutoff, dtype=np.float64, workers=-1)
