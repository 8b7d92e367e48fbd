"""Who may do what: forged, replayed and concurrent presses change nothing, or exactly one thing."""

from __future__ import annotations

from datetime import timedelta

from bot.texts import t

from .chat import ACCOUNT, db_write, expect, matching_settled, plain
from .conftest import DIRECTORS
from .followups_kit import until
from .seeding import add_ngo, add_request, add_worker
from .test_placement_cycle import db


async def verified_pair(sandbox) -> dict[str, int]:
    """Two verified counsellors, one verified NGO with one counselling request, matched by /match."""
    s = sandbox.application.bot_data["services"]
    ids = {"wang": await add_worker(s, 201, "王芳"),
           "zhao": await add_worker(s, 202, "赵磊", years_experience=1),
           "sun": await add_ngo(s, 301, "阳光心理服务中心")}
    ids["request"] = await add_request(s, ids["sun"], "社区心理支持")
    await db_write(sandbox, "UPDATE workers SET status = 'verified'")
    await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
    director = sandbox.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/match")
    await expect(director, plain("en", "queue.match_done", new=1, withdrawn=0), within=2)
    [proposal] = db(sandbox, "SELECT id, worker_id FROM placements WHERE status = 'proposed'")
    ids["proposal"], ids["proposed_worker"] = proposal["id"], proposal["worker_id"]
    return ids


def notices_of_proposals(chat) -> int:
    """How many "1 new proposal waits in /queue" notices a director's chat holds."""
    return sum(1 for m in chat if m.from_bot and m.text == plain("en", "queue.proposals_waiting", new=1, count=1))


def audit_count(sandbox, action: str) -> int:
    return db(sandbox, "SELECT count(*) AS n FROM audit_log WHERE action = ?", action)[0]["n"]


async def test_a_non_director_forging_director_buttons_is_refused_and_nothing_changes(cycle):
    ids = await verified_pair(cycle)
    mallory = cycle.user(666, "Mallory", lang="en")
    await mallory.send("/start")
    await mallory.next_message()
    for data in (f"q:ok:{ids['proposal']}", f"q:no:{ids['proposal']}", f"v:ok:w:{ids['wang']}",
                 f"v:no:n:{ids['sun']}", f"pl:end:{ids['proposal']}"):
        answered = await mallory.callback_answer(await mallory.forge_callback(data))
        assert answered.answer_text in (t("en", "alerts.not_allowed"), t("en", "alerts.old_button")), data
    assert db(cycle, "SELECT status FROM placements")[0]["status"] == "proposed"
    assert audit_count(cycle, "approved") == 0 and audit_count(cycle, "rejected") == 0
    await mallory.send("/queue")
    await expect(mallory, plain("en", "guidance.wrong_role", command="queue", who=t("en", "guidance.who.director"),
                                does=t("en", "guidance.does.queue")))


async def test_two_directors_approving_at_the_same_moment_record_exactly_one_decision(cycle):
    ids = await verified_pair(cycle)
    chen, ma = cycle.user(DIRECTORS[0], "Director Chen", lang="en"), cycle.user(DIRECTORS[1], "Director Ma")
    await ma.send("/start")
    await ma.next_message()
    # Both presses are queued before the bot's next getUpdates: one batch, handled concurrently.
    first = await chen.forge_callback(f"q:ok:{ids['proposal']}")
    second = await ma.forge_callback(f"q:ok:{ids['proposal']}")
    answers = [await chen.callback_answer(first), await ma.callback_answer(second)]
    refused = [a for a in answers if a.answer_text and a.answer_text.startswith("Already decided by")]
    assert len(refused) == 1
    assert audit_count(cycle, "approved") == 1
    assert db(cycle, "SELECT status FROM placements")[0]["status"] == "offered"


async def test_pressing_approve_twice_offers_once(cycle):
    ids = await verified_pair(cycle)
    chen = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    first = await chen.forge_callback(f"q:ok:{ids['proposal']}")
    await chen.callback_answer(first)
    again = await chen.callback_answer(await chen.forge_callback(f"q:ok:{ids['proposal']}"))
    assert again.answer_text.startswith("Already decided by Director Chen at ")
    assert audit_count(cycle, "approved") == 1
    worker = cycle.user(200 + ids["proposed_worker"], "worker", lang="zh")
    offers = [m for m in worker.transcript() if m.from_bot and "o:acc:" in "".join(m.callback_data or ())]
    assert len(offers) <= 1


