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

from bot.forms.model import Notice, Reply
from bot.placements.common import to_directors
from bot.placements.convert import reasons_of, request_of, worker_of
from bot.services import Services
from bot.store import Tx, audit, members, placements, requests
from bot.store.placements import FINAL_FOR_PAIR, HOLDING, Pair
from bot.texts import t
from matching import MatchSettings, Request, Worker, match, normalise_requests, normalise_workers
from matching.rules import failed_rules


@dataclass(frozen=True)
class Rematch:
    proposed: int
    withdrawn: int
    waiting: int


async def rematch(services: Services, tx: Tx, now: str) -> Rematch:
    """Withdraw proposals no longer valid, then propose for every open slot."""
    settings = services.settings.matching
    holding_w = await placements.counts_holding(tx, "worker_id")
    holding_r = await placements.counts_holding(tx, "request_id")
    workers = {w.id: w for w in (worker_of(row, holding_w.get(row["id"], 0))
                                 for row in await members.verified_workers(tx))}
    posts = {r.id: r for r in (request_of(row, holding_r.get(row["id"], 0))
                               for row in await requests.matchable_requests(tx))}
    valid, withdrawn = await _review_proposals(tx, workers, posts, settings, now)
    unseen = await placements.unseen_proposals(tx)
    kept = {pair: pid for pair, pid in valid.items() if pid not in unseen}
    per_worker = Counter(str(p.worker_id) for p in kept)
    per_request = Counter(str(p.request_id) for p in kept)
    result = await asyncio.to_thread(
        match,
        [replace(w, live_placements=w.live_placements + per_worker[w.id]) for w in workers.values()],
        [replace(r, filled=r.filled + per_request[r.id]) for r in posts.values()],
        settings,
        excluded_pairs=await _excluded(tx, set(kept)),
    )
    chosen = {Pair(int(p.request_id), int(p.worker_id)): p for p in result.placements}
    for pair, placement_id in valid.items():
        if placement_id in unseen and pair not in chosen:
            withdrawn += await _withdraw(tx, placement_id, now, "a better assignment")
    proposed = 0
    for pair, placement in chosen.items():
        if pair not in valid:
            reasons = reasons_of(placement.reasons, placement.reasons_zh)
            placement_id = await placements.insert_proposal(tx, pair, placement.score, reasons, now)
            await audit.record(tx, None, "proposed", "placement", placement_id, now, None, "proposed")
            proposed += 1
    return Rematch(proposed, withdrawn, len(kept) + len(chosen))


async def _review_proposals(tx: Tx, workers: dict[str, Worker], posts: dict[str, Request],
                            settings: MatchSettings, now: str) -> tuple[dict[Pair, int], int]:
    """Proposals still eligible and within capacity (pair -> id); the rest are withdrawn."""
    by_worker = {w.id: w for w in normalise_workers(list(workers.values()), settings.fuzzy_cutoff)}
    by_request = {r.id: r for r in normalise_requests(list(posts.values()), settings.fuzzy_cutoff)}
    kept: dict[Pair, int] = {}
    used_w: Counter[str] = Counter()
    used_r: Counter[str] = Counter()
    withdrawn = 0
    for pair, placement_id in sorted((await placements.proposals(tx)).items(), key=lambda item: item[1]):
        worker, post = by_worker.get(str(pair.worker_id)), by_request.get(str(pair.request_id))
        if (worker is not None and post is not None and not failed_rules(worker, post, settings)
                and used_w[worker.id] < worker.max_placements - worker.live_placements
                and used_r[post.id] < post.open_slots):
            kept[pair] = placement_id
            used_w[worker.id] += 1
            used_r[post.id] += 1
        else:
            withdrawn += await _withdraw(tx, placement_id, now, "no longer eligible")
    return kept, withdrawn


async def _withdraw(tx: Tx, placement_id: int, now: str, why: str) -> int:
    """Withdraw an open proposal; 1 if it was still open, else 0."""
    if not await placements.move(tx, placement_id, "proposed", "withdrawn", now):
        return 0
    await audit.record(tx, None, "withdrawn", "placement", placement_id, now, "proposed", "withdrawn", why)
    return 1


async def _excluded(tx: Tx, kept: set[Pair]) -> set[tuple[str, str]]:
    """Pairs never to propose now: decided before, holding a place, or already proposed."""
    pairs = await placements.pairs_with_status(tx, FINAL_FOR_PAIR + HOLDING)
    return {(str(p.request_id), str(p.worker_id)) for p in pairs | kept}


async def rematch_and_tell(services: Services, tx: Tx, now: str) -> list[Notice]:
    """Rematch; when new proposals appeared, tell every director how many wait in /queue."""
    outcome = await rematch(services, tx, now)
    if not outcome.proposed:
        return []
    return await to_directors(
        services, tx,
        lambda lang: Reply(t(lang, "queue.proposals_waiting", new=outcome.proposed, count=outcome.waiting)))
