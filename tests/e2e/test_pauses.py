"""Pauses: a social worker pauses themselves until a date from /profile, a director pauses any
member with /pause; a paused worker gets no proposals, and the pause ends by itself on its date."""

from __future__ import annotations

from datetime import timedelta

from bot.texts import t

from . import followups_kit as kit
from .chat import db_write, expect, matching_settled, opening, person_id_of, plain
from .followups_kit import DIRECTORS, local_now, passes, rows, services, until
from .seeding import add_ngo, add_request, add_worker

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use


async def two_counsellors_and_an_ngo(sandbox):
    """王芳 (ten years' experience, the better fit) and 赵磊 (one year), and a verified NGO."""
    s = services(sandbox)
    ids = {"wang": await add_worker(s, 201, "王芳", years_experience=10),
           "zhao": await add_worker(s, 202, "赵磊", years_experience=1),
           "sun": await add_ngo(s, 301, "阳光心理服务中心")}
    await db_write(sandbox, "UPDATE workers SET status = 'verified'")
    await db_write(sandbox, "UPDATE ngos SET status = 'verified'")
    return ids


def live_proposals(sandbox) -> dict[str, str]:
    return {r["name"]: r["status"] for r in rows(
        sandbox, "SELECT w.name, p.status FROM placements p JOIN workers w ON w.id = p.worker_id "
                 "WHERE p.status = 'proposed'")}


async def test_a_worker_paused_until_a_date_gets_no_proposal_and_is_matched_again_on_that_day(fu_bot, day_clock):
    ids = await two_counsellors_and_an_ngo(fu_bot)
    wang = fu_bot.user(201, "王芳", lang="zh")
    back_on = (local_now(fu_bot) + timedelta(days=3)).date().isoformat()

    await wang.send("/profile")
    await expect(wang, plain("zh", "member_status.verified"))
    await wang.press(t("zh", "profile.buttons.pause"))
    await expect(wang, opening("zh", "pause.ask_until_self"))
    await wang.send(back_on)
    await expect(wang, plain("zh", "profile.paused", until=plain("zh", "pause.until_date", date=back_on)))
    [worker] = rows(fu_bot, "SELECT status, paused_until FROM workers WHERE id = ?", ids["wang"])
    assert (worker["status"], worker["paused_until"]) == ("paused", back_on)
    await wang.send("/profile")
    profile = await expect(wang, plain("zh", "member_status.paused"))
    assert plain("zh", "profile.paused_until", date=back_on) in profile.text
    assert t("zh", "profile.buttons.resume") in profile.buttons
    [paused] = rows(fu_bot, "SELECT actor, old_state, new_state, detail FROM audit_log WHERE action = 'paused'")
    assert tuple(paused) == (person_id_of(fu_bot, 201), "verified", "paused", back_on)

    # A new request for two counsellors while 王芳 is paused: only 赵磊 is proposed.
    await add_request(services(fu_bot), ids["sun"], "社区心理支持", headcount=2)
    director = fu_bot.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/match")
    await expect(director, opening("en", "queue.match_done"))
    await matching_settled(fu_bot)
    assert live_proposals(fu_bot) == {"赵磊": "proposed"}

    # The day before the date, the pause holds.
    day_clock.advance(timedelta(days=2))
    await passes(fu_bot, 3)
    assert rows(fu_bot, "SELECT status FROM workers WHERE id = ?", ids["wang"])[0]["status"] == "paused"
    assert "王芳" not in live_proposals(fu_bot)

    # On the date, the dispatcher ends it, tells 王芳 and a rematch proposes her.
    day_clock.advance(timedelta(days=1))
    await expect(wang, plain("zh", "pause.ended_notice_worker"), within=10)
    await matching_settled(fu_bot)
    await until(lambda: "王芳" in live_proposals(fu_bot), "王芳 proposed again")
    [worker] = rows(fu_bot, "SELECT status, paused_until FROM workers WHERE id = ?", ids["wang"])
    assert (worker["status"], worker["paused_until"]) == ("verified", None)
    [ended] = rows(fu_bot, "SELECT actor, old_state, new_state FROM audit_log WHERE action = 'pause_ended'")
    assert tuple(ended) == (None, "paused", "verified")


