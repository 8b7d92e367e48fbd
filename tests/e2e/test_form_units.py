"""Numbers in forms: units are understood and converted, stray words are refused, and every
number in a summary is shown with its unit."""

from __future__ import annotations

from bot.texts import t

from .chat import (
    answer,
    choose,
    draft_answers,
    edit_button,
    plain,
    register_ngo,
    request_form_to_summary,
    worker_profile_to_summary,
)


async def test_a_duration_in_months_is_converted_to_weeks_said_back_and_shown_with_units(sandbox):
    li = sandbox.user(301, "李主任", lang="zh")
    await register_ngo(li)
    summary = await request_form_to_summary(li, "周末助老活动组织者", "明天", duration="3个月")
    assert summary.text.startswith("好的，3 个月按 13 周记。")
    for line in ("服务周期：13 周", "每周可服务时长：6 小时", "需要人数：2 人", "工作语言：不限"):
        assert line in summary.text
    assert draft_answers(sandbox, 301)["duration_weeks"] == 13


async def test_an_english_summary_shows_years_hours_and_ngos_with_their_units(sandbox):
    tom = sandbox.user(501, "Tom", lang="en")
    await worker_profile_to_summary(tom)
    summary = tom.transcript()[-1]
    for line in ("Experience: 3 years", "Time per week: 10 hours", "Placements at once: 1 NGO"):
        assert line in summary.text


async def test_a_number_inside_markup_is_refused_and_one_with_filler_is_said_back(sandbox):
    tom = sandbox.user(502, "Tom", lang="en")
    await worker_profile_to_summary(tom)
    await choose(tom, edit_button("en", "labels.hours_per_week"), plain("en", "worker_form.ask_hours"))
    refusal = await answer(tom, "<b>x</b><script>alert(1)</script>",
                           plain("en", "errors.number_with_words", number="1", example=10))
    assert refusal.text.startswith("I see the number 1")
    assert draft_answers(sandbox, 502)["hours_per_week"] == 10  # unchanged
    summary = await answer(tom, "about 12 a week", plain("en", "worker_form.summary_header"))
    assert summary.text.startswith(t("en", "numbers.understood", value="12 hours a week"))
    assert "Time per week: 12 hours" in summary.text
