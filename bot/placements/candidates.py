"""Other candidates for a request: every eligible verified worker, best first."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from bot.placements.convert import request_of, worker_of
from bot.services import Services
from bot.store import Tx, members, placements, requests
from matching import match


async def candidates_for(services: Services, tx: Tx, request_id: int) -> list[tuple[int, str, float]]:
    """(worker id, name, score) of the request's top candidates, ignoring its current headcount."""
    row = await requests.request_by_id(tx, request_id)
    if row is None:
        return []
    holding = await placements.counts_holding(tx, "worker_id")
    rows = await members.verified_workers(tx)
    names = {str(r["id"]): r["name"] for r in rows}
    workers = [worker_of(r, holding.get(r["id"], 0)) for r in rows]
    post = replace(request_of(row, 0), headcount=max(row["headcount"], 1))
    result = await asyncio.to_thread(match, workers, [post], services.settings.matching)
    return [(int(c.worker_id), names[c.worker_id], c.score) for c in result.candidates.get(str(request_id), ())]
