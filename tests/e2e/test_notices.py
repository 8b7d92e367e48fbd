"""/notice: a director's announcement reaches every verified member of the audience once, in
their language, paced within Telegram's limits; blocked members are counted, nobody else is told."""

from __future__ import annotations

import asyncio

from bot.markup import shorten
from bot.texts import t

from . import followups_kit as kit
from .chat import ACCOUNT, db_write, expect, opening, person_id_of, plain
from .followups_kit import DIRECTORS, move_to_local, passes, rows, services, until
from .seeding import add_ngo, add_worker

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use

TEXT_ZH = "12月10日下午两点，协会在市中区社会工作服务中心举办督导培训，请准时参加。"
TEXT_EN = "Supervision training at the district social work centre on 10 December, 2 pm. Please be on time."
WORKERS = range(10_001, 10_201)   # 200 verified social workers
BLOCKED = set(range(10_001, 10_201, 40))  # five of them blocked the bot


async def edited_to(user, text: str) -> None:
    """Wait until a bot message in the chat reads ``text``: a new one, or the pressed preview
    with ``text`` recorded under it."""
    await user.wait_until(lambda chat: any(m.from_bot and (m.text == text or m.text.endswith(f"\n\n{text}"))
                                           for m in chat), repr(text))


def bot_texts(sandbox, chat_id: int) -> list[str]:
    return [m.text for m in sandbox.emulator.state.chat(chat_id).bot_messages()]


def notices_in(sandbox, chat_id: int) -> list[str]:
    return [text for text in bot_texts(sandbox, chat_id)
            if text.startswith((plain("zh", "notice.header"), plain("en", "notice.header")))]


async def compose(director, audience_key: str, text_zh: str, text_en: str | None,
                  district: str | None = None) -> str:
    """/notice as far as the preview (Skip for no English text); the preview's text."""
    await director.send("/notice")
    await expect(director, opening("en", "notice.ask_audience"))
    await director.press(t("en", f"notice.audiences.{audience_key}"))
    if district is not None:
        await expect(director, plain("en", "notice.ask_district"))
        await director.press(district)
    await expect(director, plain("en", "notice.ask_text_zh"))
    await director.send(text_zh)
    await expect(director, opening("en", "notice.ask_text_en"))
    if text_en is None:
        await director.press(t("en", "common.buttons.skip"))
    else:
        await director.send(text_en)
    return (await expect(director, opening("en", "notice.preview"))).text


async def test_a_notice_to_200_social_workers_arrives_once_each_in_their_language_within_the_limits(fu_bot):
    s = services(fu_bot)
    for telegram_id in WORKERS:
        await add_worker(s, telegram_id, f"社工{telegram_id}")
        fu_bot.user(telegram_id, f"社工{telegram_id}", lang="zh")
    await add_worker(s, 20_001, "待审核")      # not verified yet: not an addressee
    await add_ngo(s, 30_001, "阳光心理服务中心")  # an NGO: not in this audience
    for person in (20_001, 30_001):
        fu_bot.user(person, str(person), lang="zh")
    await db_write(fu_bot, "UPDATE workers SET status = 'verified' WHERE person_id IN "
                           "(SELECT person_id FROM accounts WHERE external_id < 20000)")
    await db_write(fu_bot, "UPDATE ngos SET status = 'verified'")
    await db_write(fu_bot, "UPDATE people SET language = 'en' WHERE id IN (SELECT person_id FROM accounts "
                           "WHERE external_id BETWEEN 10001 AND 10200 AND external_id % 3 = 0)")
    english = {r[0] for r in rows(fu_bot, "SELECT a.external_id FROM people p JOIN accounts a ON a.person_id = p.id "
                                          "WHERE p.language = 'en' AND a.external_id BETWEEN 10001 AND 10200")}
    for telegram_id in BLOCKED:
        fu_bot.emulator.state.set_blocked(telegram_id, True)
    director = fu_bot.user(DIRECTORS[0], "Director Chen", lang="en")

    preview = await compose(director, "workers", TEXT_ZH, TEXT_EN)
    assert plain("en", "notice.preview", count=200, audience=t("en", "notice.audiences.workers"),
                 text_zh=TEXT_ZH, text_en=TEXT_EN) == preview
    sends_before = fu_bot.emulator.state.rates.count()
    # A person reads the preview before pressing Send; the driver types five messages in a tenth
    # of a second, replies the outbox's pacer leaves room for (2 of Telegram's 30 a second) only
    # once they are a second apart from its burst.
    await asyncio.sleep(1.1)
    await director.press(t("en", "notice.buttons.send"))
    await edited_to(director, plain("en", "notice.sending", count=200))
    await until(lambda: not rows(fu_bot, "SELECT id FROM followups WHERE status IN ('pending', 'sending') "
                                         "AND json_extract(payload, '$.broadcast') IS NOT NULL"),
                "every message of the notice sent or given up", timeout=90)

    for telegram_id in WORKERS:
        got = notices_in(fu_bot, telegram_id)
        if telegram_id in BLOCKED:
            assert got == []
        elif telegram_id in english:
            assert got == [f"{plain('en', 'notice.header')}\n\n{TEXT_EN}"]
        else:
            assert got == [f"{plain('zh', 'notice.header')}\n\n{TEXT_ZH}"]
    assert notices_in(fu_bot, 20_001) == notices_in(fu_bot, 30_001) == []
    assert not any(notices_in(fu_bot, d) for d in DIRECTORS)
    [tally] = rows(fu_bot, "SELECT recipients, status FROM broadcasts")
    assert (tally["recipients"], tally["status"]) == (200, "sent")
    rates = fu_bot.emulator.state.rates
    assert rates.count() - sends_before >= 195
    assert rates.peak(1.0) <= 30
    assert max(rates.peak(1.0, chat_id) for chat_id in WORKERS) <= 1

    report = plain("en", "notice.report", first_words=shorten(TEXT_ZH, 24), delivered=195, blocked=5)
    await edited_to(director, report)  # once every message is out, the director hears how it went
    await passes(fu_bot, 2)
    assert bot_texts(fu_bot, DIRECTORS[0]).count(report) == 1
    await director.send("/notice")
    history = await expect(director, plain("en", "notice.history_header"), within=10)
    assert "✅ 195 delivered · 🚫 5 blocked · ⏳ 0 waiting" in history.text
    assert rows(fu_bot, "SELECT count(*) AS n FROM followups WHERE json_extract(payload, '$.broadcast') = 1 "
                        "AND status = 'failed'")[0]["n"] == 5  # tried once each, never again
    [sent] = rows(fu_bot, "SELECT actor, new_state, detail FROM audit_log WHERE entity = 'broadcast'")
    assert tuple(sent) == (person_id_of(fu_bot, DIRECTORS[0]), "sent", "workers: 200 recipients")


