"""Vectorised hard rules and score: each request's eligible workers, best first.

The twin of ``rules.py`` + ``scoring.py`` on arrays: a request only looks at its pool (workers
in its district, plus remote-ready workers when the request is remote), then filters the pool
with the other rules and scores what is left, in the same order of operations as
``scoring.combine`` so the scores are identical.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from matching.features import Encoded, RequestFeatures
from matching.scoring import SCORE_STEPS
from matching.settings import MatchSettings

_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Ranked:
    """A request's best eligible workers (indices, best first), their scores and how many exist."""

    workers: np.ndarray
    steps: np.ndarray  # score in 1/SCORE_STEPS
    eligible: int


class Ranker:
    """Eligibility and scores of every worker for one request at a time."""

    def __init__(self, encoded: Encoded, settings: MatchSettings, excluded: Mapping[int, np.ndarray]) -> None:
        self._encoded = encoded
        self._settings = settings
        self._excluded = excluded
        self._remote = np.flatnonzero(encoded.workers.remote)
        self._pools: dict[tuple[int, bool], np.ndarray] = {}
        self._everyone = np.arange(len(encoded.workers.verified), dtype=np.int64)

    def eligible(self, request: int) -> tuple[np.ndarray, np.ndarray]:
        """Every eligible worker for ``request`` (ascending index) and their score steps."""
        features = self._encoded.requests[request]
        pool = self._pool(features)
        pool = pool[self._passes_rules(features, pool)]
        excluded = self._excluded.get(request)
        if excluded is not None and len(pool):
            pool = pool[~np.isin(pool, excluded)]
        steps = self._steps(features, pool)
        keep = steps / SCORE_STEPS >= self._settings.min_score
        return pool[keep], steps[keep]

    def best(self, request: int, count: int) -> Ranked:
        """The ``count`` best eligible workers: highest score first, then input order."""
        workers, steps = self.eligible(request)
        eligible = len(workers)
        # One integer key per worker: score first, lower index wins ties; unique, so stable.
        key = steps * (len(self._everyone) + 1) + (len(self._everyone) - workers)
        if len(key) > count:
            top = np.argpartition(-key, count - 1)[:count]
            workers, steps, key = workers[top], steps[top], key[top]
        order = np.argsort(-key, kind="stable")
        return Ranked(workers[order], steps[order], eligible)

    def _pool(self, features: RequestFeatures) -> np.ndarray:
        cache_key = (features.district, features.remote)
        pool = self._pools.get(cache_key)
        if pool is None:
            local = self._encoded.districts.holders(features.district) if features.district >= 0 else _EMPTY
            pool = np.union1d(local, self._remote) if features.remote else local
            self._pools[cache_key] = pool.astype(np.int64)
        return self._pools[cache_key]

    def _passes_rules(self, features: RequestFeatures, pool: np.ndarray) -> np.ndarray:
        table = self._encoded.workers
        ok = (
            table.verified[pool]
            & (table.free_capacity[pool] > 0)
            & (table.hours[pool] >= features.hours)
            & (table.level[pool] >= features.min_level)
        )
        for language in features.languages.tolist():
            ok &= self._encoded.languages.has(language, pool)
        return ok & self._offers_enough_skills(features, pool)

    def _offers_enough_skills(self, features: RequestFeatures, workers: np.ndarray) -> np.ndarray:
        needed = min(self._settings.min_skill_coverage, len(features.skills))
        if needed == 0:
            return np.ones(len(workers), dtype=bool)
        return self._encoded.skills.count(features.skills, workers) >= needed

    def _steps(self, features: RequestFeatures, workers: np.ndarray) -> np.ndarray:
        table, settings = self._encoded.workers, self._settings
        wanted = len(features.skills)
        coverage = self._encoded.skills.count(features.skills, workers) / wanted if wanted else np.ones(len(workers))
        if features.field >= 0:
            in_field = self._encoded.fields.has(features.field, workers).astype(np.float64)
        else:
            in_field = np.ones(len(workers))
        raw = (
            settings.skill_weight * coverage
            + settings.field_weight * in_field
            + settings.experience_weight * table.experience[workers]
            + settings.certification_weight * table.level_score[workers]
        ) / settings.total_weight
        return np.rint(raw * SCORE_STEPS).astype(np.int64)

    def shortfall(self, request: int) -> Shortfall:
        """For an unfilled request: who offers the skills, where, and which rules stop them."""
        features = self._encoded.requests[request]
        table, everyone = self._encoded.workers, self._everyone
        skilled = self._offers_enough_skills(features, everyone)
        in_pool = np.zeros(len(everyone), dtype=bool)
        in_pool[self._pool(features)] = True
        speaks = np.ones(len(everyone), dtype=bool)
        for language in features.languages.tolist():
            speaks &= self._encoded.languages.has(language, everyone)
        passes = {
            "verified": table.verified,
            "capacity": table.free_capacity > 0,
            "hours": table.hours >= features.hours,
            "certification": table.level >= features.min_level,
            "language": speaks,
        }
        everything_but_district = skilled & np.logical_and.reduce(list(passes.values()))
        elsewhere = ~in_pool & table.remote & everything_but_district
        return Shortfall(
            skilled=int(np.count_nonzero(skilled)),
            skilled_here=int(np.count_nonzero(skilled & in_pool)),
            turned_away={
                rule: int(np.count_nonzero(skilled & in_pool & ~ok)) for rule, ok in passes.items()
            },
            if_remote=0 if features.remote else int(np.count_nonzero(elsewhere)),
        )


@dataclass(frozen=True)
class Shortfall:
    """Why a request is short of candidates, counted over every worker.

    ``skilled`` workers offer enough of the requested skills, ``skilled_here`` of them are in
    the request's pool (its district, plus remote workers when it is remote), ``turned_away``
    counts those the other hard rules stop, and ``if_remote`` the skilled workers elsewhere who
    would qualify if the request allowed remote work.
    """

    skilled: int
    skilled_here: int
    turned_away: dict[str, int]
    if_remote: int
