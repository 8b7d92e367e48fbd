"""Joining: /start greets in the person's language and asks their role (once), resumes a form
in progress, and greets an association director as one."""

from bot.texts import t

from .chat import answer, choose, expect, plain
from .conftest import DIRECTOR_ID


async def test_start_greets_in_english_and_asks_the_role(sandbox):
    alice = sandbox.user(101, "Alice", lang="en")
    await alice.send("/start")
    greeting = await alice.next_message()
    assert "Hello, Alice" in greeting.text
    assert "Which of these describes you?" in greeting.text
    assert list(greeting.buttons) == ["Social worker", "NGO director"]


async def test_start_greets_in_chinese_for_a_chinese_app(sandbox):
    wang = sandbox.user(102, "王芳", lang="zh-hans")
    await wang.send("/start")
    greeting = await wang.next_message()
    assert "王芳" in greeting.text
    assert list(greeting.buttons) == ["社工", "机构负责人"]


async def test_a_double_tap_on_the_role_starts_the_form_once(sandbox):
    tom = sandbox.user(103, "Tom", lang="en")
    await tom.send("/start")
    await expect(tom, plain("en", "start.ask_role"), within=1)
    first = await tom.press(t("en", "start.buttons.worker"))
    second = await tom.press(t("en", "start.buttons.worker"))  # before the bot took the first away
    answers = [await tom.callback_answer(press.query_id) for press in (first, second)]
    assert [a.answer_text for a in answers].count(t("en", "alerts.old_button")) == 1
    await expect(tom, plain("en", "worker_form.ask_name"), within=3)
    await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"), within=1)
    asked = [m for m in tom.transcript() if plain("en", "worker_form.ask_name") in m.text]
    assert len(asked) == 1


async def test_a_newcomer_in_a_form_who_sends_start_is_asked_the_same_question(sandbox):
    tom = sandbox.user(104, "Tom", lang="en")
    await tom.send("/start")
    await expect(tom, plain("en", "start.ask_role"), within=1)
    await choose(tom, t("en", "start.buttons.ngo"), plain("en", "ngo_form.ask_name"), within=3)
    await answer(tom, "Sunshine", plain("en", "ngo_form.ask_registration"), within=1)
    await tom.send("/start")
    await expect(tom, plain("en", "start.resume_form"), within=1)
    again = await expect(tom, plain("en", "ngo_form.ask_registration"), within=1)
    assert plain("en", "common.step", n=2, total=7) in again.text


async def test_a_director_is_greeted_as_a_director_and_asked_no_role(sandbox):
    chen = sandbox.user(DIRECTOR_ID, "Director Chen", lang="en")
    await chen.send("/start")
    greeting = await chen.next_message()
    assert greeting.text == plain("en", "start.welcome_director", name="Director Chen")
    assert greeting.buttons == ()
