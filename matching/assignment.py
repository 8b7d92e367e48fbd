"""Capacity-aware assignment: the most slots filled, then the highest total score.

A request has ``slots`` places, a worker ``capacity`` places, and a pair is used at most once.
``best_assignment`` solves this exactly on a given set of candidate edges, as a minimum-cost
full matching (``scipy.sparse.csgraph.min_weight_full_bipartite_matching``) on a graph where:

- each request slot is a row, and may take a "left open" column at a cost so high that
  filling one more slot always beats any gain in score;
- each candidate edge is a pair of nodes (``e_w`` a row, ``e_r`` a column): a request slot
  taking ``e_r`` means the placement is made, which forces ``e_w`` onto one of the worker's
  capacity columns; an unused edge pairs ``e_w`` with its own ``e_r``. This keeps a pair from
  being used twice, which a plain slot-by-slot expansion would allow.

``complete_assignment`` then proves the slot count is the maximum over *all* eligible pairs,
not only the candidate edges: it searches the full eligibility graph for augmenting paths
and, if it finds any, adds their edges and solves again.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from matching.scoring import SCORE_STEPS


@dataclass(frozen=True)
class Edges:
    """Candidate pairs as parallel arrays: request index, worker index, score in steps."""

    request: np.ndarray
    worker: np.ndarray
    steps: np.ndarray

    @staticmethod
    def of(pairs: list[tuple[int, int, int]]) -> Edges:
        """Edges from (request, worker, steps) tuples."""
        array = np.array(pairs, dtype=np.int64).reshape(-1, 3)
        return Edges(array[:, 0].copy(), array[:, 1].copy(), array[:, 2].copy())


def best_assignment(slots: np.ndarray, capacity: np.ndarray, edges: Edges) -> np.ndarray:
    """Indices of the chosen edges: most slots filled, then highest total score.

    ``slots[r]`` and ``capacity[w]`` are the free places of request r and worker w; edges must
    be distinct pairs. Ties are broken by the solver deterministically (same input, same output).
    """
    count = len(edges.request)
    if count == 0:
        return np.zeros(0, dtype=np.int64)
    slot_rows, slot_of = _expand(edges.request, slots)
    cap_cols, cap_of = _expand(edges.worker, capacity)
    n_slots, n_caps = len(slot_of), len(cap_of)
    edge_rows = n_slots + np.arange(count)  # e_w nodes
    edge_cols = n_caps + np.arange(count)  # e_r nodes
    open_cols = n_caps + count + np.arange(n_slots)
    # Filling one more slot must outweigh any change in the total score of the others.
    left_open = (n_slots + 1) * (SCORE_STEPS + 1) + 2
    take_rows, take_cols = _pairs_of_groups(slot_rows, edges.request, edge_cols)
    use_rows, use_cols = _pairs_of_groups(cap_cols, edges.worker, edge_rows, swap=True)
    rows = np.concatenate([take_rows, np.arange(n_slots), edge_rows, use_rows])
    cols = np.concatenate([take_cols, open_cols, edge_cols, use_cols])
    take_cost = SCORE_STEPS + 1 - edges.steps[take_cols - n_caps]
    cost = np.concatenate([take_cost, np.full(n_slots, left_open), np.zeros(count), np.zeros(len(use_rows))])
    # Every row is matched exactly once, so adding 1 everywhere keeps the optimum and avoids
    # explicit zeros in the sparse matrix.
    graph = csr_matrix(
        (cost.astype(np.float64) + 1.0, (rows, cols)), shape=(n_slots + count, n_caps + count + n_slots)
    )
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    taken = (matched_rows < n_slots) & (matched_cols >= n_caps) & (matched_cols < n_caps + count)
    return np.sort(matched_cols[taken] - n_caps)


def _expand(owner_of_edge: np.ndarray, places: np.ndarray) -> tuple[dict[int, np.ndarray], np.ndarray]:
    """Number the places of every owner that has edges (never more places than edges)."""
    owners, degree = np.unique(owner_of_edge, return_counts=True)
    counts = np.minimum(places[owners], degree).clip(min=0)
    owner_of_place = np.repeat(owners, counts)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return {
        int(owner): np.arange(start, start + n)
        for owner, start, n in zip(owners.tolist(), starts.tolist(), counts.tolist(), strict=True)
    }, owner_of_place


def _pairs_of_groups(
    places: dict[int, np.ndarray], owner_of_edge: np.ndarray, edge_nodes: np.ndarray, swap: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Every (place of the edge's owner, edge node) pair, as row and column arrays."""
    sizes = np.array([len(places[int(owner)]) for owner in owner_of_edge.tolist()], dtype=np.int64)
    place_nodes = np.concatenate(
        [places[int(owner)] for owner in owner_of_edge.tolist()] or [np.zeros(0, np.int64)]
    )
    edge_side = np.repeat(edge_nodes, sizes)
    return (edge_side, place_nodes) if swap else (place_nodes, edge_side)


Neighbours = Callable[[int], tuple[np.ndarray, np.ndarray]]


