"""How alike two folded texts are, judged as a reader would: on whole words, and on sound.

A character edit distance alone cannot tell a typo from another word: "carving" is one letter
from "caring", "social networking" contains "social work", 兼职 (part-time) sounds like 剪纸
(paper-cutting). So:

- **English** is compared word by word, in any order. Two words are the same when their
  Snowball stems agree (plurals, -ing, counselling/counseling), or when they are a letter or
  two apart and one of them is not an English word at all (a typo, or a British spelling the
  American dictionary lacks; a swap of two letters counts as one), or one names the doer of
  the other ("counsellor"). Two different real words never match. The phrase score is the
  Dice overlap of the matched words, so an extra word that changes the meaning ("social
  networking" against "social work") lowers it below any sensible cutoff.
- **Chinese** keeps RapidFuzz's character similarity and adds pronunciation for texts of the
  same length, as a pinyin input method errs: each character scores 1 when equal, 0.6 when it
  sounds the same (个按 for 个案), 0.4 when it nearly does (z/zh, n/l, an/ang...). Two
  homophones alone (兼职/剪纸) stay under the cutoff; one slip in four characters does not.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz, utils
from rapidfuzz.distance import OSA

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")

_SAME_SOUND = 0.6
_NEAR_SOUND = 0.4
_JOINED = 0.95  # "casework" for "case work"
# A typo costs enough that a one-word item with one asks "did you mean ...?" (confirm_below 90).
_PER_TYPO = 0.12
# Words that join or qualify a phrase without naming the skill ("skills digital").
_STOPWORDS = frozenset({
    "and", "or", "of", "the", "a", "an", "for", "in", "with", "to", "on", "at", "skill", "skills",
    # place-name suffixes: "Lixia Dist.", "Shizhong Qu", "Pingyin County"
    "district", "dist", "qu", "county", "xian",
})
# Pinyin an input method confuses: retroflex and flat initials, n/l, front and back nasals.
_NEAR_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"), ("h", "f"), ("r", "l"))
_NEAR_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))
_CACHE = 200_000
# Snowball keeps "counsellor" apart from "counsel"; the person who does a thing names the skill.
_DOER_SUFFIXES = frozenset({"or", "lor", "er", "ist"})
_DERIVED = 0.9


@dataclass(frozen=True)
class _Word:
    text: str
    stem: str
    known: bool


def alike(left: str, right: str) -> float:
    """Similarity 0-100 of two folded, non-empty texts (see the module docstring)."""
    if left == right:
        return 100.0
    if CJK.search(left) or CJK.search(right):
        return _alike_chinese(left, right)
    return _alike_english(left, right)


def sound_key(folded: str) -> str:
    """Toneless, near-sounds-merged pinyin of Chinese text ("" without Chinese).

    Used to find homophone candidates in bulk before :func:`alike` judges them.
    """
    if not CJK.search(folded):
        return ""
    return " ".join(_near(syllable) for syllable in _syllables(folded))


def _alike_chinese(left: str, right: str) -> float:
    shape = fuzz.WRatio(left, right, processor=utils.default_process)
    if len(left) != len(right):
        return shape
    pairs = zip(left, right, _syllables(left), _syllables(right), strict=True)
    by_sound = sum(_char_score(a, b, sound_a, sound_b) for a, b, sound_a, sound_b in pairs)
    return max(shape, 100.0 * by_sound / len(left))


def _char_score(a: str, b: str, sound_a: str, sound_b: str) -> float:
    if a == b:
        return 1.0
    if not (CJK.match(a) and CJK.match(b)):
        return 0.0
    if sound_a == sound_b:
        return _SAME_SOUND
    return _NEAR_SOUND if _near(sound_a) == _near(sound_b) else 0.0


@functools.lru_cache(maxsize=_CACHE)
def _syllables(text: str) -> tuple[str, ...]:
    """One toneless pinyin syllable per character (a non-Chinese character stands for itself)."""
    pinyin = _pinyin()
    return tuple(pinyin(char)[0] if CJK.match(char) else char for char in text)


@functools.cache
def _pinyin() -> Callable[[str], list[str]]:
    # Imported on first use: pypinyin loads its phrase dictionary on import (about 0.2 s), which
    # a command that never meets Chinese should not pay for.
    from pypinyin import lazy_pinyin

    return lazy_pinyin


@functools.lru_cache(maxsize=_CACHE)
def _near(syllable: str) -> str:
    for long, short in _NEAR_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long) :]
            break
    for long, short in _NEAR_FINALS:
        if syllable.endswith(long):
            return syllable[: -len(long)] + short
    return syllable


def _alike_english(left: str, right: str) -> float:
    if left.replace(" ", "") == right.replace(" ", ""):
        return 100.0 * _JOINED
    ours, theirs = _words(left), _words(right)
    if not ours or not theirs:
        return 0.0
    matched = _best_pairs(ours, theirs)
    return 100.0 * 2 * matched / (len(ours) + len(theirs))


def _best_pairs(ours: tuple[_Word, ...], theirs: tuple[_Word, ...]) -> float:
    """Sum of word scores, pairing each word at most once, best pairs first."""
    scored = sorted(
        ((_word_score(a, b), i, j) for i, a in enumerate(ours) for j, b in enumerate(theirs)),
        reverse=True,
    )
    used_ours: set[int] = set()
    used_theirs: set[int] = set()
    total = 0.0
    for score, i, j in scored:
        if score <= 0:
            break
        if i not in used_ours and j not in used_theirs:
            used_ours.add(i)
            used_theirs.add(j)
            total += score
    return total


@functools.lru_cache(maxsize=_CACHE)  # a few thousand distinct words meet again and again
def _word_score(a: _Word, b: _Word) -> float:
    if a.stem == b.stem:
        return 1.0
    if _same_root(a.stem, b.stem):
        return _DERIVED
    if a.known and b.known:
        return 0.0  # two real words: "caring" is not a typo of "carving"
    longest = max(len(a.text), len(b.text))
    allowed = 1 if longest <= 7 else 2
    distance = min(OSA.distance(a.text, b.text), OSA.distance(a.stem, b.stem))
    if min(len(a.text), len(b.text)) < 3 or distance > allowed:
        return 0.0
    return 1.0 - _PER_TYPO * distance


def _same_root(a: str, b: str) -> bool:
    """"counsel" and "counsellor", "care" and "carer": the doer of the same root."""
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and long[len(short) :] in _DOER_SUFFIXES


@functools.lru_cache(maxsize=_CACHE)
def _words(folded: str) -> tuple[_Word, ...]:
    return tuple(_word(text) for text in folded.split() if text not in _STOPWORDS)


@functools.lru_cache(maxsize=_CACHE)
def _word(text: str) -> _Word:
    return _Word(text, _stem(text), text.isascii() and text in _dictionary())


_stemmers = threading.local()  # a Snowball stemmer keeps state between calls


def _stem(word: str) -> str:
    if not hasattr(_stemmers, "english"):
        # Imported on first use: snowballstemmer loads the stemmers of 30 languages (about 0.1 s).
        from snowballstemmer import stemmer

        _stemmers.english = stemmer("english")
    return _stemmers.english.stemWord(word)


@functools.cache
def _dictionary() -> frozenset[str]:
    """English words (American spelling), loaded on first use: about 0.2 s."""
    from spellchecker import SpellChecker

    return frozenset(SpellChecker(distance=1).word_frequency.keys())
