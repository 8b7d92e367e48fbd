"""A straightforward pure-Python matcher, the yardstick for ``matching.match``.

Per-string ``process.extractOne`` for normalisation, then the scalar hard rules and score on
every (request, worker) pair in Python loops, then each request's best candidates. It shares
only the exact solver (``best_assignment``) with the engine: a pure-Python optimal solver
would measure the solver, not the approach.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

from matching import MatchSettings, Request, Worker, entries
from matching.assignment import Edges, best_assignment
from matching.rules import is_eligible
from matching.scoring import SCORE_STEPS, score_pair
from matching.text import fold, split_items


class _Lookup:
    def __init__(self, kind: str) -> None:
        self.forms: list[str] = []
        self.ids: list[str] = []
        for term in entries(kind):
            for form in (term.id, term.en, term.zh, *term.synonyms):
                self.forms.append(fold(form))
                self.ids.append(term.id)

    def values(self, texts: Sequence[str], cutoff: float) -> tuple[str, ...]:
        found: list[str] = []
        for text in texts:
            for item in split_items(text):
                best = process.extractOne(
                    fold(item),
                    self.forms,
                    scorer=fuzz.WRatio,
                    processor=utils.default_process,
                    score_cutoff=cutoff,
                )
                value = self.ids[best[2]] if best else item
                if value not in found:
                    found.append(value)
        return tuple(found)


def baseline_match(
    workers: Sequence[Worker], requests: Sequence[Request], settings: MatchSettings
) -> list[tuple[str, str, float]]:
    """(request_id, worker_id, score) placements."""
    cutoff = settings.fuzzy_cutoff
    kinds = {kind: _Lookup(kind) for kind in ("skill", "field", "district", "language")}

    def one(kind: str, text: str) -> str:
        values = kinds[kind].values([text], cutoff)
        return values[0] if values else ""

    people = [
        dataclasses.replace(
            w,
            skills=kinds["skill"].values(w.skills, cutoff),
            fields=kinds["field"].values(w.fields, cutoff),
            district=one("district", w.district),
            languages=kinds["language"].values(w.languages, cutoff),
        )
        for w in workers
    ]
    posts = [
        dataclasses.replace(
            r,
            skills=kinds["skill"].values(r.skills, cutoff),
            field=one("field", r.field),
            district=one("district", r.district),
            languages=kinds["language"].values(r.languages, cutoff),
        )
        for r in requests
    ]
    depth = max(settings.candidate_depth, settings.top_n)
    pairs = []
    for r, post in enumerate(posts):
        scored = []
        for w, person in enumerate(people):
            if is_eligible(person, post, settings):
                scored.append((-round(score_pair(person, post, settings).score * SCORE_STEPS), w))
        pairs.extend((r, w, -negative) for negative, w in sorted(scored)[:depth])
    slots = np.array([r.open_slots for r in posts], dtype=np.int64)
    capacity = np.array([max(w.max_placements - w.live_placements, 0) for w in people])
    edges = Edges.of(pairs)
    chosen = best_assignment(slots, capacity, edges)
    return [
        (posts[edges.request[i]].id, people[edges.worker[i]].id, edges.steps[i] / SCORE_STEPS)
        for i in chosen.tolist()
    ]