async def test_a_director_pauses_a_proposed_worker_and_the_next_candidate_is_proposed(fu_bot, day_clock):
    ids = await two_counsellors_and_an_ngo(fu_bot)
    wang, zhao = fu_bot.user(201, "王芳", lang="zh"), fu_bot.user(202, "赵磊", lang="zh")
    await add_request(services(fu_bot), ids["sun"], "社区心理支持")
    director = fu_bot.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/match")
    await expect(director, opening("en", "queue.match_done"))
    await matching_settled(fu_bot)
    assert live_proposals(fu_bot) == {"王芳": "proposed"}

    back_on = (local_now(fu_bot) + timedelta(days=10)).date().isoformat()
    await director.send(f"/pause 王芳 {back_on}")
    await expect(director, plain("en", "pause.paused_done", name="王芳",
                                 until=plain("en", "pause.until_date", date=back_on)))
    await expect(wang, plain("zh", "pause.paused_notice_worker", until=plain("zh", "pause.until_date", date=back_on)))
    await matching_settled(fu_bot)
    await until(lambda: live_proposals(fu_bot) == {"赵磊": "proposed"}, "赵磊 proposed in 王芳's place")
    [withdrawn] = rows(fu_bot, "SELECT p.status FROM placements p WHERE p.worker_id = ?", ids["wang"])
    assert withdrawn["status"] == "withdrawn"
    [paused] = rows(fu_bot, "SELECT actor, entity, entity_id, detail FROM audit_log WHERE action = 'paused'")
    assert tuple(paused) == (person_id_of(fu_bot, DIRECTORS[0]), "worker", ids["wang"], back_on)
    assert not [m for m in zhao.transcript() if m.from_bot and "暂停" in m.text]  # nobody else is told

    await director.send("/resume 王芳")
    await expect(director, plain("en", "pause.resumed_done", name="王芳"))
    await expect(wang, plain("zh", "pause.resumed_notice_worker"))
    assert rows(fu_bot, "SELECT status FROM workers WHERE id = ?", ids["wang"])[0]["status"] == "verified"
    [resumed] = rows(fu_bot, "SELECT actor FROM audit_log WHERE action = 'resumed'")
    assert resumed["actor"] == person_id_of(fu_bot, DIRECTORS[0])


async def test_a_director_pauses_an_ngo_with_no_end_date_after_the_question(fu_bot, day_clock):
    ids = await two_counsellors_and_an_ngo(fu_bot)
    await add_request(services(fu_bot), ids["sun"], "社区心理支持")
    director = fu_bot.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/match")
    await expect(director, opening("en", "queue.match_done"))
    await matching_settled(fu_bot)
    sun = fu_bot.user(301, "孙主任", lang="zh")

    await director.send("/pause 阳光心理")
    await expect(director, opening("en", "pause.ask_until_member"))
    await director.press(t("en", "common.buttons.skip"))
    await expect(director, plain("en", "pause.paused_done", name="阳光心理服务中心",
                                 until=t("en", "pause.until_resumed")))
    await expect(sun, plain("zh", "pause.paused_notice_ngo", until=t("zh", "pause.until_resumed")))
    await matching_settled(fu_bot)
    await until(lambda: live_proposals(fu_bot) == {}, "the paused NGO's proposal withdrawn")
    [ngo] = rows(fu_bot, "SELECT status, paused_until FROM ngos WHERE id = ?", ids["sun"])
    assert (ngo["status"], ngo["paused_until"]) == ("paused", None)


async def test_pause_buttons_and_commands_act_only_for_a_director_and_only_once(fu_bot, day_clock):
    ids = await two_counsellors_and_an_ngo(fu_bot)
    wang = fu_bot.user(201, "王芳", lang="zh")
    await wang.send("/profile")
    await expect(wang, plain("zh", "member_status.verified"))
    forged = await wang.forge_callback(f"ps:pause:w:{ids['zhao']}:-")
    assert (await wang.callback_answer(forged)).answer_text == t("zh", "alerts.not_allowed")
    await wang.send("/pause 赵磊")
    await expect(wang, plain("zh", "guidance.wrong_role", command="pause", who=t("zh", "guidance.who.director"),
                             does=t("zh", "guidance.does.pause")))
    assert rows(fu_bot, "SELECT count(*) AS n FROM workers WHERE status = 'paused'")[0]["n"] == 0

    director = fu_bot.user(DIRECTORS[0], "Director Chen", lang="en")
    await director.send("/pause")
    await expect(director, plain("en", "pause.usage_pause"))
    yesterday = (local_now(fu_bot) - timedelta(days=1)).strftime("%Y%m%d")
    stale = await director.forge_callback(f"ps:pause:w:{ids['zhao']}:{yesterday}")
    assert (await director.callback_answer(stale)).answer_text == t("en", "alerts.old_button")
    await director.send("/resume 赵磊")
    await expect(director, plain("en", "pause.not_paused", name="赵磊"))
    await director.send("/pause nobody-at-all")
    await expect(director, plain("en", "pause.nobody", words="nobody-at-all"))
    assert rows(fu_bot, "SELECT count(*) AS n FROM audit_log WHERE action IN ('paused', 'resumed')")[0]["n"] == 0
