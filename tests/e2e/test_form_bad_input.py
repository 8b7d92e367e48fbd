"""Every bad answer gets a reply that says what was wrong, the same question is asked again,
and a good answer then moves the form on. Buttons of older prompts and forged button data get
the "old button" alert and change nothing."""

import re

from bot.texts import t

from .chat import (
    ACCOUNT,
    answer,
    choose,
    db_rows,
    draft_answers,
    edit_button,
    expect,
    opening,
    plain,
    register_ngo,
    send_media,
    start_worker_profile,
    tick,
    worker_profile_to_district,
    worker_profile_to_summary,
)
from .driver import ChatUser

OLD_BUTTON = t("en", "alerts.old_button")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


async def refused(user: ChatUser, reason: str, question: str) -> None:
    """The bot's next two messages: what was wrong, then the same question again."""
    said = await user.next_message()
    assert reason in said.text, f"expected {reason!r}, got {said.text!r}"
    again = await user.next_message()
    assert question in again.text, f"expected the question {question!r} again, got {again.text!r}"


async def typed_and_refused(user: ChatUser, text: str, reason: str, question: str) -> None:
    await user.send(text)
    await refused(user, reason, question)


async def test_bad_names_and_phones_are_refused_with_the_reason_and_asked_again(sandbox):
    tom = sandbox.user(501, "Tom", lang="en")
    await start_worker_profile(tom)
    ask_name, ask_phone = plain("en", "worker_form.ask_name"), plain("en", "worker_form.ask_phone")
    await typed_and_refused(tom, "x" * 101, plain("en", "errors.too_long", max=100, length=101), ask_name)
    await typed_and_refused(tom, "12345", plain("en", "errors.name_without_letters"), ask_name)
    await answer(tom, "x" * 100, ask_phone, within=1)

    await typed_and_refused(tom, "call me maybe", plain("en", "errors.bad_phone"), ask_phone)
    await typed_and_refused(tom, "139 1234 567", plain("en", "errors.mobile_length", count=10), ask_phone)
    await answer(tom, "139 1234 5679", plain("en", "worker_form.ask_district"), within=2)
    assert draft_answers(sandbox, 501)["phone"] == "+8613912345679"


async def test_a_sticker_or_a_photo_where_text_is_asked_gets_a_reply_and_the_question_again(sandbox):
    tom = sandbox.user(502, "Tom", lang="en")
    await start_worker_profile(tom)
    not_text, ask_name = plain("en", "errors.not_text"), plain("en", "worker_form.ask_name")
    send_media(sandbox, tom, "sticker")
    await refused(tom, not_text, ask_name)
    send_media(sandbox, tom, "photo")
    await refused(tom, not_text, ask_name)
    await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"), within=1)


async def test_a_sticker_outside_any_form_is_answered_too(sandbox):
    tom = sandbox.user(503, "Tom", lang="en")
    send_media(sandbox, tom, "sticker")
    assert plain("en", "errors.not_text") in (await tom.next_message()).text


async def test_numbers_out_of_range_are_refused_with_the_range(sandbox):
    tom = sandbox.user(504, "Tom", lang="en")
    await worker_profile_to_summary(tom)
    ask_years, ask_hours = plain("en", "worker_form.ask_years"), plain("en", "worker_form.ask_hours")
    await choose(tom, edit_button("en", "labels.years_experience"),
                 ask_years)
    await typed_and_refused(tom, "61", plain("en", "errors.out_of_range", low=0, high=60, value=61),
                            ask_years)
    await answer(tom, "60", plain("en", "worker_form.summary_header"), within=1)

    await choose(tom, edit_button("en", "labels.hours_per_week"),
                 ask_hours)
    for hours in ("0", "61"):
        await typed_and_refused(tom, hours, plain("en", "errors.out_of_range", low=1, high=60, value=hours),
                                ask_hours)
    await answer(tom, "60", plain("en", "worker_form.summary_header"), within=1)
    await choose(tom, t("en", "common.buttons.submit"), plain("en", "worker_form.submitted"))
    [row] = db_rows(sandbox, "SELECT years_experience, hours_per_week FROM workers")
    assert (row["years_experience"], row["hours_per_week"]) == (60, 60)


async def test_typing_where_only_buttons_are_accepted_asks_to_tap_them(sandbox):
    tom = sandbox.user(505, "Tom", lang="en")
    await worker_profile_to_summary(tom)
    use_buttons, ask_fields = plain("en", "errors.use_buttons"), plain("en", "worker_form.ask_fields")
    summary = plain("en", "worker_form.summary_header")
    await typed_and_refused(tom, "Looks good, send it", use_buttons, summary)

    await choose(tom, edit_button("en", "labels.fields"), ask_fields)
    await typed_and_refused(tom, "Youth", use_buttons, ask_fields)
    await tick(tom, "Disability inclusion")
    await choose(tom, t("en", "common.buttons.done"), plain("en", "worker_form.summary_header"), within=1)
    assert set(draft_answers(sandbox, 505)["fields"]) == {"youth", "disability"}


async def test_an_unknown_district_typed_is_refused_and_a_known_one_typed_is_taken(sandbox):
    tom = sandbox.user(506, "Tom", lang="en")
    await worker_profile_to_district(tom)
    await typed_and_refused(tom, "Atlantis", plain("en", "errors.use_buttons"),
                            plain("en", "worker_form.ask_district"))
    await answer(tom, "tianqiao", plain("en", "worker_form.ask_skills"), within=1)