async def test_an_untranslated_district_notice_waits_for_the_morning_and_notes_the_missing_english(fu_bot, day_clock):
    s = services(fu_bot)
    await add_worker(s, 201, "王芳")                                  # 市中区, Chinese
    await add_worker(s, 202, "Tom Li", district="lixia")              # another district
    await add_ngo(s, 301, "阳光心理服务中心")                           # 市中区
    await db_write(fu_bot, f"UPDATE people SET language = 'en' WHERE id = {ACCOUNT}", 301)
    await db_write(fu_bot, "UPDATE workers SET status = 'verified'")
    await db_write(fu_bot, "UPDATE ngos SET status = 'verified'")
    wang, _tom, sun = (fu_bot.user(i, n, lang="zh") for i, n in ((201, "王芳"), (202, "Tom"), (301, "孙主任")))
    director = fu_bot.user(DIRECTORS[0], "Director Chen", lang="en")

    move_to_local(day_clock, 22)  # quiet hours: a notice is not urgent
    preview = await compose(director, "district", TEXT_ZH, None, district="Shizhong District")
    assert plain("en", "notice.no_translation") in preview and "recipients: 2" in preview
    await director.press(t("en", "notice.buttons.send"))
    await edited_to(director, plain("en", "notice.sending", count=2))
    await passes(fu_bot, 3)
    assert notices_in(fu_bot, 201) == notices_in(fu_bot, 301) == []

    move_to_local(day_clock, 9)
    await expect(wang, plain("zh", "notice.header"), within=10)
    english = await expect(sun, plain("en", "notice.header"), within=10)
    assert english.text == f"{plain('en', 'notice.header')}\n\n{TEXT_ZH}\n\n{plain('en', 'notice.untranslated')}"
    await passes(fu_bot, 2)
    assert notices_in(fu_bot, 202) == []
    assert len(notices_in(fu_bot, 201)) == len(notices_in(fu_bot, 301)) == 1


async def test_a_preview_is_sent_once_by_a_director_and_never_after_cancel(fu_bot):
    s = services(fu_bot)
    await add_worker(s, 201, "王芳")
    await db_write(fu_bot, "UPDATE workers SET status = 'verified'")
    wang = fu_bot.user(201, "王芳", lang="zh")
    director = fu_bot.user(DIRECTORS[0], "Director Chen", lang="en")
    await compose(director, "workers", TEXT_ZH, TEXT_EN)
    [preview] = rows(fu_bot, "SELECT id FROM broadcasts WHERE status = 'preview'")

    await wang.send("/notice")
    await expect(wang, plain("zh", "guidance.wrong_role", command="notice", who=t("zh", "guidance.who.director"),
                             does=t("zh", "guidance.does.notice")))
    forged = await wang.forge_callback(f"nb:send:{preview['id']}")
    assert (await wang.callback_answer(forged)).answer_text == t("zh", "alerts.not_allowed")

    await director.press(t("en", "notice.buttons.cancel"))
    await edited_to(director, plain("en", "notice.cancelled"))
    again = await director.forge_callback(f"nb:send:{preview['id']}")
    assert (await director.callback_answer(again)).answer_text == t("en", "alerts.old_button")
    await passes(fu_bot, 2)
    assert notices_in(fu_bot, 201) == []
    assert rows(fu_bot, "SELECT status FROM broadcasts")[0]["status"] == "cancelled"
    assert rows(fu_bot, "SELECT new_state FROM audit_log WHERE entity = 'broadcast'")[0]["new_state"] == "cancelled"
