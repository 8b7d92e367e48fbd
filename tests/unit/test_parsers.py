"""The form parsers: what each accepts, what it refuses and why, and that none of them raises."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.parsers import (
    Invalid,
    Ok,
    ParseResult,
    example_date,
    format_phone,
    latest_start_date,
    parse_choice,
    parse_description,
    parse_duration_weeks,
    parse_headcount,
    parse_hours_per_week,
    parse_int_in_range,
    parse_introduction,
    parse_name,
    parse_phone,
    parse_placements_at_once,
    parse_reason,
    parse_registration_number,
    parse_service_hours,
    parse_skills_text,
    parse_start_date,
    parse_title,
    parse_years_of_experience,
    parse_yes_no,
    uscc_check_character,
)
from bot.texts import LANGUAGES

TODAY = date(2026, 11, 28)  # a Saturday
VALID_USCC = "91350100M000100Y43"  # the example of GB 32100-2015


def reason(result: ParseResult[object]) -> str:
    assert isinstance(result, Invalid), f"expected a refusal, got {result!r}"
    return result.key


# --- names, titles, free text ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("张三", "张三"),
        ("  Li   Wei \n", "Li Wei"),
        ("欧阳\u3000娜娜", "欧阳 娜娜"),
        ("María-José O'Neill", "María-José O'Neill"),
        ("王" * 100, "王" * 100),
        ("A", "A"),
    ],
)
def test_a_name_is_trimmed_and_its_inner_spaces_collapsed(typed: str, kept: str) -> None:
    assert parse_name(typed) == Ok(kept)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("", "errors.empty"),
        ("   \n\t ", "errors.empty"),
        ("王" * 101, "errors.too_long"),
        ("Li\x00Wei", "errors.control_characters"),
        ("Li\x1bWei", "errors.control_characters"),
        ("Li\u202eieW", "errors.control_characters"),
        ("13912345678", "errors.name_without_letters"),
        ("🙂🙂", "errors.name_without_letters"),
    ],
)
def test_a_name_that_is_empty_too_long_or_not_a_name_is_refused(typed: str, why: str) -> None:
    assert reason(parse_name(typed)) == why


def test_too_long_says_how_long_it_was_and_how_long_it_may_be() -> None:
    result = parse_title("x" * 130)
    assert result == Invalid("errors.too_long", {"max": 100, "length": 130})
    assert "130" in result.render("en") and "100" in result.render("zh")


def test_a_title_may_be_digits_and_up_to_a_hundred_characters() -> None:
    assert parse_title("2026 暑期 社区 活动") == Ok("2026 暑期 社区 活动")
    assert parse_title("t" * 100) == Ok("t" * 100)
    assert reason(parse_title("t" * 101)) == "errors.too_long"


def test_a_description_keeps_its_line_breaks_but_not_runs_of_blank_lines() -> None:
    typed = "  第一段  \r\n\r\n\r\n\r\n第二段\twith a tab\n"
    assert parse_description(typed) == Ok("第一段\n\n第二段\twith a tab")


@pytest.mark.parametrize(
    ("parser", "limit"),
    [(parse_description, 1000), (parse_introduction, 500), (parse_reason, 500)],
)
def test_long_texts_are_accepted_up_to_their_limit_and_refused_beyond(
    parser: Callable[[str], ParseResult[str]], limit: int
) -> None:
    assert parser("字" * limit) == Ok("字" * limit)
    assert parser("字" * (limit + 1)) == Invalid("errors.too_long", {"max": limit, "length": limit + 1})


def test_a_description_with_a_control_character_is_refused() -> None:
    assert reason(parse_description("line one\x07\nline two")) == "errors.control_characters"


def test_skills_are_split_at_commas_enumeration_commas_semicolons_slashes_and_lines() -> None:
    typed = "心理咨询、长者照护, grant  writing；社区活动\n危机干预/个案管理,,"
    assert parse_skills_text(typed) == Ok(
        ("心理咨询", "长者照护", "grant writing", "社区活动", "危机干预", "个案管理")
    )


@pytest.mark.parametrize("typed", ["", "  ", "、，,;"])
def test_skills_with_nothing_but_separators_are_empty(typed: str) -> None:
    assert reason(parse_skills_text(typed)) == "errors.empty"


# --- numbers --------------------------------------------------------------------------------

NUMBER_SPELLINGS = [
    ("20", 20),
    ("２０", 20),
    (" 20 ", 20),
    ("二十", 20),
    ("twenty", 20),
    ("about 20", 20),
    ("大概20", 20),
    ("20.0", 20),
    ("十五", 15),
    ("twenty-five", 25),
    ("两", 2),
    ("两个", 2),
    ("十", 10),
    ("一", 1),
]


@pytest.mark.parametrize(("typed", "value"), NUMBER_SPELLINGS)
def test_a_number_is_read_in_digits_full_width_chinese_or_english_words(typed: str, value: int) -> None:
    assert parse_int_in_range(typed, 0, 60) == Ok(value)


@pytest.mark.parametrize("typed", ["20 hours", "20h", "20小时", "20个小时", "每周20小时", "一周二十小时",
                                   "一般每周20个小时左右", "about 20 a week", "20 hrs per week"])
def test_hours_a_week_are_read_with_their_unit_and_filler(typed: str) -> None:
    result = parse_hours_per_week(typed)
    assert result == Ok(20)


@pytest.mark.parametrize(
    ("typed", "weeks", "said_en"),
    [
        ("3 months", 13, "Noted: 3 months counts as 13 weeks."),
        ("3个月", 13, "Noted: 3 months counts as 13 weeks."),
        ("三个月", 13, "Noted: 3 months counts as 13 weeks."),
        ("1 month", 4, "Noted: 1 month counts as 4 weeks."),
        ("1年", 52, "Noted: 1 year counts as 52 weeks."),
        ("10天", 2, "Noted: 10 days counts as 2 weeks."),
        ("大概12周", 12, "Noted: 12 weeks."),
        ("12 weeks", 12, None),
        ("12周", 12, None),
        ("12", 12, None),
    ],
)
def test_a_duration_in_other_units_is_converted_to_weeks_and_said_back(typed: str, weeks: int,
                                                                        said_en: str | None) -> None:
    result = parse_duration_weeks(typed)
    assert result == Ok(weeks)
    assert isinstance(result, Ok) and (result.note.render("en") if result.note else None) == said_en


def test_a_conversion_is_said_back_in_chinese_too() -> None:
    result = parse_duration_weeks("3 个月")
    assert isinstance(result, Ok) and result.note is not None
    assert result.note.render("zh") == "好的，3 个月按 13 周记。"


def parse_service_hours_to_1000(text: str) -> ParseResult[int]:
    return parse_service_hours(text, 0, 1000)


def parse_int_in_range_plain(text: str) -> ParseResult[int]:
    return parse_int_in_range(text, 0, 60)


@pytest.mark.parametrize(
    ("parser", "typed", "value"),
    [
        (parse_years_of_experience, "5年", 5), (parse_years_of_experience, "做了5年社工", 5),
        (parse_years_of_experience, "5 years of experience", 5), (parse_years_of_experience, "18个月", 2),
        (parse_headcount, "2位社工", 2), (parse_headcount, "two people", 2), (parse_headcount, "需要3人", 3),
        (parse_placements_at_once, "2家", 2), (parse_placements_at_once, "2 NGOs at once", 2),
        (parse_service_hours_to_1000, "12 hours", 12), (parse_service_hours_to_1000, "一共12个小时", 12),
    ],
)
def test_each_count_takes_the_words_of_its_own_unit(parser, typed: str, value: int) -> None:
    assert parser(typed) == Ok(value)


@pytest.mark.parametrize(
    ("parser", "typed", "refusal"),
    [
        (parse_hours_per_week, "<b>x</b><script>alert(1)</script>",
         Invalid("errors.number_with_words", {"number": "1", "example": 10})),
        (parse_hours_per_week, "每天2小时", Invalid("errors.hours_per_week_only", {"number": "2", "example": 10})),
        (parse_hours_per_week, "2 hours a day", Invalid("errors.hours_per_week_only", {"number": "2", "example": 10})),
        (parse_hours_per_week, "10 weeks", Invalid("errors.number_with_words", {"number": "10", "example": 10})),
        (parse_duration_weeks, "12 apples", Invalid("errors.number_with_words", {"number": "12", "example": 12})),
        (parse_headcount, "2 小时", Invalid("errors.number_with_words", {"number": "2", "example": 2})),
        (parse_int_in_range_plain, "room 12", Invalid("errors.number_with_words", {"number": "12", "example": 30})),
    ],
)
def test_a_number_among_words_that_are_no_unit_is_refused_saying_what_was_read(parser, typed: str,
                                                                               refusal: Invalid) -> None:
    assert parser(typed) == refusal


@pytest.mark.parametrize(
    ("typed", "value"),
    [("一百零四", 104), ("一百", 100), ("一百五", 150), ("九十九", 99), ("零", 0), ("〇", 0)],
)
def test_larger_chinese_numerals_are_read_positionally(typed: str, value: int) -> None:
    assert parse_int_in_range(typed, 0, 200) == Ok(value)


@pytest.mark.parametrize(
    ("parser", "low", "high"),
    [
        (parse_hours_per_week, 1, 60),
        (parse_headcount, 1, 20),
        (parse_years_of_experience, 0, 60),
        (parse_placements_at_once, 1, 5),
        (parse_duration_weeks, 1, 104),
    ],
)
def test_every_range_accepts_its_edges_and_refuses_one_beyond(
    parser: Callable[[str], ParseResult[float]], low: int, high: int
) -> None:
    assert parser(str(low)) == Ok(low)
    assert parser(str(high)) == Ok(high)
    for outside in (low - 1, high + 1):
        assert parser(str(outside)) == Invalid(
            "errors.out_of_range", {"low": low, "high": high, "value": str(outside)}
        )


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("", "errors.not_a_number"),
        ("a lot", "errors.not_a_number"),
        ("不知道", "errors.not_a_number"),
        ("10-20", "errors.one_number"),
        ("10 or 12", "errors.one_number"),
        ("三四个", "errors.one_number"),
        ("一两个", "errors.one_number"),
        ("2.5", "errors.not_whole_number"),
        ("-3", "errors.out_of_range"),
        ("−3", "errors.out_of_range"),
        ("999999999999999999999999", "errors.out_of_range"),
    ],
)
def test_a_headcount_that_is_not_one_whole_number_in_range_is_refused(typed: str, why: str) -> None:
    assert reason(parse_headcount(typed)) == why


def test_a_decimal_headcount_suggests_the_nearest_whole_number() -> None:
    assert parse_headcount("2.5") == Invalid("errors.not_whole_number", {"example": 3})


def test_an_absurdly_long_number_is_shown_shortened_in_the_reply() -> None:
    result = parse_duration_weeks("9" * 5000)
    assert isinstance(result, Invalid) and result.params["value"] == "9" * 12 + "…"


@pytest.mark.parametrize(("typed", "hours"), [("7.5", 7.5), ("７.５小时", 7.5), ("1.0", 1), ("59.9", 59.9)])
def test_hours_per_week_may_have_one_decimal_place(typed: str, hours: float) -> None:
    assert parse_hours_per_week(typed) == Ok(hours)


def test_whole_hours_come_back_as_an_int_so_they_show_without_a_decimal_point() -> None:
    result = parse_hours_per_week("20")
    assert isinstance(result, Ok) and type(result.value) is int


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("7.25", Invalid("errors.too_many_decimals", {"example": "7.3"})),
        ("0.5", Invalid("errors.out_of_range", {"low": 1, "high": 60, "value": "0.5"})),
        ("60.5", Invalid("errors.out_of_range", {"low": 1, "high": 60, "value": "60.5"})),
    ],
)
def test_hours_with_two_decimals_or_outside_one_to_sixty_are_refused(typed: str, refusal: Invalid) -> None:
    assert parse_hours_per_week(typed) == refusal


@pytest.mark.parametrize("typed", ["0", "无", "没有", "none", "新手", "刚入行", "零", "0年"])
def test_no_experience_is_zero_years(typed: str) -> None:
    assert parse_years_of_experience(typed) == Ok(0)


def test_a_custom_out_of_range_text_can_be_named() -> None:
    result = parse_int_in_range("9", 1, 5, "errors.not_a_number")
    assert isinstance(result, Invalid) and result.key == "errors.not_a_number"


# --- phone numbers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13912345678", "+8613912345678"),
        ("139 1234 5678", "+8613912345678"),
        ("139-1234-5678", "+8613912345678"),
        ("+86 139 1234 5678", "+8613912345678"),
        ("+86-13912345678", "+8613912345678"),
        ("86 13912345678", "+8613912345678"),
        ("0086 139 1234 5678", "+8613912345678"),
        ("(+86) 139 1234 5678", "+8613912345678"),
        ("１３９１２３４５６７８", "+8613912345678"),
        ("＋８６ １３９ １２３４ ５６７８", "+8613912345678"),
        ("19912345678", "+8619912345678"),
        ("0531-88886666", "+8653188886666"),
        ("0531 8888 6666", "+8653188886666"),
        ("(0531) 8888-6666", "+8653188886666"),
        ("（0531）88886666", "+8653188886666"),
        ("+86 531 8888 6666", "+8653188886666"),
        ("+86 (0)531 8888 6666", "+8653188886666"),
        ("88886666", "+8653188886666"),
        ("010-6512 3456", "+861065123456"),
        ("021 6888 1234", "+862168881234"),
        ("0532-8588 6666", "+8653285886666"),
        ("+1 415 555 2671", "+14155552671"),
        ("+49 151 12345678", "+4915112345678"),
        ("0044 20 7946 0958", "+442079460958"),
    ],
)
def test_a_phone_number_is_stored_in_e164_whatever_its_spelling(typed: str, stored: str) -> None:
    assert parse_phone(typed) == Ok(stored)


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("", Invalid("errors.empty")),
        ("abc", Invalid("errors.bad_phone")),
        ("我的电话是13912345678", Invalid("errors.bad_phone")),
        ("12345", Invalid("errors.bad_phone")),
        ("1234567", Invalid("errors.bad_phone")),
        ("+", Invalid("errors.bad_phone")),
        ("+0123456789", Invalid("errors.bad_phone")),
        ("+1234567", Invalid("errors.bad_phone")),
        ("+1234567890123456", Invalid("errors.bad_phone")),
        ("12912345678", Invalid("errors.bad_phone")),
        ("0531-1234567", Invalid("errors.bad_phone")),
        ("0532-8888666", Invalid("errors.bad_phone")),  # Qingdao numbers have 8 digits now
        ("139 1234 567", Invalid("errors.mobile_length", {"count": 10})),
        ("+86 139 1234 56789", Invalid("errors.mobile_length", {"count": 12})),
    ],
)
def test_a_phone_that_is_not_a_phone_is_refused_with_a_reason(typed: str, refusal: Invalid) -> None:
    assert parse_phone(typed) == refusal


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+8613912345678", "+86 139 1234 5678"),
        ("+8653188886666", "+86 531 8888 6666"),
        ("+8653285886666", "+86 532 8588 6666"),
        ("+861065123456", "+86 10 6512 3456"),
        ("+14155552671", "+1 415 555 2671"),
        ("+4915112345678", "+49 1511 2345678"),
        ("not a number", "not a number"),
    ],
)
def test_a_stored_phone_is_spaced_for_reading(stored: str, shown: str) -> None:
    assert format_phone(stored) == shown


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2026/12/1", date(2026, 12, 1)),
        ("2026.12.1", date(2026, 12, 1)),
        ("20261201", date(2026, 12, 1)),
        ("12/1/2026", date(2026, 12, 1)),
        ("2026年12月1日", date(2026, 12, 1)),
        ("2026 年 12 月 1 号", date(2026, 12, 1)),
        ("二〇二六年十二月一日", date(2026, 12, 1)),
        ("２０２６－１２－０１", date(2026, 12, 1)),
        ("12/1", date(2026, 12, 1)),
        ("12-1", date(2026, 12, 1)),
        ("12.1", date(2026, 12, 1)),
        ("12月1日", date(2026, 12, 1)),
        ("十二月一号", date(2026, 12, 1)),
        ("从12月1日开始", date(2026, 12, 1)),
        ("Dec 1", date(2026, 12, 1)),
        ("December 1st, 2027", date(2027, 12, 1)),
        ("1 December 2027", date(2027, 12, 1)),
        ("11/27", date(2027, 11, 27)),
        ("1月5日", date(2027, 1, 5)),
        ("2/29", date(2028, 2, 29)),
        ("11-28", date(2026, 11, 28)),
        ("2026-11-28", TODAY),
        ("2028-11-28", date(2028, 11, 28)),
    ],
)
def test_a_start_date_is_read_in_numeric_chinese_and_english_forms(typed: str, day: date) -> None:
    assert parse_start_date(typed, TODAY) == Ok(day)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("today", TODAY),
        ("今天", TODAY),
        ("ASAP", TODAY),
        ("尽快", TODAY),
        ("越快越好", TODAY),
        ("tomorrow", date(2026, 11, 29)),
        ("明天", date(2026, 11, 29)),
        ("后天", date(2026, 11, 30)),
        ("下周一", date(2026, 11, 30)),
        ("下星期三", date(2026, 12, 2)),
        ("下个礼拜天", date(2026, 12, 6)),
        ("下下周一", date(2026, 12, 7)),
        ("next monday", date(2026, 11, 30)),
        ("next Friday", date(2026, 12, 4)),
        ("monday", date(2026, 11, 30)),
        ("周六", date(2026, 12, 5)),
        ("saturday", date(2026, 12, 5)),
        ("本周日", date(2026, 11, 29)),
        ("next week", date(2026, 11, 30)),
        ("下周", date(2026, 11, 30)),
        ("下个月", date(2026, 12, 1)),
        ("next month", date(2026, 12, 1)),
        ("starting tomorrow", date(2026, 11, 29)),
        ("从明天开始", date(2026, 11, 29)),
        ("下周一起", date(2026, 11, 30)),
        ("from Dec 1", date(2026, 12, 1)),
    ],
)
def test_a_start_date_may_be_said_in_words(typed: str, day: date) -> None:
    assert parse_start_date(typed, TODAY) == Ok(day)


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("2026-11-27", Invalid("errors.date_in_past", {"date": "2026-11-27"})),
        ("2025年12月1日", Invalid("errors.date_in_past", {"date": "2025-12-01"})),
        ("本周五", Invalid("errors.date_in_past", {"date": "2026-11-27"})),
        ("2028-11-29", Invalid("errors.date_too_far", {"max_date": "2028-11-28"})),
        ("2031-01-01", Invalid("errors.date_too_far", {"max_date": "2028-11-28"})),
        ("2026-02-30", Invalid("errors.no_such_date", {"date": "2026-02-30"})),
        ("2026-13-01", Invalid("errors.no_such_date", {"date": "2026-13-01"})),
        ("2/30", Invalid("errors.no_such_date", {"date": "02-30"})),
        ("13.1", Invalid("errors.no_such_date", {"date": "13-01"})),
        ("soon", Invalid("errors.bad_date", {"example": "2026-12-01"})),
        ("", Invalid("errors.bad_date", {"example": "2026-12-01"})),
        ("12", Invalid("errors.bad_date", {"example": "2026-12-01"})),
        ("13912345678", Invalid("errors.bad_date", {"example": "2026-12-01"})),
    ],
)
def test_a_start_date_in_the_past_too_far_ahead_or_unreadable_is_refused(
    typed: str, refusal: Invalid
) -> None:
    assert parse_start_date(typed, TODAY) == refusal


def test_the_latest_start_date_from_a_leap_day_is_the_28th_of_february() -> None:
    assert latest_start_date(date(2028, 2, 29)) == date(2030, 2, 28)


def test_the_example_date_is_the_first_of_next_month_even_in_december() -> None:
    assert example_date(date(2026, 12, 31)) == "2027-01-01"


# --- yes / no and choices -------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["yes", "Yes!", "y", "Y", "yeah", "ok", "是", "是的", "是的呢", "对", "对的", "可以", "可以的", "行",
     "有", "嗯", "愿意", "当然", "👍"],
)  # fmt: skip
def test_yes_in_either_language_is_true(typed: str) -> None:
    assert parse_yes_no(typed) == Ok(True)


@pytest.mark.parametrize(
    "typed",
    ["no", "No.", "n", "nope", "否", "不", "不是", "不是的", "不对", "不可以", "不行", "没有", "无",
     "不需要", "👎"],
)  # fmt: skip
def test_no_in_either_language_is_false(typed: str) -> None:
    assert parse_yes_no(typed) == Ok(False)


@pytest.mark.parametrize("typed", ["", "maybe", "也许", "看情况", "yes and no", "的"])
def test_an_answer_that_is_neither_yes_nor_no_is_asked_again(typed: str) -> None:
    assert parse_yes_no(typed) == Invalid("errors.yes_or_no")


CERTIFICATION_LABELS = {
    "none": ["No certificate", "暂无证书"],
    "assistant": ["Assistant social worker (助理社会工作师)", "助理社会工作师"],
    "senior": ["Senior social worker (高级社会工作师)", "高级社会工作师"],
}


@pytest.mark.parametrize(
    ("typed", "chosen"),
    [("高级社会工作师", "senior"), ("  no CERTIFICATE ", "none"), ("✅ 暂无证书", "none")],
)
def test_a_typed_button_label_picks_that_choice(typed: str, chosen: str) -> None:
    assert parse_choice(typed, CERTIFICATION_LABELS) == Ok(chosen)


@pytest.mark.parametrize("typed", ["", "社会工作", "✅", "senior"])
def test_text_that_is_not_a_whole_label_asks_for_a_button(typed: str) -> None:
    assert parse_choice(typed, CERTIFICATION_LABELS) == Invalid("errors.use_buttons")


# --- unified social credit code -------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        (VALID_USCC, VALID_USCC),
        (VALID_USCC.lower(), VALID_USCC),
        ("9135 0100 M000 100Y 43", VALID_USCC),
        ("9135-0100-M000-100Y-43", VALID_USCC),
        ("９１３５０１００Ｍ０００１００Ｙ４３", VALID_USCC),
        ("51370100MJD1234568", "51370100MJD1234568"),
    ],
)
def test_a_valid_credit_code_is_accepted_in_upper_case_without_spaces(typed: str, code: str) -> None:
    assert parse_registration_number(typed) == Ok(code)


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("", Invalid("errors.empty")),
        ("123", Invalid("errors.uscc_length", {"length": 3})),
        (VALID_USCC + "0", Invalid("errors.uscc_length", {"length": 19})),
        ("91350100M000I00Y43", Invalid("errors.uscc_character", {"char": "I"})),
        ("91350100M000100O43", Invalid("errors.uscc_character", {"char": "O"})),
        ("91350100M000100Y44", Invalid("errors.uscc_checksum")),
        ("91350100M000100Y34", Invalid("errors.uscc_checksum")),
    ],
)
def test_a_credit_code_of_the_wrong_length_characters_or_check_character_is_refused(
    typed: str, refusal: Invalid
) -> None:
    assert parse_registration_number(typed) == refusal


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_any_seventeen_characters_with_their_check_character_make_a_valid_code(body: str) -> None:
    code = body + uscc_check_character(body)
    assert parse_registration_number(code) == Ok(code)
    wrong = next(ch for ch in "0123456789" if ch != code[-1])
    assert parse_registration_number(body + wrong) == Invalid("errors.uscc_checksum")


# --- the result values ----------------------------------------------------------------------


def test_a_reason_echoing_what_was_typed_is_html_escaped() -> None:
    result = parse_registration_number("<" * 18)
    assert result == Invalid("errors.uscc_character", {"char": "<"})
    assert "&lt;" in result.render("en") and "<b" not in result.render("zh")


def test_an_invalid_cannot_be_changed_after_it_is_made() -> None:
    params = {"max": 100, "length": 120}
    result = Invalid("errors.too_long", params)
    params["max"] = 1
    assert result.params["max"] == 100
    with pytest.raises(TypeError):
        result.params["max"] = 5  # type: ignore[index]


# --- no input makes a parser raise ----------------------------------------------------------

TEXT_PARSERS: dict[str, Callable[[str], ParseResult[object]]] = {
    "name": parse_name,
    "title": parse_title,
    "description": parse_description,
    "introduction": parse_introduction,
    "reason": parse_reason,
    "skills": parse_skills_text,
    "phone": parse_phone,
    "hours": parse_hours_per_week,
    "headcount": parse_headcount,
    "years": parse_years_of_experience,
    "placements": parse_placements_at_once,
    "weeks": parse_duration_weeks,
    "yes_no": parse_yes_no,
    "registration": parse_registration_number,
    "start_date": lambda text: parse_start_date(text, TODAY),
    "choice": lambda text: parse_choice(text, CERTIFICATION_LABELS),
}

# Text that looks like the answers the parsers look for, so the deep paths are exercised too.
FORM_LIKE_ALPHABET = (
    "0123456789+-./ ()年月日号周星期下本这一二两三四五六七八九十百零〇天明今小时个是否不对可以"
)
ARBITRARY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=FORM_LIKE_ALPHABET),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=3000),
    st.from_regex(r"[\x00-\x1f\u200b-\u202e\U0001F300-\U0001FAFF ]{0,40}", fullmatch=True),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.builds(lambda n: "9" * n, st.integers(min_value=4000, max_value=6000)),
)


def check_result(result: object) -> None:
    assert isinstance(result, Ok | Invalid), f"{result!r} is neither Ok nor Invalid"
    if isinstance(result, Invalid):
        assert result.key.startswith("errors.")
        for lang in LANGUAGES:
            assert result.render(lang).strip()


@pytest.mark.parametrize("name", sorted(TEXT_PARSERS))
@settings(max_examples=150, deadline=None)
@given(text=ARBITRARY_TEXT)
def test_no_text_makes_a_parser_raise_and_every_refusal_renders_in_both_languages(
    name: str, text: str
) -> None:
    check_result(TEXT_PARSERS[name](text))


@settings(max_examples=300, deadline=None)
@given(text=ARBITRARY_TEXT, today=st.dates(min_value=date(2000, 1, 1), max_value=date(2200, 12, 31)))
def test_any_start_date_accepted_lies_between_today_and_two_years_ahead(text: str, today: date) -> None:
    result = parse_start_date(text, today)
    check_result(result)
    if isinstance(result, Ok):
        assert today <= result.value <= latest_start_date(today) <= today + timedelta(days=731)


@settings(max_examples=300, deadline=None)
@given(text=ARBITRARY_TEXT)
def test_any_phone_accepted_is_e164(text: str) -> None:
    result = parse_phone(text)
    if isinstance(result, Ok):
        assert re.fullmatch(r"\+[1-9][0-9]{7,14}", result.value)
        assert parse_phone(result.value) == result


@settings(max_examples=300, deadline=None)
@given(text=ARBITRARY_TEXT, low=st.integers(-5, 50), span=st.integers(0, 100))
def test_any_number_accepted_lies_in_its_range(text: str, low: int, span: int) -> None:
    result = parse_int_in_range(text, low, low + span)
    check_result(result)
    if isinstance(result, Ok):
        assert low <= result.value <= low + span


@settings(max_examples=300, deadline=None)
@given(text=ARBITRARY_TEXT)
def test_any_name_accepted_is_one_trimmed_line_of_at_most_a_hundred_characters(text: str) -> None:
    result = parse_name(text)
    if isinstance(result, Ok):
        assert 0 < len(result.value) <= 100
        assert result.value == " ".join(result.value.split())
        assert parse_name(result.value) == result


@pytest.mark.parametrize(
    ("parser", "typed", "value", "said_zh"),
    [
        (parse_duration_weeks, "半年", 26, "好的，0.5 年按 26 周记。"),
        (parse_duration_weeks, "一个半月", 7, "好的，1.5 个月按 7 周记。"),
        (parse_duration_weeks, "3 and a half months", 15, "好的，3.5 个月按 15 周记。"),
        (parse_years_of_experience, "三年半", 3, "好的，3.5 年按 3 年记。"),  # whole years done
        (parse_hours_per_week, "7个半小时", 7.5, None),
    ],
)
def test_a_half_is_read_with_its_number(parser, typed: str, value: float, said_zh: str | None) -> None:
    result = parser(typed)
    assert result == Ok(value)
    assert isinstance(result, Ok) and (result.note.render("zh") if result.note else None) == said_zh
