"""One count means one thing: /stats, the /export caption and the daily digest agree on how many
placements there are (both sides accepted) and how many proposals wait, on the same data."""

from __future__ import annotations

from datetime import timedelta

from . import followups_kit as kit
from .chat import db_write, opening, plain
from .followups_kit import active_placement, local_now, move_to_local, rows, seen, services
from .seeding import add_request, add_worker

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use


async def test_stats_export_and_digest_count_placements_and_proposals_alike(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)                    # one placement, active
    s = services(fu_bot)
    await add_request(s, cycle.ids["sun"], "青少年小组辅导")        # a second request ...
    await add_worker(s, 205, "陈晨")                           # ... and one more counsellor
    await db_write(fu_bot, "UPDATE workers SET status = 'verified'")
    await cycle.director.send("/match")
    await seen(cycle.director, opening("en", "queue.match_done"), count=2)  # the first was the setup's
    by_status = {r["status"]: r["n"] for r in rows(fu_bot, "SELECT status, count(*) AS n FROM placements GROUP BY 1")}
    assert by_status == {"active": 1, "proposed": 1}           # two rows, only one of them a placement

    await cycle.director.send("/stats")
    [report] = await seen(cycle.director, plain("en", "stats.header"))
    assert plain("en", "stats.placements", active=1, completed=0, cancelled=0, proposed=1, offered=0) in report.text
    assert plain("en", "stats.fill_rate", asked=2, filled=1, percent=50) in report.text

    await cycle.director.send("/export")
    sent = await cycle.director.wait_until(lambda chat: any(m.document for m in chat), "the export")
    caption = next(m for m in sent if m.document).text
    assert "1 placement (1 active)" in caption and "2 proposal and placement rows in all" in caption

    move_to_local(day_clock, 9, 1)
    day_clock.advance(timedelta(seconds=1))
    [digest] = await seen(cycle.director, plain("en", "followups.digest_header",
                                                date=local_now(fu_bot).date().isoformat()))
    assert plain("en", "followups.digest_counts", members=0, proposals=1, offers=0, active=1) in digest.text
