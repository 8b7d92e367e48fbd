"""Check-ins: day 7, 30 and 90 to both sides, ratings, hours and comments, and the directors' view."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.texts import t

from . import followups_kit as kit
from .chat import ACCOUNT, CHAT_OF_RECIPIENT, opening, plain
from .followups_kit import (
    active_placement,
    count_in,
    passes,
    rows,
    seen,
    until,
)

TITLE = "社区心理支持"
NGO = "阳光心理服务中心"

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use

# How directors read the NGO side: its director's profile name and the NGO, never the Telegram
# display name ("孙主任").
NGO_SIDE = f"{NGO}负责人 · {NGO}"


def name_of(cycle) -> str:
    return "王芳" if cycle.worker.id == 201 else "赵磊"


def checkin_text(lang: str, side: str, day: int, worker: str) -> str:
    return plain(lang, f"followups.checkin_{side}", day=day, title=TITLE, ngo=NGO, worker=worker)


async def test_both_sides_get_a_check_in_on_day_7_30_and_90_and_each_only_once(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    worker_name = name_of(cycle)
    for day, step in ((7, 7), (30, 23), (90, 60)):
        day_clock.advance(timedelta(days=step, minutes=1))
        await seen(cycle.worker, checkin_text("zh", "worker", day, worker_name))
        await seen(cycle.ngo, checkin_text("zh", "ngo", day, worker_name))
    await passes(fu_bot, 3)
    for day in (7, 30, 90):
        assert count_in(cycle.worker, checkin_text("zh", "worker", day, worker_name)) == 1
        assert count_in(cycle.ngo, checkin_text("zh", "ngo", day, worker_name)) == 1
    sent = rows(fu_bot, f"SELECT {CHAT_OF_RECIPIENT} AS chat, status, json_extract(payload, '$.day') AS day "
                        "FROM followups WHERE kind = 'checkin' ORDER BY day, chat")
    assert [(r["chat"], r["day"], r["status"]) for r in sent] == [
        (who, day, "sent") for day in (7, 30, 90) for who in sorted((cycle.worker.id, cycle.ngo.id))]
    assert count_in(cycle.other_worker, "回访") == 0


async def test_a_low_rating_alerts_every_director_at_once_and_the_comment_follows(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    day_clock.advance(timedelta(days=7, minutes=1))
    [checkin] = await seen(cycle.ngo, opening("zh", "followups.checkin_ngo"))
    await cycle.ngo.press("2")
    await seen(cycle.ngo, plain("zh", "followups.ask_comment"))
    worker_name = name_of(cycle)
    alert = plain("en", "followups.low_rating_alert", rating=2, title=TITLE, worker=worker_name, ngo=NGO,
                  who=NGO_SIDE, side=t("en", "followups.sides.ngo"))
    for director in (cycle.director, cycle.other_director):
        await seen(director, alert)
    await cycle.ngo.send("志愿者<经常>迟到")
    await seen(cycle.ngo, plain("zh", "followups.thanks"))
    comment = plain("en", "followups.comment_alert", who=NGO_SIDE, title=TITLE, worker=worker_name, ngo=NGO,
                    comment="")
    for director in (cycle.director, cycle.other_director):  # what was typed arrives escaped, as typed
        await seen(director, f"{comment}志愿者<经常>迟到")
    [row] = rows(fu_bot, f"SELECT status, answer FROM followups WHERE kind = 'checkin' AND recipient = {ACCOUNT} "
                         "AND json_extract(payload, '$.day') = 7", cycle.ngo.id)
    assert row["status"] == "answered"
    assert json.loads(row["answer"]) == {"rating": 2, "comment": "志愿者<经常>迟到"}
    await until(lambda: {(a["urgent"], a["status"]) for a in rows(fu_bot, "SELECT urgent, status FROM followups "
                "WHERE kind = 'alert'")} == {(1, "sent")}, "the four urgent alerts recorded as sent")
    assert rows(fu_bot, "SELECT count(*) AS n FROM followups WHERE kind = 'alert'")[0]["n"] == 4
    assert checkin.buttons  # the check-in carried the 1-5 buttons that were pressed


async def test_the_worker_rates_reports_hours_and_skips_the_comment_and_directors_see_it(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    day_clock.advance(timedelta(days=7, minutes=1))
    await seen(cycle.worker, opening("zh", "followups.checkin_worker"))
    await cycle.worker.press("4")
    await seen(cycle.worker, opening("zh", "followups.ask_hours"))
    await cycle.worker.send("十二个小时")
    await seen(cycle.worker, plain("zh", "followups.ask_comment"))
    await cycle.worker.press(t("zh", "common.buttons.skip"))
    await seen(cycle.worker, plain("zh", "followups.thanks"))
    [row] = rows(fu_bot, f"SELECT answer FROM followups WHERE kind = 'checkin' AND recipient = {ACCOUNT} AND "
                         "json_extract(payload, '$.day') = 7", cycle.worker.id)
    assert json.loads(row["answer"]) == {"rating": 4, "hours": 12}
    assert rows(fu_bot, "SELECT count(*) AS n FROM followups WHERE kind = 'alert'")[0]["n"] == 0

    await cycle.director.send("/placements")
    view = await seen(cycle.director, plain("en", "placements.header"))
    assert "day 7" in view[-1].text and "4/5" in view[-1].text and "12 h" in view[-1].text


async def test_a_problem_press_alerts_directors_and_asks_what_the_problem_is(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    day_clock.advance(timedelta(days=7, minutes=1))
    await seen(cycle.ngo, opening("zh", "followups.checkin_ngo"))
    await cycle.ngo.press(t("zh", "followups.buttons.problem"))
    await seen(cycle.ngo, plain("zh", "followups.ask_problem"))
    alert = plain("en", "followups.problem_alert", who=NGO_SIDE, title=TITLE, worker=name_of(cycle), ngo=NGO,
                  side=t("en", "followups.sides.ngo"))
    await seen(cycle.director, alert)
    await cycle.ngo.send("社工连续两周没来")
    await seen(cycle.ngo, plain("zh", "followups.thanks_problem"))
    await seen(cycle.other_director, "社工连续两周没来")


async def test_only_the_person_asked_may_answer_and_only_once(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    day_clock.advance(timedelta(days=7, minutes=1))
    await seen(cycle.worker, opening("zh", "followups.checkin_worker"))
    [row] = rows(fu_bot, f"SELECT id FROM followups WHERE kind = 'checkin' AND recipient = {ACCOUNT} AND "
                         "json_extract(payload, '$.day') = 7", cycle.worker.id)
    await cycle.other_worker.send("/start")
    await cycle.other_worker.next_message()
    forged = await cycle.other_worker.forge_callback(f"fu:r:{row['id']}:1")
    assert (await cycle.other_worker.callback_answer(forged)).answer_text == t("zh", "alerts.not_allowed")
    await cycle.worker.press("5")
    await seen(cycle.worker, opening("zh", "followups.ask_hours"))
    again = await cycle.worker.forge_callback(f"fu:r:{row['id']}:1")
    assert (await cycle.worker.callback_answer(again)).answer_text == t("zh", "followups.already_answered")
    not_yet = rows(fu_bot, "SELECT id FROM followups WHERE kind = 'checkin' AND status = 'pending' LIMIT 1")[0]
    early = await cycle.worker.forge_callback(f"fu:r:{not_yet['id']}:3")
    assert (await cycle.worker.callback_answer(early)).answer_text in (
        t("zh", "followups.already_answered"), t("zh", "alerts.not_allowed"))
    answers = rows(fu_bot, "SELECT answer FROM followups WHERE answer IS NOT NULL")
    assert [json.loads(a["answer"]) for a in answers] == [{"rating": 5}]


async def test_ending_a_placement_cancels_the_check_ins_still_to_come(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    day_clock.advance(timedelta(days=7, minutes=1))
    await seen(cycle.ngo, opening("zh", "followups.checkin_ngo"))
    await cycle.ngo.callback_answer(await cycle.ngo.forge_callback(f"pl:end:{cycle.placement_id}"))
    await seen(cycle.ngo, plain("zh", "placement.ask_end", title=TITLE))
    await cycle.ngo.press(t("zh", "placement.buttons.completed"))
    await seen(cycle.ngo, plain("zh", "placement.ask_end_reason"))
    await cycle.ngo.press(t("zh", "common.buttons.skip"))
    await until(lambda: rows(fu_bot, "SELECT status FROM placements WHERE id = ?",
                             cycle.placement_id)[0]["status"] == "completed", "the ended placement")
    day_clock.advance(timedelta(days=90))
    await passes(fu_bot, 3)
    later = rows(fu_bot, "SELECT status FROM followups WHERE kind = 'checkin' AND json_extract(payload, '$.day') > 7")
    assert [r["status"] for r in later] == ["cancelled"] * 4
    assert count_in(cycle.worker, "第 30 天") == 0


async def test_check_ins_count_from_the_requests_start_date_when_the_work_starts_later(fu_bot, day_clock):
    cycle = await active_placement(fu_bot, starts_in_days=10)
    worker_name = name_of(cycle)
    day_clock.advance(timedelta(days=7, minutes=1))              # a week after both accepted
    await passes(fu_bot, 3)
    assert count_in(cycle.worker, checkin_text("zh", "worker", 7, worker_name)) == 0
    day_clock.advance(timedelta(days=10))                        # a week after the work started
    await seen(cycle.worker, checkin_text("zh", "worker", 7, worker_name))
    await cycle.worker.press("4")
    start = rows(fu_bot, "SELECT r.start_date FROM requests r JOIN placements p ON p.request_id = r.id "
                         "WHERE p.id = ?", cycle.placement_id)[0]["start_date"]
    await seen(cycle.worker, plain("zh", "followups.ask_hours", since=start, title=TITLE))
    await cycle.worker.send("/placements")  # the list dates the placement from the start too
    [listing] = await seen(cycle.worker, plain("zh", "placements.header"))
    assert f"（{start} 起）" in listing.text


async def test_the_hours_question_takes_zero_and_can_be_skipped(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    for day, step, hours in ((7, 7, "跳过"), (30, 23, "0")):
        day_clock.advance(timedelta(days=step, minutes=1))
        await seen(cycle.worker, checkin_text("zh", "worker", day, name_of(cycle)))
        await cycle.worker.press(f"fu:r:{checkin_id(fu_bot, cycle, day)}:4")
        [question, *_] = await seen(cycle.worker, opening("zh", "followups.ask_hours"), count=day // 30 + 1)
        assert t("zh", "common.buttons.skip") in question.buttons
        await cycle.worker.send(hours)
        await seen(cycle.worker, plain("zh", "followups.ask_comment"), count=day // 30 + 1)
        await cycle.worker.send("跳过")
        await seen(cycle.worker, plain("zh", "followups.thanks"), count=day // 30 + 1)
    answers = [json.loads(r["answer"]) for r in rows(
        fu_bot, f"SELECT answer FROM followups WHERE kind = 'checkin' AND recipient = {ACCOUNT} "
                "AND answered_at IS NOT NULL ORDER BY id", cycle.worker.id)]
    assert [a.get("hours", "skipped") for a in answers] == ["skipped", 0]
    assert all("comment" not in a for a in answers)


def checkin_id(sandbox, cycle, day: int) -> int:
    return rows(sandbox, f"SELECT id FROM followups WHERE kind = 'checkin' AND recipient = {ACCOUNT} "
                         "AND json_extract(payload, '$.day') = ?", cycle.worker.id, day)[0]["id"]


async def test_a_one_question_follow_up_shows_no_step_counter(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    day_clock.advance(timedelta(days=7, minutes=1))
    await seen(cycle.ngo, opening("zh", "followups.checkin_ngo"))
    await cycle.ngo.press("4")                                   # the NGO is asked only for a comment
    [question] = await seen(cycle.ngo, plain("zh", "followups.ask_comment"))
    assert question.text == plain("zh", "followups.ask_comment")

async def test_a_problem_alert_carries_what_a_director_can_do_and_message_both_sides_reaches_both(
        fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    day_clock.advance(timedelta(days=7, minutes=1))
    await seen(cycle.ngo, opening("zh", "followups.checkin_ngo"))
    await cycle.ngo.press(t("zh", "followups.buttons.problem"))
    [alert] = await seen(cycle.director, opening("en", "followups.problem_alert"))
    assert alert.buttons == (t("en", "followups.buttons.open_placement"), t("en", "followups.buttons.message_both"),
                             t("en", "followups.buttons.end_and_replace"))
    await cycle.director.press(t("en", "followups.buttons.open_placement"))
    [card] = await seen(cycle.director, "🤝 ")
    assert TITLE in card.text and t("en", "placement_status.active") in card.text
    await cycle.director.press(t("en", "followups.buttons.message_both"))
    await seen(cycle.director, opening("en", "relay.ask"))
    await cycle.director.send("请双方本周五下午来协会面谈。")
    await seen(cycle.director, plain("en", "relay.sent", count=2))
    for side in (cycle.worker, cycle.ngo):
        [relayed] = await seen(side, "请双方本周五下午来协会面谈。")
        assert relayed.text.startswith("✉️ 协会消息")
    [audit] = rows(fu_bot, "SELECT actor, detail FROM audit_log WHERE action = 'messaged'")
    assert audit["detail"] == "请双方本周五下午来协会面谈。"
    forged = await cycle.worker.callback_answer(await cycle.worker.forge_callback(f"pm:{cycle.placement_id}"))
    assert forged.answer_text == t("zh", "alerts.not_allowed")
