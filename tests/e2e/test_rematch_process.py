"""A rematch solved in a process of its own (``[rematch] solver = "process"``, what `matchbot run`
does): the snapshot travels pickled, the plan is the one a thread would make, and the solver's
process is started by the first rematch and gone once the Application has stopped."""

from __future__ import annotations

import multiprocessing
import pickle

from bot.clock import Clock
from bot.placements.proposals import read_snapshot, solve
from bot.placements.rematcher import rematcher_of

from .chat import db_rows, db_write
from .conftest import DIRECTOR_ID, bot_settings, polling_sandbox
from .seeding import add_ngo, add_request, add_worker


async def test_a_rematch_in_its_own_process_proposes_what_a_thread_would_and_leaves_no_process(emulator, tmp_path):
    settings = bot_settings(emulator, tmp_path / "process.sqlite3", (DIRECTOR_ID,), rematch={"solver": "process"})
    async with polling_sandbox(emulator, settings, Clock()) as sandbox:
        services = sandbox.application.bot_data["services"]
        ngo = await add_ngo(services, 301, "阳光心理服务中心")
        await add_worker(services, 201, "王芳", years_experience=10)
        await add_worker(services, 202, "赵磊", years_experience=1)
        await add_request(services, ngo, "社区心理支持")
        await db_write(sandbox, "UPDATE workers SET status = 'verified'")
        await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
        async with services.database.transaction() as tx:
            snapshot = await read_snapshot(tx)
        assert pickle.loads(pickle.dumps(snapshot)) == snapshot
        in_thread = solve(snapshot, services.settings.matching)
        assert not multiprocessing.active_children()  # nothing started before the first rematch

        result = await rematcher_of(services).run()
        [solver] = multiprocessing.active_children()
        proposed = {(r["request_id"], r["worker_id"])
                    for r in db_rows(sandbox, "SELECT request_id, worker_id FROM placements WHERE status = 'proposed'")}
        assert proposed == {(int(p.request_id), int(p.worker_id)) for p in in_thread.new}
        assert result.proposed == len(in_thread.new) >= 1
        await rematcher_of(services).run()  # the same process solves again
        assert multiprocessing.active_children() == [solver]
    assert not solver.is_alive() and not multiprocessing.active_children()
