"""Moving about a form: Back re-asks the previous question, Edit on the summary asks one question
and returns, an answer that makes a question moot drops it, and the intros count right."""

from bot.texts import t

from .chat import (
    USCC,
    answer,
    choose,
    db_rows,
    draft_answers,
    edit_button,
    expect,
    ngo_form_to_summary,
    plain,
    start_worker_profile,
    worker_profile_to_skills,
    worker_profile_to_summary,
)

BACK_EN = t("en", "common.buttons.back")


async def test_back_at_a_middle_step_asks_the_previous_question_again(sandbox):
    tom = sandbox.user(401, "Tom", lang="en")
    await worker_profile_to_skills(tom)

    district_again = await choose(tom, BACK_EN, plain("en", "worker_form.ask_district"))
    assert plain("en", "common.step", n=3, total=12) in district_again.text
    skills = await choose(tom, "Shizhong District", plain("en", "worker_form.ask_skills"))
    assert plain("en", "common.step", n=4, total=12) in skills.text
    answers = draft_answers(sandbox, 401)
    assert (answers["name"], answers["district"]) == ("Tom Li", "shizhong")


async def test_back_on_the_phone_question_is_a_keyboard_button_and_asks_the_name_again(sandbox):
    tom = sandbox.user(402, "Tom", lang="en")
    await start_worker_profile(tom)
    phone = await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"))
    assert BACK_EN in phone.reply_buttons
    await choose(tom, BACK_EN, plain("en", "worker_form.ask_name"), within=3)
    await answer(tom, "Tom Lee", plain("en", "worker_form.ask_phone"))
    await answer(tom, "139 1234 5679", plain("en", "worker_form.ask_district"), within=2)
    assert draft_answers(sandbox, 402)["name"] == "Tom Lee"


async def test_editing_one_answer_from_the_summary_asks_only_that_question(sandbox):
    tom = sandbox.user(403, "Tom", lang="en")
    await worker_profile_to_summary(tom)
    hours_label = t("en", "labels.hours_per_week")
    question = await choose(tom, edit_button("en", "labels.hours_per_week"),
                            plain("en", "worker_form.ask_hours"))
    assert BACK_EN in question.buttons
    summary = await answer(tom, "12", plain("en", "worker_form.summary_header"), within=1)
    assert plain("en", "common.summary_line", label=hours_label, value="12") in summary.text
    assert "Tom Li" in summary.text and "Lixia District" in summary.text
    await choose(tom, t("en", "common.buttons.submit"), plain("en", "worker_form.submitted"))
    [row] = db_rows(sandbox, "SELECT hours_per_week, years_experience FROM workers")
    assert (row["hours_per_week"], row["years_experience"]) == (12, 3)


async def test_back_from_an_edit_returns_to_the_summary_with_the_answer_unchanged(sandbox):
    tom = sandbox.user(404, "Tom", lang="en")
    await worker_profile_to_summary(tom)
    name_label = t("en", "labels.name")
    await choose(tom, edit_button("en", "labels.name"),
                 plain("en", "worker_form.ask_name"))
    summary = await choose(tom, BACK_EN, plain("en", "worker_form.summary_header"), within=1)
    assert plain("en", "common.summary_line", label=name_label, value="Tom Li") in summary.text


async def test_an_ngo_not_yet_registered_is_not_asked_for_its_credit_code_and_is_again_once_it_is(
        sandbox):
    li = sandbox.user(405, "李主任", lang="zh")
    await ngo_form_to_summary(li)
    edit_registration = edit_button("zh", "labels.registration")
    code_label = plain("zh", "labels.registration_number")

    await choose(li, edit_registration, plain("zh", "ngo_form.ask_registration"))
    summary = await choose(li, t("zh", "registration.not_yet"), plain("zh", "ngo_form.summary_header"),
                           within=1)
    assert code_label not in summary.text and USCC not in summary.text

    await choose(li, edit_registration, plain("zh", "ngo_form.ask_registration"))
    code_question = await choose(li, t("zh", "registration.registered"),
                                 plain("zh", "ngo_form.ask_registration_number"), within=1)
    assert plain("zh", "common.step", n=3, total=8) in code_question.text
    summary = await answer(li, "91370102MA3C4F5G66", plain("zh", "ngo_form.summary_header"))
    assert code_label in summary.text
    await choose(li, t("zh", "common.buttons.submit"), plain("zh", "ngo_form.submitted"))
    [ngo] = db_rows(sandbox, "SELECT registration, registration_number FROM ngos")
    assert ngo["registration"] == "registered" and ngo["registration_number"] != USCC


async def test_an_ngo_that_switches_to_not_yet_registered_is_stored_without_a_code(sandbox):
    li = sandbox.user(406, "李主任", lang="zh")
    await ngo_form_to_summary(li)
    edit_registration = edit_button("zh", "labels.registration")
    await choose(li, edit_registration, plain("zh", "ngo_form.ask_registration"))
    await choose(li, t("zh", "registration.in_process"), plain("zh", "ngo_form.summary_header"), within=1)
    await choose(li, t("zh", "common.buttons.submit"), plain("zh", "ngo_form.submitted"))
    [ngo] = db_rows(sandbox, "SELECT registration, registration_number FROM ngos")
    assert (ngo["registration"], ngo["registration_number"]) == ("in_process", None)


async def test_each_intro_counts_the_questions_the_step_counter_then_shows(sandbox):
    tom = sandbox.user(407, "Tom", lang="en")
    await tom.send("/start")
    await expect(tom, plain("en", "start.ask_role"))
    await tom.press(t("en", "start.buttons.ngo"))
    first = await tom.next_message()  # what comes, then the first question: one message
    intro, question = plain("en", "ngo_form.intro", count=7), plain("en", "ngo_form.ask_name")
    assert plain("en", "start.role_chosen_ngo") in first.text
    assert first.text.index(intro) < first.text.index(question)
    assert plain("en", "common.step", n=1, total=7) in first.text
    await answer(tom, "Sunshine Elder Care", plain("en", "ngo_form.ask_registration"))
    code = await choose(tom, t("en", "registration.registered"),
                        plain("en", "ngo_form.ask_registration_number"))
    assert plain("en", "common.step", n=3, total=8) in code.text


async def test_answers_typed_in_quick_succession_are_taken_in_order(sandbox):
    tom = sandbox.user(408, "Tom", lang="en")
    await start_worker_profile(tom)
    for text in ("Tom Li", "139 1234 5679", "Lixia", "counselling"):  # before any reply arrives
        await tom.send(text)
    await expect(tom, plain("en", "skills.understood"), within=6)
    answers = draft_answers(sandbox, 408)
    assert (answers["name"], answers["phone"], answers["district"]) == ("Tom Li", "+8613912345679", "lixia")
