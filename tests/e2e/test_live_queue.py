"""The queue stays right: a proposal nobody has looked at gives way to a better worker; one a
director has been shown stays put, and its card says that someone now scores higher."""

from __future__ import annotations

import asyncio
import re
import threading

from .chat import db_write, expect, open_queue, plain
from .conftest import DIRECTORS
from .seeding import add_ngo, add_request, add_worker
from .test_placement_cycle import db


async def first_proposal_for_a_weaker_worker(sandbox):
    """赵磊 (one year's experience) proposed for the only counselling request."""
    s = sandbox.application.bot_data["services"]
    await add_worker(s, 202, "赵磊", years_experience=1)
    ngo = await add_ngo(s, 301, "阳光心理服务中心")
    await add_request(s, ngo, "社区心理支持")
    await db_write(sandbox, "UPDATE workers SET status = 'verified'")
    await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
    director = sandbox.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/match")
    await expect(director, plain("en", "queue.match_done", new=1, withdrawn=0), within=2)
    return director


async def a_stronger_worker_is_verified(sandbox) -> None:
    s = sandbox.application.bot_data["services"]
    await add_worker(s, 201, "王芳", years_experience=10)
    await db_write(sandbox, "UPDATE workers SET status = 'verified'")


def proposed_names(sandbox) -> list[str]:
    rows = db(sandbox, "SELECT w.name FROM placements p JOIN workers w ON w.id = p.worker_id "
                       "WHERE p.status = 'proposed'")
    return [row["name"] for row in rows]


async def test_a_proposal_no_director_has_seen_gives_way_to_a_better_worker(cycle):
    director = await first_proposal_for_a_weaker_worker(cycle)
    await a_stronger_worker_is_verified(cycle)
    await director.send("/match")
    await expect(director, plain("en", "queue.match_done", new=1, withdrawn=1), within=2)
    assert proposed_names(cycle) == ["王芳"]
    [withdrawn] = db(cycle, "SELECT detail FROM audit_log WHERE action = 'withdrawn'")
    assert withdrawn["detail"] == "a better assignment"


async def test_a_proposal_a_director_was_shown_stays_and_its_card_names_the_better_worker(cycle):
    director = await first_proposal_for_a_weaker_worker(cycle)
    card = await open_queue(director, "赵磊")
    assert "scores higher" not in card.text
    await a_stronger_worker_is_verified(cycle)
    await director.send("/match")
    await expect(director, plain("en", "queue.match_done", new=0, withdrawn=0), within=2)
    assert proposed_names(cycle) == ["赵磊"]
    card = await open_queue(director, "赵磊")
    proposed = int(re.search(r"score (\d+)%", card.text).group(1))
    better = re.search(r"Someone now scores higher for this request: 王芳 \((\d+)%\)", card.text)
    assert better and int(better.group(1)) > proposed


class GatedSolver:
    """The real solver, held at a gate: a test can act while a rematch is mid-solve."""

    def __init__(self, solve) -> None:
        self._solve, self.calls = solve, 0
        self.entered, self.release = threading.Event(), threading.Event()

    def __call__(self, snapshot, settings):
        self.calls += 1
        self.entered.set()
        assert self.release.wait(30), "the test never opened the gate"
        return self._solve(snapshot, settings)


async def test_a_rematch_solves_off_the_database_lock_and_solves_again_when_its_snapshot_went_stale(
        cycle, monkeypatch):
    from bot.placements import rematcher

    director = await first_proposal_for_a_weaker_worker(cycle)
    gate = GatedSolver(rematcher.solve)
    monkeypatch.setattr(rematcher, "solve", gate)
    await director.send("/match")
    assert await asyncio.to_thread(gate.entered.wait, 10)
    # Mid-solve: a newcomer is answered and a write commits; neither waits for the matcher.
    newcomer = cycle.user(777, "Newcomer", lang="en")
    await newcomer.send("/start")
    await expect(newcomer, plain("en", "start.ask_role"), within=2)
    await a_stronger_worker_is_verified(cycle)
    assert proposed_names(cycle) == ["赵磊"]  # nothing applied yet
    gate.release.set()
    await expect(director, plain("en", "queue.match_done", new=1, withdrawn=1), within=2)
    assert gate.calls == 2  # the first solve read a snapshot without 王芳: thrown away, solved again
    assert proposed_names(cycle) == ["王芳"]
