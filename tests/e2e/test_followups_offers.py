"""An offer nobody answers: a reminder after 48 hours, then after 7 days it expires and the next
candidate is proposed; an answered offer gets no reminder."""

from __future__ import annotations

from datetime import timedelta

from . import followups_kit as kit
from .chat import CHAT_OF_RECIPIENT, opening, plain
from .followups_kit import (
    count_in,
    offered_placement,
    passes,
    rows,
    seen,
    until,
)

TITLE = "社区心理支持"

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use


def status_of(sandbox, placement_id: int) -> str:
    return rows(sandbox, "SELECT status FROM placements WHERE id = ?", placement_id)[0]["status"]


async def test_an_unanswered_offer_is_reminded_then_expires_and_the_next_candidate_is_proposed(fu_bot, day_clock):
    cycle = await offered_placement(fu_bot)
    day_clock.advance(timedelta(hours=47))
    await passes(fu_bot)
    assert count_in(cycle.worker, opening("zh", "followups.offer_reminder_worker")) == 0

    day_clock.advance(timedelta(hours=1, minutes=1))
    worker_name = rows(fu_bot, "SELECT w.name FROM placements p JOIN workers w ON w.id = p.worker_id "
                               "WHERE p.id = ?", cycle.placement_id)[0]["name"]
    for side, names in ((cycle.worker, ("worker", "阳光心理服务中心")), (cycle.ngo, ("ngo", worker_name))):
        [reminder] = await seen(side, opening("zh", f"followups.offer_reminder_{names[0]}"))
        assert TITLE in reminder.text and names[1] in reminder.text  # who, and for what
        assert f"o:acc:{cycle.placement_id}" in reminder.callback_data  # the offer's buttons again
    assert status_of(fu_bot, cycle.placement_id) == "offered"

    waiting = plain("en", "queue.proposals_waiting", new=1, count=1)
    count_before = count_in(cycle.director, waiting)
    day_clock.advance(timedelta(days=5, hours=23))
    await until(lambda: status_of(fu_bot, cycle.placement_id) == "expired", "the offer to expire")
    for side in (cycle.worker, cycle.ngo):
        await seen(side, plain("zh", "offer.expired", title=TITLE, ngo="阳光心理服务中心"))
    told = await seen(cycle.director, opening("en", "followups.offer_expired_director"))
    assert plain("en", "followups.offer_expired_no_next") in told[0].text  # the rematch is under way
    await seen(cycle.director, waiting, count=count_before + 1)  # the next candidate, once matched
    [following] = rows(fu_bot, "SELECT worker_id FROM placements WHERE status = 'proposed'")
    assert following["worker_id"] != rows(fu_bot, "SELECT worker_id FROM placements WHERE id = ?",
                                          cycle.placement_id)[0]["worker_id"]
    audit = rows(fu_bot, "SELECT count(*) AS n FROM audit_log WHERE action = 'expired' AND entity_id = ?",
                 cycle.placement_id)
    assert audit[0]["n"] == 1

    await passes(fu_bot, 3)  # nothing happens twice
    assert count_in(cycle.worker, opening("zh", "followups.offer_reminder_worker")) == 1
    assert count_in(cycle.director, opening("en", "followups.offer_expired_director")) == 1


async def test_whoever_answered_gets_no_reminder_and_an_accepted_offer_never_expires(fu_bot, day_clock):
    cycle = await offered_placement(fu_bot)
    await cycle.ngo.press(f"o:acc:{cycle.placement_id}")
    await seen(cycle.ngo, plain("zh", "offer.accepted_waiting"))
    day_clock.advance(timedelta(hours=48, minutes=1))
    await seen(cycle.worker, opening("zh", "followups.offer_reminder_worker"))
    await passes(fu_bot)
    assert count_in(cycle.ngo, opening("zh", "followups.offer_reminder_worker")) == 0

    await cycle.worker.press(f"o:acc:{cycle.placement_id}")
    await until(lambda: status_of(fu_bot, cycle.placement_id) == "active", "the placement to start")
    day_clock.advance(timedelta(days=6))
    await passes(fu_bot)
    assert status_of(fu_bot, cycle.placement_id) == "active"
    offer_rows = rows(fu_bot, "SELECT kind, status FROM followups WHERE kind IN ('offer_reminder', 'offer_expiry') "
                              f"ORDER BY kind, {CHAT_OF_RECIPIENT}")
    assert [(r["kind"], r["status"]) for r in offer_rows] == [
        ("offer_expiry", "cancelled"), ("offer_reminder", "sent"), ("offer_reminder", "cancelled")]