async def test_a_button_of_an_older_prompt_gets_an_alert_and_changes_nothing(sandbox):
    tom = sandbox.user(507, "Tom", lang="en")
    await worker_profile_to_district(tom)
    await answer(tom, "Lixia", plain("en", "worker_form.ask_skills"))  # typed: the buttons stay
    old = await tom.press("Shizhong District")
    answered = await tom.callback_answer(old.query_id)
    assert (answered.answer_text, answered.show_alert) == (OLD_BUTTON, True)
    await answer(tom, "counselling", plain("en", "skills.understood"), within=1)
    assert draft_answers(sandbox, 507)["district"] == "lixia"


async def test_forged_form_buttons_get_an_alert_and_the_form_goes_on(sandbox):
    tom = sandbox.user(508, "Tom", lang="en")
    await worker_profile_to_district(tom)
    [draft] = db_rows(sandbox, f"SELECT revision FROM drafts WHERE person_id = {ACCOUNT}", 508)
    revision = draft["revision"]
    forged = ("f:", "f:garbage", "f:::", f"f:{revision}:zz:lixia", f"f:{revision}:c:atlantis",
              f"f:{revision}:e:name", f"f:{revision}:ok:", f"f:{revision}:t:lixia",
              f"f:{revision + 1}:c:lixia", "f:-1:c:lixia", "f:" + "9" * 60, "f:1:c:\u202e")
    for data in forged:
        query = await tom.forge_callback(data)
        answered = await tom.callback_answer(query)
        assert (answered.answer_text, answered.show_alert) == (OLD_BUTTON, True), data
    await choose(tom, "Lixia District", plain("en", "worker_form.ask_skills"), within=1)
    assert draft_answers(sandbox, 508)["district"] == "lixia"


async def test_bad_titles_headcounts_and_dates_in_a_request_are_refused_and_asked_again(sandbox):
    li = sandbox.user(509, "李主任", lang="zh")
    await register_ngo(li)
    await li.send("/requests")
    await expect(li, plain("zh", "requests.header"))
    ask_title = plain("zh", "request_form.ask_title")
    await choose(li, t("zh", "requests.buttons.new"), ask_title, within=2)
    await typed_and_refused(li, "长" * 101, plain("zh", "errors.too_long", max=100, length=101), ask_title)
    await answer(li, "周末助老活动组织者", plain("zh", "request_form.ask_description"), within=1)
    await answer(li, "组织社区老人活动。", plain("zh", "request_form.ask_skills"))
    await answer(li, "小组工作", plain("zh", "skills.understood"))
    await choose(li, t("zh", "skills.buttons.yes"), plain("zh", "request_form.ask_field"))
    await answer(li, "为老服务", plain("zh", "request_form.ask_district"))
    await answer(li, "历下", plain("zh", "request_form.ask_remote"))
    await answer(li, "不", plain("zh", "request_form.ask_hours"))
    await answer(li, "6", plain("zh", "request_form.ask_headcount"))
    ask_headcount = plain("zh", "request_form.ask_headcount")
    await typed_and_refused(li, "21", plain("zh", "errors.out_of_range", low=1, high=20, value=21),
                            ask_headcount)
    await answer(li, "20", plain("zh", "request_form.ask_min_certification"), within=1)
    await choose(li, "助理社会工作师", plain("zh", "request_form.ask_languages"))
    question = await choose(li, t("zh", "common.buttons.done"), opening("zh", "request_form.ask_start_date"))
    await date_refusals(li, question.text)
    await answer(li, "12", plain("zh", "request_form.summary_header"), within=1)


async def date_refusals(li: ChatUser, question: str) -> None:
    """A past date and an unreadable one are refused; the error's example is the question's."""
    ask_date = opening("zh", "request_form.ask_start_date")
    await typed_and_refused(li, "2020-01-01", plain("zh", "errors.date_in_past", date="2020-01-01"), ask_date)
    await li.send("等资金到位再说")
    unreadable = await li.next_message()
    assert opening("zh", "errors.bad_date") in unreadable.text
    assert ISO_DATE.findall(unreadable.text) == ISO_DATE.findall(question)
    assert opening("zh", "request_form.ask_start_date") in (await li.next_message()).text
    await answer(li, "明天", plain("zh", "request_form.ask_duration"), within=1)


async def test_back_typed_at_the_first_question_asks_it_again(sandbox):
    tom = sandbox.user(510, "Tom", lang="en")
    await start_worker_profile(tom)
    await answer(tom, t("en", "common.buttons.back"), plain("en", "worker_form.ask_name"), within=1)
    await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"), within=1)


async def test_a_contact_shared_where_a_name_is_asked_is_refused_and_the_name_asked_again(sandbox):
    tom = sandbox.user(511, "Tom", lang="en", phone="+8613912345679")
    await start_worker_profile(tom)
    await tom.send_contact()
    await refused(tom, plain("en", "errors.not_text"), plain("en", "worker_form.ask_name"))
    await answer(tom, "Tom Li", plain("en", "worker_form.ask_phone"), within=1)


async def test_a_sticker_where_buttons_are_asked_points_at_the_buttons(sandbox):
    tom = sandbox.user(512, "Tom", lang="en")
    await worker_profile_to_summary(tom)
    send_media(sandbox, tom, "sticker")
    await refused(tom, plain("en", "errors.use_buttons"), plain("en", "worker_form.summary_header"))
    await choose(tom, edit_button("en", "labels.languages"),
                 plain("en", "worker_form.ask_languages"), within=1)
    send_media(sandbox, tom, "photo")
    await refused(tom, plain("en", "errors.use_buttons"), plain("en", "worker_form.ask_languages"))