async def test_a_rejection_stores_its_structured_reason_and_proposes_the_next_candidate(cycle):
    ids = await verified_pair(cycle)
    chen = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    await chen.callback_answer(await chen.forge_callback(f"q:no:{ids['proposal']}"))
    await expect(chen, plain("en", "queue.ask_reject_reason"), within=3)
    await chen.press(t("en", "queue.reject_reasons.experience"))
    await expect(chen, plain("en", "queue.ask_reject_note"))
    await chen.send("needs more group work")
    await expect(chen, plain("en", "queue.rejected_done"), within=3)
    await matching_settled(cycle)  # the rematch the rejection asked for
    rejected = db(cycle, "SELECT * FROM placements WHERE id = ?", ids["proposal"])[0]
    assert rejected["status"] == "rejected" and rejected["reject_reason"] == "experience"
    assert rejected["reject_note"] == "needs more group work"
    [following] = db(cycle, "SELECT worker_id FROM placements WHERE status = 'proposed'")
    assert following["worker_id"] != ids["proposed_worker"]
    # One notice per rematch that proposed someone: the first /match, and this one.
    await chen.wait_until(lambda chat: notices_of_proposals(chat) == 2, "the next proposal's notice")
    worker_chat = cycle.user(200 + ids["proposed_worker"], "worker", lang="zh")
    assert not any("group work" in m.text for m in worker_chat.transcript())


async def test_the_reject_reason_steps_have_back_and_cancel_and_cancel_changes_nothing(cycle):
    ids = await verified_pair(cycle)
    chen = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    await chen.callback_answer(await chen.forge_callback(f"q:no:{ids['proposal']}"))
    question = await expect(chen, plain("en", "queue.ask_reject_reason"), within=3)
    assert t("en", "common.buttons.cancel") in question.buttons
    await chen.press(t("en", "queue.reject_reasons.skills"))
    note = await expect(chen, plain("en", "queue.ask_reject_note"))
    assert {t("en", "common.buttons.back"), t("en", "common.buttons.cancel")} <= set(note.buttons)
    await chen.press(t("en", "common.buttons.back"))
    await expect(chen, plain("en", "queue.ask_reject_reason"))
    await chen.press(t("en", "common.buttons.cancel"))
    await expect(chen, plain("en", "cancel.decision_dropped"))
    assert db(cycle, "SELECT status FROM placements WHERE id = ?", ids["proposal"])[0]["status"] == "proposed"
    assert db(cycle, "SELECT count(*) AS n FROM drafts")[0]["n"] == 0


async def test_an_offer_for_a_closed_request_is_withdrawn_and_its_holder_told(cycle):
    ids = await verified_pair(cycle)
    chen = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    holder = cycle.user(200 + ids["proposed_worker"], "worker", lang="zh")
    sun = cycle.user(301, "孙主任", lang="zh")
    await chen.callback_answer(await chen.forge_callback(f"q:ok:{ids['proposal']}"))
    await expect(holder, "社区心理支持")
    await sun.next_message()  # the NGO's side of the offer
    await sun.callback_answer(await sun.forge_callback(f"rq:yes:{ids['request']}"))
    await expect(holder, plain("zh", "offer.withdrawn", title="社区心理支持"))
    late = await holder.callback_answer(await holder.forge_callback(f"o:acc:{ids['proposal']}"))
    assert late.answer_text == t("zh", "alerts.expired")
    assert db(cycle, "SELECT status FROM placements")[0]["status"] == "withdrawn"


