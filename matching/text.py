"""Text folding, splitting and fuzzy similarity shared by the vocabulary and the matcher.

RapidFuzz compares strings as given, so every comparison here goes through :func:`fold`
(Unicode NFKC for full-width forms, lower case, punctuation to spaces) and
``utils.default_process`` as the RapidFuzz processor, always with a ``score_cutoff``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

SCORER = fuzz.WRatio

# Text this short in Latin letters ("pr", "csl"), or one Chinese character, is too ambiguous
# for fuzzy matching: it matches only exactly.
_SHORT_LATIN = 3

_SEPARATORS = re.compile(r"[,，、;；/|\n\r\t]+")
_CONJUNCTIONS = re.compile(r"\s+and\s+|\s*&\s*|以及|和|及|与|跟")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u3400-\u9fff]) +(?=[\u3400-\u9fff])")
_CELLS_PER_BLOCK = 4_000_000  # about 32 MB of float64 scores at a time


def fold(text: str) -> str:
    """Canonical comparison form: NFKC, lower case, punctuation as single spaces.

    Spaces between Chinese characters are dropped ("心理 咨询" is "心理咨询").
    """
    processed = utils.default_process(unicodedata.normalize("NFKC", text))
    return _SPACE_BETWEEN_CJK.sub("", processed)


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
    """Fuzzy score 0-100 of two folded strings; 0 under ``cutoff``; too-short text exact only."""
    if not left or not right:
        return 0.0
    if left == right:
        return 100.0
    if is_too_short(left) or is_too_short(right):
        return 0.0
    return SCORER(left, right, processor=utils.default_process, score_cutoff=cutoff)


def similarity_blocks(
    queries: Sequence[str], choices: Sequence[str], cutoff: float
) -> Iterator[tuple[int, np.ndarray]]:
    """Scores (0 under ``cutoff``) of folded queries against folded choices, in row blocks.

    Yields ``(first_row, scores)``; bulk work goes to ``process.cdist`` on every core, and the
    blocks bound memory. Too-short text matches only exactly, as in :func:`similarity`.
    """
    if not queries or not choices:
        return
    rows_per_block = max(1, _CELLS_PER_BLOCK // len(choices))
    for start in range(0, len(queries), rows_per_block):
        block = queries[start : start + rows_per_block]
        scores = process.cdist(
            block,
            choices,
            scorer=SCORER,
            processor=utils.default_process,
            score_cutoff=cutoff,
            dtype=np.float64,
            workers=-1,
        )
        _exact_only_for_short(scores, block, choices)
        yield start, scores


def _exact_only_for_short(scores: np.ndarray, queries: Sequence[str], choices: Sequence[str]) -> None:
    short_rows = [i for i, query in enumerate(queries) if is_too_short(query)]
    short_cols = [j for j, choice in enumerate(choices) if is_too_short(choice)]
    if not short_rows and not short_cols:
        return
    scores[short_rows, :] = 0.0
    scores[:, short_cols] = 0.0
    columns_by_text: dict[str, list[int]] = {}
    for j, choice in enumerate(choices):
        columns_by_text.setdefault(choice, []).append(j)
    for i, query in enumerate(queries):
        for j in columns_by_text.get(query, ()):
            scores[i, j] = 100.0
