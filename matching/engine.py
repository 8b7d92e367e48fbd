"""``match``: normalise, apply the hard rules, score, assign, explain."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from matching.assignment import Edges, complete_assignment
from matching.candidates import Ranked, Ranker, Shortfall
from matching.explain import unfilled_reason
from matching.features import encode
from matching.models import Candidate, MatchResult, Placement, Request, Unfilled, Worker
from matching.profiles import normalise_requests, normalise_workers
from matching.scoring import SCORE_STEPS, Scored, score_pair
from matching.settings import MatchSettings


def match(
    workers: Sequence[Worker],
    requests: Sequence[Request],
    settings: MatchSettings = MatchSettings(),  # noqa: B008 - frozen, so one shared default is safe
    excluded_pairs: Collection[tuple[str, str]] = frozenset(),
) -> MatchResult:
    """Propose placements: the most open slots filled, then the highest total score.

    Only relevant pairs are considered: the worker offers enough of the requested skills
    (``min_skill_coverage``), scores at least ``min_score`` and passes every other hard rule;
    never a (request_id, worker_id) in ``excluded_pairs``. Each request also gets its ``top_n``
    candidates, best first, and every request left with open slots says why. The same input
    always gives the same output.
    """
    worker_index = _index_of("worker", [w.id for w in workers])
    request_index = _index_of("request", [r.id for r in requests])
    people = normalise_workers(workers, settings.fuzzy_cutoff)
    posts = normalise_requests(requests, settings.fuzzy_cutoff)
    encoded = encode(people, posts, settings)
    ranker = Ranker(encoded, settings, _excluded(excluded_pairs, request_index, worker_index))
    depth = max(settings.candidate_depth, settings.top_n)
    ranked = [ranker.best(r, depth) for r in range(len(posts))]
    slots = np.array([r.open_slots for r in posts], dtype=np.int64)

    def neighbours(request: int) -> tuple[np.ndarray, np.ndarray]:
        known = ranked[request]
        if known.eligible <= len(known.workers):
            return known.workers, known.steps
        return ranker.eligible(request)

    edges, chosen = complete_assignment(
        slots, encoded.workers.free_capacity, _edges(ranked, slots), neighbours
    )
    explained = _Explainer(people, posts, settings)
    placements = _placements(edges, chosen, explained)
    filled = np.bincount(edges.request[chosen], minlength=len(posts))
    return MatchResult(
        placements=placements,
        candidates={
            posts[r].id: _candidates(r, ranked[r], settings.top_n, explained) for r in range(len(posts))
        },
        unfilled=tuple(
            _unfilled(posts[r], int(slots[r] - filled[r]), ranked[r], ranker.shortfall(r), len(people))
            for r in range(len(posts))
            if filled[r] < slots[r]
        ),
    )


class _Explainer:
    """Scalar score and reasons of a pair, computed once."""

    def __init__(self, workers: list[Worker], requests: list[Request], settings: MatchSettings):
        self.workers, self.requests, self._settings = workers, requests, settings
        self._done: dict[tuple[int, int], Scored] = {}

    def __call__(self, request: int, worker: int) -> Scored:
        key = (request, worker)
        if key not in self._done:
            self._done[key] = score_pair(self.workers[worker], self.requests[request], self._settings)
        return self._done[key]


def _index_of(kind: str, ids: list[str]) -> dict[str, int]:
    index: dict[str, int] = {}
    for position, identifier in enumerate(ids):
        if identifier in index:
            raise ValueError(f"duplicate {kind} id {identifier!r}")
        index[identifier] = position
    return index


def _excluded(
    pairs: Collection[tuple[str, str]], requests: dict[str, int], workers: dict[str, int]
) -> dict[int, np.ndarray]:
    by_request: dict[int, list[int]] = {}
    for request_id, worker_id in pairs:
        if request_id in requests and worker_id in workers:
            by_request.setdefault(requests[request_id], []).append(workers[worker_id])
    return {r: np.array(sorted(ws), dtype=np.int64) for r, ws in by_request.items()}


def _edges(ranked: list[Ranked], slots: np.ndarray) -> Edges:
    open_requests = [r for r in range(len(ranked)) if slots[r] > 0]
    return Edges(
        np.concatenate(
            [np.full(len(ranked[r].workers), r, dtype=np.int64) for r in open_requests]
            or [np.zeros(0, np.int64)]
        ),
        np.concatenate([ranked[r].workers for r in open_requests] or [np.zeros(0, np.int64)]),
        np.concatenate([ranked[r].steps for r in open_requests] or [np.zeros(0, np.int64)]),
    )


def _placements(edges: Edges, chosen: np.ndarray, explained: _Explainer) -> tuple[Placement, ...]:
    rows = sorted(
        (int(edges.request[i]), -int(edges.steps[i]), int(edges.worker[i])) for i in chosen.tolist()
    )
    placements = []
    for request, negative_steps, worker in rows:
        reasons = explained(request, worker).reasons
        placements.append(
            Placement(
                request_id=explained.requests[request].id,
                worker_id=explained.workers[worker].id,
                score=-negative_steps / SCORE_STEPS,
                reasons=tuple(r.en for r in reasons),
                reasons_zh=tuple(r.zh for r in reasons),
            )
        )
    return tuple(placements)


def _candidates(request: int, ranked: Ranked, top_n: int, explained: _Explainer) -> tuple[Candidate, ...]:
    result = []
    for worker, steps in zip(ranked.workers[:top_n].tolist(), ranked.steps[:top_n].tolist(), strict=True):
        reasons = explained(request, worker).reasons
        result.append(
            Candidate(
                worker_id=explained.workers[worker].id,
                score=steps / SCORE_STEPS,
                reasons=tuple(r.en for r in reasons),
                reasons_zh=tuple(r.zh for r in reasons),
            )
        )
    return tuple(result)


def _unfilled(
    request: Request, open_slots: int, ranked: Ranked, shortfall: Shortfall, total: int
) -> Unfilled:
    reason = unfilled_reason(request, ranked.eligible, shortfall, total)
    return Unfilled(request.id, open_slots, reason.en, reason.zh)
