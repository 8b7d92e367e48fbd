"""A button of an earlier form never acts on the form that replaced it."""

from bot.texts import t

from .chat import db_write, expect, opening, plain
from .conftest import DIRECTORS
from .seeding import add_ngo, add_request, add_worker
from .test_placement_cycle import db
from .test_placement_rules import verified_pair


async def test_a_reason_pressed_on_an_older_reject_prompt_does_not_reject_the_newer_proposal(cycle):
    await verified_pair(cycle)
    s = cycle.application.bot_data["services"]
    other_ngo = await add_ngo(s, 302, "和美助老服务社")
    await add_request(s, other_ngo, "周末助老活动")
    await add_worker(s, 203, "刘敏")
    await db_write(cycle, "UPDATE ngos SET status = 'verified'")
    await db_write(cycle, "UPDATE workers SET status = 'verified'")
    chen = cycle.user(DIRECTORS[0], "Director Chen", lang="en")
    await chen.next_message()  # the first /match's answer, seen by verified_pair's view of this chat
    await chen.send("/match")
    await expect(chen, opening("en", "queue.match_done"), within=3)
    first, second = (r["id"] for r in db(cycle, "SELECT id FROM placements WHERE status = 'proposed' ORDER BY id"))
    assert first != second
    await chen.callback_answer(await chen.forge_callback(f"q:no:{first}"))
    old_prompt = await expect(chen, plain("en", "queue.ask_reject_reason"), within=3)
    await chen.callback_answer(await chen.forge_callback(f"q:no:{second}"))
    await expect(chen, plain("en", "queue.ask_reject_reason"), within=3)
    stale = next(d for d in old_prompt.callback_data if d and d.endswith(":skills"))
    answered = await chen.callback_answer(await chen.forge_callback(stale, old_prompt.message_id))
    assert answered.answer_text == t("en", "alerts.old_button")
    statuses = {r["id"]: r["status"] for r in db(cycle, "SELECT id, status FROM placements")}
    assert statuses[first] == "proposed" and statuses[second] == "proposed"
