"""Comparing normalised values: canonical ids by identity, free text fuzzily."""

from __future__ import annotations

from matching.text import fold, similarity
from matching.vocabulary import CERTIFICATION_LEVELS, is_canonical, label


def same_term(left: str, right: str, kind: str, cutoff: float) -> bool:
    """True if two normalised values name the same thing.

    A canonical id equals only itself; two free texts match when their similarity reaches
    ``cutoff`` (districts: only the same text); empty text matches nothing.
    """
    if not left or not right:
        return False
    if is_canonical(left, kind) or is_canonical(right, kind):
        return left == right
    cutoff = free_text_cutoff(kind, cutoff)
    return similarity(fold(left), fold(right), cutoff) >= cutoff


def free_text_cutoff(kind: str, cutoff: float) -> float:
    """The cutoff for two free texts of ``kind``: a place unknown to the vocabulary is only ever
    itself (朝阳区 is not 朝阳县, and two spellings of one place belong in districts.toml)."""
    return 100.0 if kind == "district" else cutoff


def covers(offered: tuple[str, ...], wanted: str, kind: str, cutoff: float) -> bool:
    """True if any offered value is the same term as ``wanted``."""
    if is_canonical(wanted, kind):
        return wanted in offered
    return any(same_term(value, wanted, kind, cutoff) for value in offered)


def certification_level(level: str) -> int:
    """Rank of a normalised certification id (0 = none); anything unknown ranks as none."""
    return CERTIFICATION_LEVELS.index(level) if level in CERTIFICATION_LEVELS else 0


def labels(values: tuple[str, ...] | list[str], lang: str) -> str:
    """Values as a readable list in ``lang`` (ids by label, free text as written)."""
    separator = "、" if lang == "zh" else ", "
    return separator.join(label(value, lang) for value in values)


def hours(value: float) -> str:
    """Hours without a trailing .0 ("6", "7.5")."""
    return f"{value:g}"
