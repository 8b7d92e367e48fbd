"""Candidates for a request: every eligible verified worker, best first, with the reasons."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace

from bot.placements.convert import reasons_of, request_of, worker_of
from bot.services import Services
from bot.store import Tx, members, placements, requests
from bot.store.placements import FINAL_FOR_PAIR, HOLDING
from matching import match


@dataclass(frozen=True)
class Ranked:
    """One candidate as a director sees it."""

    worker_id: int
    name: str
    score: float
    reasons: list[dict[str, str]]  # bilingual, as stored on a placement


async def candidates_for(services: Services, tx: Tx, request_id: int, *,
                         choosable: bool = False) -> list[Ranked]:
    """The request's top candidates, ignoring its current headcount. ``choosable`` leaves out
    workers already decided for it (rejected, declined...) or holding a place on it."""
    row = await requests.request_by_id(tx, request_id)
    if row is None:
        return []
    holding = await placements.holding_per_worker(tx)
    rows = await members.verified_workers(tx)
    names = {str(r.id): r.name for r in rows}
    workers = [worker_of(r, holding.get(r.id, 0)) for r in rows]
    post = replace(request_of(row, 0), headcount=max(row.headcount, 1))
    excluded = set()
    if choosable:
        excluded = {(str(p.request_id), str(p.worker_id))
                    for p in await placements.pairs_with_status(tx, FINAL_FOR_PAIR + HOLDING)
                    if p.request_id == request_id}
    result = await asyncio.to_thread(match, workers, [post], services.settings.matching,
                                     excluded_pairs=excluded)
    return [Ranked(int(c.worker_id), names[c.worker_id], c.score, reasons_of(c.reasons, c.reasons_zh))
            for c in result.candidates.get(str(request_id), ())]