def complete_assignment(
    slots: np.ndarray, capacity: np.ndarray, edges: Edges, neighbours: Neighbours
) -> tuple[Edges, np.ndarray]:
    """``best_assignment`` on ``edges``, grown until no eligible pair could fill one more slot.

    ``neighbours(r)`` returns every eligible worker of request r and their score steps.
    Returns the final edges and the indices of the chosen ones. The slot count is then the
    maximum over the whole eligibility graph (no augmenting path is left); the total score is
    the best among assignments that use the final edges.
    """
    chosen = best_assignment(slots, capacity, edges)
    pairs = {(int(edges.request[i]), int(edges.worker[i])) for i in chosen.tolist()}
    extra = _augment_fully(slots, capacity, pairs, neighbours)
    if not extra:
        return edges, chosen
    known = set(zip(edges.request.tolist(), edges.worker.tolist(), strict=True))
    added = [pair for pair in extra if pair[:2] not in known]
    grown = Edges(
        np.concatenate([edges.request, [p[0] for p in added]]).astype(np.int64),
        np.concatenate([edges.worker, [p[1] for p in added]]).astype(np.int64),
        np.concatenate([edges.steps, [p[2] for p in added]]).astype(np.int64),
    )
    return grown, best_assignment(slots, capacity, grown)


def _augment_fully(
    slots: np.ndarray, capacity: np.ndarray, pairs: set[tuple[int, int]], neighbours: Neighbours
) -> list[tuple[int, int, int]]:
    """Apply augmenting paths to ``pairs`` until none is left; return the edges they used."""
    state = _Residual(slots, capacity, pairs)
    used: list[tuple[int, int, int]] = []
    while True:
        sources = state.open_requests()
        path = _augmenting_path(sources, neighbours, state) if sources else None
        if path is None:
            return used
        state.apply(path)
        used.extend((request, worker, steps) for request, worker, steps, add in path if add)


class _Residual:
    """The assignment being augmented: who holds whom, and every free place."""

    def __init__(self, slots: np.ndarray, capacity: np.ndarray, pairs: set[tuple[int, int]]) -> None:
        self.slots = slots
        self.capacity = capacity
        self.filled = np.zeros(len(slots), dtype=np.int64)
        self.load = np.zeros(len(capacity), dtype=np.int64)
        self.held_by: dict[int, set[int]] = {}  # worker -> requests
        self.holds: dict[int, set[int]] = {}  # request -> workers
        for request, worker in sorted(pairs):
            self._link(request, worker)
            self.filled[request] += 1
            self.load[worker] += 1

    def open_requests(self) -> list[int]:
        return np.flatnonzero(self.filled < self.slots).tolist()

    def _link(self, request: int, worker: int) -> None:
        self.held_by.setdefault(worker, set()).add(request)
        self.holds.setdefault(request, set()).add(worker)

    def apply(self, path: list[tuple[int, int, int, bool]]) -> None:
        for request, worker, _steps, add in path:
            if add:
                self._link(request, worker)
            else:
                self.held_by[worker].discard(request)
                self.holds[request].discard(worker)
        self.filled[path[-1][0]] += 1
        self.load[path[0][1]] += 1


def _augmenting_path(
    sources: list[int], neighbours: Neighbours, state: _Residual
) -> list[tuple[int, int, int, bool]] | None:
    """Breadth-first search from every open request to a worker with a free place.

    Returns the path as (request, worker, steps, add?) from the free worker back to the open
    request: pairs walked forwards are added, pairs walked backwards are removed. Each request
    is expanded once, with its eligible workers handled as arrays.
    """
    came_to_request: dict[int, int | None] = dict.fromkeys(sources)
    came_to_worker: dict[int, tuple[int, int]] = {}
    reached = np.zeros(len(state.capacity), dtype=bool)
    queue = deque(sources)
    while queue:
        request = queue.popleft()
        workers, steps = neighbours(request)
        fresh = ~reached[workers]
        held = state.holds.get(request)
        if held:
            fresh &= ~np.isin(workers, np.fromiter(held, dtype=np.int64))
        workers, steps = workers[fresh], steps[fresh]
        if not len(workers):
            continue
        reached[workers] = True
        free = np.flatnonzero(state.load[workers] < state.capacity[workers])
        if len(free):
            worker = int(workers[free[0]])
            came_to_worker[worker] = (request, int(steps[free[0]]))
            return _trace(worker, came_to_request, came_to_worker)
        for worker, score in zip(workers.tolist(), steps.tolist(), strict=True):
            came_to_worker[worker] = (request, score)
            for holder in sorted(state.held_by.get(worker, ())):
                if holder not in came_to_request:
                    came_to_request[holder] = worker
                    queue.append(holder)
    return None


def _trace(
    worker: int,
    came_to_request: dict[int, int | None],
    came_to_worker: dict[int, tuple[int, int]],
) -> list[tuple[int, int, int, bool]]:
    path: list[tuple[int, int, int, bool]] = []
    current: int | None = worker
    while current is not None:
        request, steps = came_to_worker[current]
        path.append((request, current, steps, True))
        previous = came_to_request[request]
        if previous is not None:
            path.append((request, previous, 0, False))
        current = previous
    return path
