"""Messages the bot did not ask for: free text is answered with the command for what it seems to
want and the person's menu; a command for someone else says who it is for and returns to the form."""

from __future__ import annotations

from bot.texts import t

from .chat import answer, db_rows, db_write, expect, opening, plain, start_worker_profile
from .seeding import add_worker


async def test_a_busy_social_worker_is_pointed_to_pausing_offers_and_can_pause_and_resume(sandbox):
    services = sandbox.application.bot_data["services"]
    await add_worker(services, 201, "王芳")
    await db_write(sandbox, "UPDATE workers SET status = 'verified'")
    wang = sandbox.user(201, "王芳", lang="zh")
    reply = await answer(wang, "我想暂停一段时间，最近没空", plain("zh", "guidance.wish.pause"), within=1)
    assert plain("zh", "help.worker") in reply.text
    assert "没有这个命令" not in reply.text

    await wang.send("/profile")
    profile = await expect(wang, plain("zh", "member_status.verified"), within=1)
    assert t("zh", "profile.buttons.pause") in profile.buttons
    await wang.press(t("zh", "profile.buttons.pause"))
    await expect(wang, opening("zh", "pause.ask_until_self"), within=1)
    await wang.press(t("zh", "common.buttons.skip"))
    await expect(wang, plain("zh", "profile.paused", until=t("zh", "pause.until_resumed")), within=1)
    assert db_rows(sandbox, "SELECT status FROM workers")[0]["status"] == "paused"

    await wang.send("/profile")
    profile = await expect(wang, plain("zh", "member_status.paused"), within=1)
    await wang.press(t("zh", "profile.buttons.resume"))
    await expect(wang, plain("zh", "profile.resumed"), within=1)
    assert db_rows(sandbox, "SELECT status FROM workers")[0]["status"] == "verified"


async def test_requests_mid_form_says_what_it_is_for_and_asks_the_question_again(sandbox):
    tom = sandbox.user(701, "Tom", lang="en")
    await start_worker_profile(tom)
    await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"))
    await tom.send("/requests")
    told = await expect(tom, plain("en", "guidance.wrong_role", command="requests",
                                   who=t("en", "guidance.who.ngo"), does=t("en", "guidance.does.requests")),
                        within=1)
    assert plain("en", "guidance.back_to_form") in told.text
    await expect(tom, plain("en", "worker_form.ask_phone"), within=1)
    await answer(tom, "139 1234 5679", plain("en", "worker_form.ask_district"), within=2)


async def test_an_unknown_command_is_named_and_the_menu_follows(sandbox):
    await add_worker(sandbox.application.bot_data["services"], 202, "赵磊")
    zhao = sandbox.user(202, "赵磊", lang="zh")
    reply = await answer(zhao, "/holiday", plain("zh", "guidance.unknown_command", command="holiday"), within=1)
    assert plain("zh", "help.worker") in reply.text
