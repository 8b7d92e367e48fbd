"""Matching in the loop: keep the stored proposals in step with the live database.

Open proposals no longer valid are withdrawn. A valid proposal a director has been shown is
kept (the card they may be reading does not vanish) and counts against capacity. A valid
proposal nobody has seen yet is put back into play: the matcher solves again over it and the
open slots, keeps it if it is still part of the best assignment and withdraws it if a better
one appeared (a new worker verified, a profile or request edited). Decided rows are never
touched. The matcher itself runs in a worker thread, so the event loop keeps answering.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from bot.placements.convert import reasons_of, request_of, worker_of
from bot.services import Services
from bot.store import Database, Tx, audit, members, placements, requests
from bot.store.placements import FINAL_FOR_PAIR, HOLDING, Pair
from bot.store.transitions import transition
from matching import MatchSettings, Placement, Request, Worker, match, normalise_requests, normalise_workers
from matching.rules import failed_rules


@dataclass(frozen=True)
class Rematch:
    proposed: int
    withdrawn: int
    waiting: int


@dataclass(frozen=True)
class Snapshot:
    """What the matcher reads from the database, taken in one transaction."""

    workers: dict[str, Worker]
    posts: dict[str, Request]
    proposals: dict[Pair, int]         # open proposals, pair -> placement id
    unseen: frozenset[int]             # open proposals no director has been shown
    decided: frozenset[tuple[str, str]]  # pairs decided before or holding a place


@dataclass(frozen=True)
class Plan:
    """What one solve decided, to be written in one transaction."""

    invalid: tuple[int, ...]           # proposals that no longer pass the rules or fit
    displaced: tuple[int, ...]         # unseen proposals a better assignment replaces
    new: tuple[Placement, ...]
    waiting: int


async def read_snapshot(tx: Tx) -> Snapshot:
    holding_w = await placements.holding_per_worker(tx)
    holding_r = await placements.holding_per_request(tx)
    workers = {w.id: w for w in (worker_of(row, holding_w.get(row.id, 0))
                                 for row in await members.verified_workers(tx))}
    posts = {r.id: r for r in (request_of(row, holding_r.get(row.id, 0))
                               for row in await requests.matchable_requests(tx))}
    decided = await placements.pairs_with_status(tx, FINAL_FOR_PAIR + HOLDING)
    return Snapshot(workers, posts, await placements.proposals(tx),
                    frozenset(await placements.unseen_proposals(tx)),
                    frozenset((str(p.request_id), str(p.worker_id)) for p in decided))


def solve(snapshot: Snapshot, settings: MatchSettings) -> Plan:
    """The pure part of a rematch (no database): review the open proposals, solve over the
    unseen ones and the free places, and say what to withdraw and what to propose."""
    valid, invalid = _review(snapshot, settings)
    kept = {pair: pid for pair, pid in valid.items() if pid not in snapshot.unseen}
    per_worker = Counter(str(p.worker_id) for p in kept)
    per_request = Counter(str(p.request_id) for p in kept)
    result = match(
        [replace(w, live_placements=w.live_placements + per_worker[w.id]) for w in snapshot.workers.values()],
        [replace(r, filled=r.filled + per_request[r.id]) for r in snapshot.posts.values()],
        settings,
        excluded_pairs=snapshot.decided | {(str(p.request_id), str(p.worker_id)) for p in kept},
    )
    chosen = {Pair(int(p.request_id), int(p.worker_id)): p for p in result.placements}
    displaced = tuple(pid for pair, pid in valid.items() if pid in snapshot.unseen and pair not in chosen)
    new = tuple(p for pair, p in chosen.items() if pair not in valid)
    return Plan(tuple(invalid), displaced, new, len(kept) + len(chosen))


def read_and_solve(path: Path, busy_timeout_ms: int, settings: MatchSettings) -> tuple[int, Plan]:
    """The matching version and the plan solved over the inputs of that version, read on a
    connection of this process's own: what the rematch's solver process runs, so that neither
    the reading nor the solving holds the bot's event loop or its database lock (a read
    transaction never blocks the bot's writes under WAL)."""
    return asyncio.run(_read_and_solve(path, busy_timeout_ms, settings))


async def _read_and_solve(path: Path, busy_timeout_ms: int, settings: MatchSettings) -> tuple[int, Plan]:
    db = await Database.open(path, busy_timeout_ms=busy_timeout_ms)
    try:
        async with db.snapshot() as tx:
            version = await placements.matching_version(tx)
            snapshot = await read_snapshot(tx)
    finally:
        await db.close()
    return version, solve(snapshot, settings)


def _review(snapshot: Snapshot, settings: MatchSettings) -> tuple[dict[Pair, int], list[int]]:
    """Open proposals still eligible and within capacity (pair -> id), and the ids of the rest."""
    by_worker = {w.id: w for w in normalise_workers(list(snapshot.workers.values()), settings.fuzzy_cutoff)}
    by_request = {r.id: r for r in normalise_requests(list(snapshot.posts.values()), settings.fuzzy_cutoff)}
    valid: dict[Pair, int] = {}
    invalid: list[int] = []
    used_w: Counter[str] = Counter()
    used_r: Counter[str] = Counter()
    for pair, placement_id in sorted(snapshot.proposals.items(), key=lambda item: item[1]):
        worker, post = by_worker.get(str(pair.worker_id)), by_request.get(str(pair.request_id))
        if (worker is not None and post is not None and not failed_rules(worker, post, settings)
                and used_w[worker.id] < worker.max_placements - worker.live_placements
                and used_r[post.id] < post.open_slots):
            valid[pair] = placement_id
            used_w[worker.id] += 1
            used_r[post.id] += 1
        else:
            invalid.append(placement_id)
    return valid, invalid


async def apply(tx: Tx, plan: Plan, now: str) -> Rematch:
    """Write a plan: withdraw what it withdraws (only rows still open), insert what it proposes."""
    withdrawn = 0
    for placement_id in plan.invalid:
        withdrawn += await _withdraw(tx, placement_id, now, "no longer eligible")
    for placement_id in plan.displaced:
        withdrawn += await _withdraw(tx, placement_id, now, "a better assignment")
    for placement in plan.new:
        pair = Pair(int(placement.request_id), int(placement.worker_id))
        reasons = reasons_of(placement.reasons, placement.reasons_zh)
        placement_id = await placements.insert_proposal(tx, pair, placement.score, reasons, now)
        await audit.record(tx, actor=None, action="proposed", entity="placement", entity_id=placement_id, at=now,
                           old=None, new="proposed")
    return Rematch(len(plan.new), withdrawn, plan.waiting)


async def rematch(services: Services, tx: Tx, now: str) -> Rematch:
    """Withdraw proposals no longer valid, then propose for every open slot, all inside the
    caller's transaction (the database stays locked while the matcher solves in a thread).
    The bot's flows use :class:`~bot.placements.rematcher.Rematcher` instead, which solves
    outside the lock."""
    snapshot = await read_snapshot(tx)
    plan = await asyncio.to_thread(solve, snapshot, services.settings.matching)
    return await apply(tx, plan, now)


async def _withdraw(tx: Tx, placement_id: int, now: str, why: str) -> int:
    """Withdraw an open proposal; 1 if it was still open, else 0."""
    if not await transition(tx, "placement", placement_id, old="proposed", new="withdrawn", actor=None,
                            action="withdrawn", at=now, detail=why):
        return 0
    return 1
