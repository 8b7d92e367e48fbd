"""The bilingual vocabulary (data/*.toml) and free text -> canonical ids.

Each kind ("skill", "field", "district", "language", "certification") is a list of terms
with a stable id, English and Chinese labels and the synonyms people write. ``normalise``
splits a line into items, finds each item's closest term with RapidFuzz and keeps what
matches nothing as free text, so nothing a person typed is lost.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matching.judge import CJK_RUN as CJK
from matching.models import Normalised
from matching.text import fold, similarity_blocks, split_conjunctions, split_items

KINDS = ("skill", "field", "district", "language", "certification")
_DATA = Path(__file__).with_name("data")
_FILES = {
    "skill": "skills.toml",
    "field": "fields.toml",
    "district": "districts.toml",
    "language": "languages.toml",
    "certification": "certifications.toml",
}
DEFAULT_CUTOFF = 80.0
_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class Term:
    """One vocabulary entry: stable id, labels in both languages, and synonyms."""

    id: str
    en: str
    zh: str
    synonyms: tuple[str, ...]
    kind: str

    def label(self, lang: str) -> str:
        """The label in ``lang`` ("en" or "zh")."""
        return self.zh if lang == "zh" else self.en

    @property
    def forms(self) -> tuple[str, ...]:
        """Every written form that names this term: id, labels and synonyms."""
        return (self.id, self.en, self.zh, *self.synonyms)


@dataclass(frozen=True)
class _Match:
    term: Term | None
    score: float


class Vocabulary:
    """The terms of one kind, with a cache of fuzzy look-ups."""

    def __init__(self, kind: str, terms: Sequence[Term]) -> None:
        self.kind = kind
        self.terms = tuple(terms)
        self.by_id = {term.id: term for term in self.terms}
        self._exact: dict[str, Term] = {}
        for term in self.terms:
            for form in term.forms:
                self._exact.setdefault(fold(form), term)
        self._forms = list(self._exact)
        self._form_terms = [self._exact[form] for form in self._forms]
        self._cache: dict[tuple[str, float], _Match] = {}

    def lookup(self, folded_items: Sequence[str], cutoff: float) -> list[_Match]:
        """Best term for each folded item (exact forms first, then one bulk fuzzy pass)."""
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        missing = sorted({item for item in folded_items if (item, cutoff) not in self._cache})
        fuzzy = []
        for item in missing:
            exact = self._exact.get(item)
            if exact is not None:
                self._cache[item, cutoff] = _Match(exact, 100.0)
            else:
                fuzzy.append(item)
        for item in fuzzy:
            self._cache[item, cutoff] = _Match(None, 0.0)
        for first, scores in similarity_blocks(fuzzy, self._forms, cutoff):
            best = np.argmax(scores, axis=1)  # the first best form: data-file order breaks ties
            for row, column in enumerate(best.tolist()):
                score = float(scores[row, column])
                if score >= cutoff and score > 0:
                    self._cache[fuzzy[first + row], cutoff] = _Match(self._form_terms[column], score)
        return [self._cache[item, cutoff] for item in folded_items]

    def normalise_many(self, texts: Sequence[str], cutoff: float) -> list[tuple[Normalised, ...]]:
        """``normalise`` for many lines at once: one bulk fuzzy pass per round."""
        items = [split_items(text) for text in texts]
        flat = [item for line in items for item in line]
        whole = dict(zip(flat, self.lookup([fold(item) for item in flat], cutoff), strict=True))
        to_split = {
            item: parts
            for item in flat
            if item not in self.by_id
            and whole[item].score < 100.0
            and len(parts := self._parts(item)) > 1
        }
        all_parts = [part for parts in to_split.values() for part in parts]
        found = dict(zip(all_parts, self.lookup([fold(p) for p in all_parts], cutoff), strict=True))
        return [
            _dedupe(
                result
                for item in line
                for result in self._understand(item, whole[item], to_split.get(item, []), found)
            )
            for line in items
        ]

    def _parts(self, item: str) -> list[str]:
        """The item split on "and"/和/spaces, or else Chinese run together ("心理咨询个案工作")
        cut into known forms."""
        parts = split_conjunctions(item)
        if len(parts) > 1:
            return parts
        return self._known_run(fold(item)) or parts

    def _known_run(self, folded: str) -> list[str]:
        """Chinese text cut into the fewest known forms of two or more characters, or []."""
        if not CJK.fullmatch(folded) or len(folded) < 4:
            return []
        # fewest[i]: the fewest known forms that make up folded[:i], or None.
        fewest: list[list[str] | None] = [[], *([None] * len(folded))]
        for end in range(2, len(folded) + 1):
            ways = [
                [*head, folded[start:end]]
                for start in range(end - 1)
                if (head := fewest[start]) is not None and folded[start:end] in self._exact
            ]
            fewest[end] = min(ways, key=len, default=None)
        return fewest[-1] or []

    def _understand(
        self, item: str, whole: _Match, parts: list[str], found: dict[str, _Match]
    ) -> list[Normalised]:
        if item in self.by_id:
            return [_normalised(item, _Match(self.by_id[item], 100.0))]
        part_matches = [found[part] for part in parts]
        # An exact whole ("family and marriage") was never split; otherwise the parts win
        # when they match at least as well on average ("haircut and massage").
        if any(m.term for m in part_matches) and (
            sum(m.score for m in part_matches) / len(part_matches) >= whole.score
        ):
            return [_normalised(p, m) for p, m in zip(parts, part_matches, strict=True)]
        return [_normalised(item, whole)]


def _normalised(source: str, found: _Match) -> Normalised:
    if found.term is None:
        return Normalised(None, source, 0.0, source, source)
    return Normalised(found.term.id, source, round(found.score, 1), found.term.en, found.term.zh)


def _dedupe(results: object) -> tuple[Normalised, ...]:
    seen: set[str] = set()
    kept = []
    for result in results:  # type: ignore[attr-defined]
        key = result.id if result.id is not None else "\0" + fold(result.source)
        if key not in seen and (result.id is not None or fold(result.source)):
            seen.add(key)
            kept.append(result)
    return tuple(kept)


@functools.cache
def vocabulary(kind: str) -> Vocabulary:
    """The vocabulary of ``kind``, read once from its data file."""
    if kind not in _FILES:
        raise ValueError(f"unknown vocabulary kind {kind!r}; expected one of {', '.join(KINDS)}")
    with (_DATA / _FILES[kind]).open("rb") as data:
        rows = tomllib.load(data)["term"]
    terms = [Term(row["id"], row["en"], row["zh"], tuple(row.get("synonyms", ())), kind) for row in rows]
    return Vocabulary(kind, terms)


def entries(kind: str) -> tuple[Term, ...]:
    """Every term of ``kind`` in data-file order (for building buttons)."""
    return vocabulary(kind).terms


@functools.cache
def _all_terms() -> dict[str, Term]:
    return {term.id: term for kind in KINDS for term in vocabulary(kind).terms}


def term(term_id: str) -> Term | None:
    """The term with this id, of any kind, or None."""
    return _all_terms().get(term_id)


def label(term_id: str, lang: str = "en") -> str:
    """The ``lang`` ("en"/"zh") label of a canonical id; free text comes back unchanged."""
    found = term(term_id)
    return found.label(lang) if found else term_id


def is_canonical(value: str, kind: str) -> bool:
    """True if ``value`` is a canonical id of ``kind`` (not free text)."""
    return value in vocabulary(kind).by_id


def normalise(text: str, kind: str = "skill", cutoff: float = DEFAULT_CUTOFF) -> tuple[Normalised, ...]:
    """Understand a line of free text as canonical ids of ``kind``, each with its confidence.

    Items are split on , 、 ， ; ； / and, where the whole item is no known term, on
    "and"/和/及/与. Canonical ids pass through unchanged; unmatched items stay free text
    (``id=None``). The bot asks "did you mean" when a confidence is under ``confirm_below``.
    """
    return vocabulary(kind).normalise_many([text], cutoff)[0]


CERTIFICATION_LEVELS: tuple[str, ...] = tuple(t.id for t in entries("certification"))


def certification_rank(level: str) -> int:
    """0 for "none" up to 3 for "senior"; raises ValueError for an unknown level."""
    try:
        return CERTIFICATION_LEVELS.index(level)
    except ValueError:
        raise ValueError(
            f"unknown certification {level!r}; expected one of {', '.join(CERTIFICATION_LEVELS)}"
        ) from None