async def test_rejecting_a_member_asks_a_reason_which_the_member_receives(cycle):
    s = cycle.application.bot_data["services"]
    worker_id = await add_worker(s, 205, "钱多多")
    chen = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    qian = cycle.user(205, "钱多多", lang="zh")
    await chen.send("/members")
    card = await expect(chen, "钱多多", within=3)
    await chen.press(next(d for d in card.callback_data if d.startswith("v:no:")))
    await expect(chen, plain("en", "verify.ask_reason", name="钱多多"))
    await chen.send("请补充社工证书编号")
    await expect(chen, plain("en", "verify.rejected_done", name="钱多多"))
    told = await expect(qian, "请补充社工证书编号")
    assert told
    row = db(cycle, "SELECT status, status_reason FROM workers WHERE id = ?", worker_id)[0]
    assert (row["status"], row["status_reason"]) == ("rejected", "请补充社工证书编号")
    again = await chen.callback_answer(await chen.forge_callback(f"v:ok:w:{worker_id}"))
    assert again.answer_text.startswith("Already decided by Director Chen")


async def test_garbled_ids_in_director_and_offer_buttons_get_the_old_button_alert(cycle):
    chen = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    await chen.send("/start")
    await chen.next_message()
    for data in ("q:ok:²", "q:ok:" + "9" * 40, "v:ok:w:-1", "o:acc:x", "pl:end:", "q:zz:1", "v:ok:q:1"):
        answered = await chen.callback_answer(await chen.forge_callback(data))
        assert answered.answer_text == t("en", "alerts.old_button"), data
    assert audit_count(cycle, "approved") == 0
    assert not any("Sorry" in m.text for m in chen.transcript() if m.from_bot)


async def test_an_offer_telegram_fails_to_take_is_sent_again_and_arrives_once(cycle):
    """Offers and other news go through the outbox: a 502 is retried after a pause, not lost."""
    ids = await verified_pair(cycle)
    chen = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    holder = cycle.user(200 + ids["proposed_worker"], "worker", lang="zh")
    cycle.emulator.state.faults.server_error("sendMessage", chat_id=holder.id, times=1)
    await chen.callback_answer(await chen.forge_callback(f"q:ok:{ids['proposal']}"))
    await expect(chen, "Approved", within=3)
    await until(lambda: cycle.emulator.state.faults.hits, "the offer to meet the 502")
    await until(lambda: db(cycle, f"SELECT 1 FROM followups WHERE recipient = {ACCOUNT} AND kind = 'notice' "
                                  "AND status = 'pending' AND attempts = 1", holder.id), "a retry to be planned")
    cycle.application.bot_data["services"].clock.advance(timedelta(minutes=1))  # past the back-off
    await expect(holder, "社区心理支持")
    assert sum("社区心理支持" in m.text for m in holder.transcript() if m.from_bot) == 1
    await until(lambda: db(cycle, f"SELECT 1 FROM followups WHERE recipient = {ACCOUNT} AND kind = 'notice' "
                                  "AND status = 'sent'", holder.id), "the offer's row to be recorded as sent")


async def test_a_worker_at_their_limit_cannot_accept_one_more_offer(cycle):
    ids = await verified_pair(cycle)
    s = cycle.application.bot_data["services"]
    second = await add_request(s, ids["sun"], "第二个岗位")
    worker = ids["proposed_worker"]
    await db_write(cycle, "UPDATE placements SET status = 'active', started_at = '2026-11-01T00:00:00Z'")
    await db_write(cycle, "INSERT INTO placements (request_id, worker_id, status, score, offered_at, created_at, "
                          "updated_at) VALUES (?, ?, 'offered', 0.8, ?, ?, ?)", second, worker,
                   "2026-11-28T00:00:00Z", "2026-11-28T00:00:00Z", "2026-11-28T00:00:00Z")
    [offer] = db(cycle, "SELECT id FROM placements WHERE status = 'offered'")
    holder = cycle.user(200 + worker, "worker", lang="zh")
    await holder.send("/start")
    await holder.next_message()
    refused = await holder.callback_answer(await holder.forge_callback(f"o:acc:{offer['id']}"))
    assert refused.answer_text == t("zh", "offer.over_capacity", held=1, most=1)
    assert db(cycle, "SELECT worker_answer FROM placements WHERE id = ?", offer["id"])[0]["worker_answer"] is None
