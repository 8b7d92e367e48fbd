"""The commands beside the forms: /language, /help per role, /cancel, the command menu, /profile
(and its edits, which keep a verified profile verified unless what the association vouched for
changed) and editing a talent request from /requests."""

import json

import pytest
from telegram import BotCommandScopeChat

from bot.app import build_application
from bot.channels.telegram.menu import DIRECTOR_COMMANDS, MEMBER_COMMANDS
from bot.sandbox.application import polling
from bot.texts import t

from .chat import (
    ACCOUNT,
    answer,
    choose,
    db_rows,
    db_write,
    edit_button,
    expect,
    plain,
    post_request,
    register_ngo,
    settings_for,
    start_worker_profile,
    submit_worker_profile,
)
from .conftest import DIRECTOR_ID
from .driver import ChatUser, Sandbox


async def switch_language(user: ChatUser, to: str, asked_in: str) -> None:
    await user.send("/language")
    question = await expect(user, plain(asked_in, "language.ask"), within=1)
    assert list(question.buttons) == [t("en", "language.buttons.en"), t("zh", "language.buttons.zh")]
    await choose(user, t(to, f"language.buttons.{to}"), plain(to, "language.changed"), within=1)


async def test_language_switches_and_is_remembered_after_a_restart(emulator, tmp_path, clock):
    settings = settings_for(emulator, tmp_path / "language.sqlite3")
    tom = Sandbox(emulator).user(801, "Tom", lang="en")  # his app stays English throughout
    async with polling(build_application(settings, clock=clock)):
        await tom.send("/start")
        await expect(tom, plain("en", "start.ask_role"), within=1)
        await switch_language(tom, "zh", asked_in="en")
        await tom.send("/help")
        await expect(tom, plain("zh", "help.newcomer"), within=1)
    async with polling(build_application(settings, clock=clock)):
        await tom.send("/start")
        greeting = await expect(tom, plain("zh", "start.ask_role"), within=1)
        assert list(greeting.buttons) == [t("zh", "start.buttons.worker"), t("zh", "start.buttons.ngo")]
        await switch_language(tom, "en", asked_in="zh")
        await tom.send("/help")
        await expect(tom, plain("en", "help.newcomer"), within=1)


async def test_switching_language_in_a_form_asks_the_same_question_in_the_new_language(sandbox):
    tom = sandbox.user(802, "Tom", lang="en")
    await start_worker_profile(tom)
    await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"))
    await switch_language(tom, "zh", asked_in="en")
    again = await expect(tom, plain("zh", "worker_form.ask_phone"), within=1)
    assert t("zh", "common.buttons.back") in again.reply_buttons


async def test_the_back_button_of_a_keyboard_drawn_before_the_switch_still_works(sandbox):
    tom = sandbox.user(810, "Tom", lang="en")
    await start_worker_profile(tom)
    await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"))
    await tom.send("/language")
    await expect(tom, plain("en", "language.ask"), within=1)
    await tom.press(t("zh", "language.buttons.zh"))
    await expect(tom, plain("zh", "worker_form.ask_phone"), within=2)
    await tom.send(t("en", "common.buttons.back"))  # as typed from the English keyboard
    await expect(tom, plain("zh", "worker_form.ask_name"), within=2)


async def help_text(user: ChatUser) -> str:
    await user.send("/help")
    return (await user.next_message()).text


async def test_help_explains_what_each_role_can_do(sandbox):
    director = sandbox.user(DIRECTOR_ID, "Director Chen", lang="en")
    texts = {"director": await help_text(director)}  # before new members bring verification cards
    newcomer = sandbox.user(803, "New", lang="en")
    worker = sandbox.user(804, "Tom", lang="en")
    await submit_worker_profile(worker)
    ngo = sandbox.user(805, "Li", lang="en")
    await register_ngo(ngo, lang="en")
    for role, user in (("newcomer", newcomer), ("worker", worker), ("ngo", ngo)):
        texts[role] = await help_text(user)
    for role, text in texts.items():
        assert text == plain("en", f"help.{role}"), role
    assert len(set(texts.values())) == 4


async def test_cancel_leaves_the_form_and_then_has_nothing_to_cancel(sandbox):
    tom = sandbox.user(806, "Tom", lang="en")
    await start_worker_profile(tom)
    await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"))
    await tom.send("/cancel")
    cancelled = await expect(tom, plain("en", "cancel.done"), within=1)
    assert cancelled.removes_keyboard  # the phone question's "share contact" keyboard goes away
    assert db_rows(sandbox, "SELECT * FROM drafts") == []
    await answer(tom, "139 1234 5679", plain("en", "guidance.not_understood"), within=1)
    await answer(tom, "/cancel", plain("en", "cancel.nothing"), within=1)


