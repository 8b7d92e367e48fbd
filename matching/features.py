"""Workers and requests as arrays, so the hard rules and the score run on whole columns.

For each kind (skills, fields, languages, districts) every distinct request-side value is a
feature, and a bit-packed row says which workers have it: the same canonical id, or free text
within the fuzzy cutoff (found in bulk with ``process.cdist``), exactly as ``terms.same_term``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from matching.models import Request, Worker
from matching.settings import MatchSettings
from matching.terms import certification_level, free_text_cutoff
from matching.text import fold, similarity_blocks
from matching.vocabulary import CERTIFICATION_LEVELS, is_canonical


class FeatureBits:
    """Which workers have each request-side value of one kind, as bit-packed rows."""

    def __init__(
        self,
        kind: str,
        request_values: Iterable[str],
        worker_values: Sequence[tuple[str, ...]],
        cutoff: float,
    ) -> None:
        distinct = [value for value in dict.fromkeys(request_values) if value]
        self.index = {value: i for i, value in enumerate(distinct)}
        postings: list[list[int]] = [[] for _ in self.index]
        free_text: dict[str, list[int]] = {}
        for worker, values in enumerate(worker_values):
            for value in values:
                if is_canonical(value, kind):
                    if (feature := self.index.get(value)) is not None:
                        postings[feature].append(worker)
                elif folded := fold(value):
                    free_text.setdefault(folded, []).append(worker)
        self._add_free_text(kind, free_text, postings, cutoff)
        self._rows = np.zeros((len(self.index), (len(worker_values) + 7) // 8), dtype=np.uint8)
        for feature, workers in enumerate(postings):
            present = np.zeros(len(worker_values), dtype=bool)
            present[workers] = True
            self._rows[feature] = np.packbits(present, bitorder="little")

    def _add_free_text(
        self, kind: str, free_text: dict[str, list[int]], postings: list[list[int]], cutoff: float
    ) -> None:
        wanted = [(v, fold(v)) for v in self.index if not is_canonical(v, kind) and fold(v)]
        queries = [folded for _, folded in wanted]
        choices = list(free_text)
        cutoff = free_text_cutoff(kind, cutoff)
        for first, scores in similarity_blocks(queries, choices, cutoff):
            rows, columns = np.nonzero(scores >= cutoff)
            for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
                postings[self.index[wanted[first + row][0]]].extend(free_text[choices[column]])

    def features(self, values: Iterable[str]) -> np.ndarray:
        """Feature numbers of ``values`` (each must be a request-side value given at build)."""
        return np.array([self.index[value] for value in values if value], dtype=np.int64)

    def has(self, feature: int, workers: np.ndarray) -> np.ndarray:
        """Boolean array: does each of ``workers`` have ``feature``?"""
        return ((self._rows[feature, workers >> 3] >> (workers & 7).astype(np.uint8)) & 1).astype(bool)

    def count(self, features: np.ndarray, workers: np.ndarray) -> np.ndarray:
        """How many of ``features`` each of ``workers`` has."""
        total = np.zeros(len(workers), dtype=np.int64)
        for feature in features.tolist():
            total += self.has(feature, workers)
        return total

    def holders(self, feature: int) -> np.ndarray:
        """Indices of every worker with ``feature``, ascending."""
        bits = np.unpackbits(self._rows[feature], bitorder="little")
        return np.flatnonzero(bits)


@dataclass(frozen=True)
class WorkerTable:
    """Column arrays of the (normalised) workers, one row per worker in input order."""

    verified: np.ndarray
    free_capacity: np.ndarray
    hours: np.ndarray
    level: np.ndarray
    experience: np.ndarray
    level_score: np.ndarray
    remote: np.ndarray


@dataclass(frozen=True)
class RequestFeatures:
    """One (normalised) request as feature numbers and plain values."""

    skills: np.ndarray
    field: int
    languages: np.ndarray
    district: int
    remote: bool
    hours: float
    min_level: int


@dataclass(frozen=True)
class Encoded:
    """Everything the vectorised rules and score need."""

    workers: WorkerTable
    requests: tuple[RequestFeatures, ...]
    skills: FeatureBits
    fields: FeatureBits
    languages: FeatureBits
    districts: FeatureBits


def encode(workers: Sequence[Worker], requests: Sequence[Request], settings: MatchSettings) -> Encoded:
    """Arrays and feature bits for normalised ``workers`` and ``requests``."""
    cutoff = settings.fuzzy_cutoff
    skills = FeatureBits(
        "skill", (s for r in requests for s in r.skills), [w.skills for w in workers], cutoff
    )
    fields = FeatureBits("field", (r.field for r in requests), [w.fields for w in workers], cutoff)
    languages = FeatureBits(
        "language", (x for r in requests for x in r.languages), [w.languages for w in workers], cutoff
    )
    districts = FeatureBits(
        "district", (r.district for r in requests), [(w.district,) for w in workers], cutoff
    )
    return Encoded(
        _worker_table(workers, settings),
        tuple(_request_features(r, skills, fields, languages, districts) for r in requests),
        skills,
        fields,
        languages,
        districts,
    )


def _worker_table(workers: Sequence[Worker], settings: MatchSettings) -> WorkerTable:
    level = np.array([certification_level(w.certification) for w in workers], dtype=np.int64)
    years = np.array([w.years_experience for w in workers], dtype=np.float64)
    full = settings.full_experience_years
    return WorkerTable(
        verified=np.array([w.verified for w in workers], dtype=bool),
        free_capacity=np.array(
            [max(w.max_placements - w.live_placements, 0) for w in workers], dtype=np.int64
        ),
        hours=np.array([w.hours_per_week for w in workers], dtype=np.float64),
        level=level,
        experience=np.minimum(years, full) / full,
        level_score=level / (len(CERTIFICATION_LEVELS) - 1),
        remote=np.array([w.remote_ok for w in workers], dtype=bool),
    )


def _request_features(
    request: Request, skills: FeatureBits, fields: FeatureBits, languages: FeatureBits, districts: FeatureBits
) -> RequestFeatures:
    return RequestFeatures(
        skills=skills.features(request.skills),
        field=fields.index[request.field] if request.field else -1,
        languages=languages.features(request.languages),
        district=districts.index[request.district] if request.district else -1,
        remote=request.remote_ok,
        hours=float(request.hours_per_week),
        min_level=certification_level(request.min_certification),
    )