async def test_the_command_menu_is_set_in_both_languages(sandbox, bot_client):
    for code, lang in ((None, "en"), ("zh", "zh")):
        members = await bot_client.get_my_commands(language_code=code)
        assert [(c.command, c.description) for c in members] == [
            (name, t(lang, f"commands.{name}")) for name in MEMBER_COMMANDS]
        directors = await bot_client.get_my_commands(scope=BotCommandScopeChat(DIRECTOR_ID),
                                                     language_code=code)
        assert [c.command for c in directors] == list(DIRECTOR_COMMANDS)
    english = await bot_client.get_my_commands()
    chinese = await bot_client.get_my_commands(language_code="zh")
    assert all(e.description != z.description for e, z in zip(english, chinese, strict=True)
               if e.command != "language")


async def test_profile_shows_the_stored_profile_with_an_edit_button(sandbox):
    tom = sandbox.user(807, "Tom", lang="en")
    await tom.send("/profile")
    await expect(tom, plain("en", "profile.none"), within=1)
    await submit_worker_profile(tom)
    await tom.send("/profile")
    profile = await tom.next_message()
    assert profile.text.startswith(plain("en", "profile.worker_header",
                                         status=plain("en", "member_status.pending")))
    for line in ("Name: Tom Li", "Phone: +86 139 1234 5679", "District: Lixia District",
                 "Certification: Assistant social worker", "Remote work: Yes"):
        assert line in profile.text
    assert list(profile.buttons) == [t("en", "profile.buttons.edit")]


async def edit_profile_answer(user: ChatUser, label_key: str, question_key: str) -> None:
    """/profile, Edit, then the Edit button of one answer: its question is asked."""
    await user.send("/profile")
    await expect(user, "Name: Tom Li", within=1)
    await choose(user, t("en", "profile.buttons.edit"), plain("en", "worker_form.summary_header"), within=1)
    await choose(user, edit_button("en", label_key),
                 plain("en", question_key), within=1)


async def resubmit(user: ChatUser, told: str) -> None:
    await expect(user, plain("en", "worker_form.summary_header"), within=2)
    await choose(user, t("en", "common.buttons.submit"), plain("en", told), within=2)


@pytest.fixture
async def verified_tom(sandbox) -> ChatUser:
    tom = sandbox.user(808, "Tom", lang="en")
    await submit_worker_profile(tom)
    await db_write(sandbox, f"UPDATE workers SET status = 'verified' WHERE person_id = {ACCOUNT}", 808)
    return tom


def worker_status(sandbox) -> str:
    return db_rows(sandbox, f"SELECT status FROM workers WHERE person_id = {ACCOUNT}", 808)[0]["status"]


async def test_a_verified_worker_moving_district_stays_verified(sandbox, verified_tom):
    await edit_profile_answer(verified_tom, "labels.district", "worker_form.ask_district")
    await verified_tom.press("Shizhong District")
    await resubmit(verified_tom, "profile.edit_keeps_verified")
    assert worker_status(sandbox) == "verified"
    assert db_rows(sandbox, "SELECT district FROM workers")[0]["district"] == "shizhong"


async def test_a_verified_worker_changing_skills_is_checked_again(sandbox, verified_tom):
    await edit_profile_answer(verified_tom, "labels.skills", "worker_form.ask_skills")
    await answer(verified_tom, "grant writing", plain("en", "skills.understood"), within=1)
    await verified_tom.press(t("en", "skills.buttons.yes"))
    await resubmit(verified_tom, "profile.edit_needs_review")
    assert worker_status(sandbox) == "pending"
    assert json.loads(db_rows(sandbox, "SELECT skills FROM workers")[0]["skills"]) == ["fundraising"]


async def test_a_verified_worker_changing_certification_is_checked_again(sandbox, verified_tom):
    await edit_profile_answer(verified_tom, "labels.certification", "worker_form.ask_certification")
    await verified_tom.press("Senior social worker")
    await resubmit(verified_tom, "profile.edit_needs_review")
    assert worker_status(sandbox) == "pending"


async def test_an_ngo_edits_one_answer_of_a_request_from_its_list(sandbox):
    li = sandbox.user(809, "李主任", lang="zh")
    await register_ngo(li)
    await post_request(li, "周末助老活动组织者", "明天")
    [before] = db_rows(sandbox, "SELECT * FROM requests")
    await li.send("/requests")
    await expect(li, plain("zh", "requests.header"), within=1)
    summary = await choose(li, f"{t('zh', 'requests.buttons.edit')} · 周末助老活动组织者",
                           plain("zh", "request_form.summary_header"), within=1)
    assert "周末助老活动组织者" in summary.text
    await choose(li, edit_button("zh", "labels.headcount"),
                 plain("zh", "request_form.ask_headcount"), within=1)
    await answer(li, "3", plain("zh", "request_form.summary_header"), within=1)
    await choose(li, t("zh", "common.buttons.submit"),
                 plain("zh", "request_form.updated", title="周末助老活动组织者"), within=2)
    [after] = db_rows(sandbox, "SELECT * FROM requests")
    assert after["headcount"] == 3 and after["id"] == before["id"]
    unchanged = ("title", "description", "skills", "field", "district", "hours_per_week", "start_date")
    assert all(after[column] == before[column] for column in unchanged)
