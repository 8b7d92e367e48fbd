"""The vocabulary data and how free text becomes canonical ids."""

from __future__ import annotations

import re

import pytest

from matching import CERTIFICATION_LEVELS, KINDS, certification_rank, entries, label, normalise
from matching.text import fold

CJK = re.compile(r"[\u4e00-\u9fff]")


def ids(text: str, kind: str = "skill") -> list[str | None]:
    return [item.id for item in normalise(text, kind)]


# --- the data files ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_term_has_an_id_an_english_and_a_chinese_label(kind):
    for term in entries(kind):
        assert re.fullmatch(r"[a-z][a-z0-9_]*", term.id), term.id
        assert term.en.strip() and CJK.search(term.zh), term


def test_ids_are_unique_across_every_kind_so_a_label_lookup_is_unambiguous():
    all_ids = [term.id for kind in KINDS for term in entries(kind)]
    assert len(all_ids) == len(set(all_ids))


@pytest.mark.parametrize("kind", KINDS)
def test_no_written_form_names_two_terms_of_the_same_kind(kind):
    owner: dict[str, str] = {}
    for term in entries(kind):
        for form in {fold(form) for form in term.forms}:
            assert owner.setdefault(form, term.id) == term.id, (form, owner[form], term.id)


def test_the_vocabulary_covers_the_skills_the_association_deals_with():
    skill_ids = {term.id for term in entries("skill")}
    assert {
        "psychological_counselling", "legal_education", "conflict_mediation", "elderly_care",
        "environmental_protection", "traditional_culture", "paper_cutting", "traditional_opera",
        "traditional_crafts", "poverty_alleviation", "disability_services", "youth_services",
        "family_marriage", "community_corrections", "drug_rehabilitation", "medical_social_work",
        "school_social_work", "case_work", "group_work", "community_work", "project_management",
        "fundraising", "brand_marketing", "bookkeeping", "volunteer_management",
        "training_teaching", "hairdressing",
    } <= skill_ids  # fmt: skip


def test_certification_levels_are_ordered_from_none_to_senior_with_bilingual_labels():
    assert CERTIFICATION_LEVELS == ("none", "assistant", "social_worker", "senior")
    assert [certification_rank(level) for level in CERTIFICATION_LEVELS] == [0, 1, 2, 3]
    assert label("assistant", "zh") == "助理社会工作师"
    assert label("social_worker", "zh") == "社会工作师"
    assert label("senior", "zh") == "高级社会工作师"
    with pytest.raises(ValueError, match="unknown certification"):
        certification_rank("expert")


def test_label_gives_either_language_and_returns_free_text_unchanged():
    assert label("psychological_counselling", "en") == "Psychological counselling"
    assert label("psychological_counselling", "zh") == "心理咨询"
    assert label("sand tray therapy", "zh") == "sand tray therapy"


# --- normalising free text --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "心理咨询",
        "Psychological counselling",
        "psychological counseling",
        "Psycological Counseling",
        "counselling psychological",
        "心理辅导",
        "心里咨询",
        "ＰＳＹＣＨＯＬＯＧＩＣＡＬ　ＣＯＵＮＳＥＬＬＩＮＧ",
    ],
)
def test_chinese_english_spelling_variants_typos_word_order_and_full_width_reach_one_id(text):
    assert ids(text) == ["psychological_counselling"]


def test_a_line_with_several_skills_and_every_separator_gives_each_id_in_order():
    line = "心理咨询, case wrk、小组工作；grant writing; 社区营造，社区矫正 / 理发"
    assert ids(line) == [
        "psychological_counselling", "case_work", "group_work", "fundraising",
        "community_work", "community_corrections", "hairdressing",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("haircut and massage", ["hairdressing", "massage"]),
        ("心理咨询和个案工作", ["psychological_counselling", "case_work"]),
        ("老年人照护及手工艺", ["elderly_care", "traditional_crafts"]),
        ("Counselling & group work", ["psychological_counselling", "group_work"]),
        ("心理咨询 个案工作 社区营造", ["psychological_counselling", "case_work", "community_work"]),
    ],
)
def test_and_or_spaces_between_chinese_words_separate_skills(text, expected):
    assert ids(text) == expected


def test_a_term_whose_name_contains_and_is_not_split():
    assert ids("family and marriage") == ["family_marriage"]
    assert ids("Bookkeeping and auditing") == ["bookkeeping"]


def test_text_matching_nothing_is_kept_as_free_text_with_zero_confidence():
    (item,) = normalise("sand tray therapy")
    assert item.id is None
    assert (item.source, item.en, item.zh, item.confidence) == (
        "sand tray therapy", "sand tray therapy", "sand tray therapy", 0.0,
    )  # fmt: skip


def test_a_mixed_line_keeps_known_terms_and_free_text_side_by_side():
    result = normalise("case work, 沙盘游戏, 理发")
    assert [(item.id, item.source) for item in result] == [
        ("case_work", "case work"), (None, "沙盘游戏"), ("hairdressing", "理发"),
    ]  # fmt: skip


def test_an_exact_form_is_fully_confident_and_a_typo_less_so():
    (exact,) = normalise("case work")
    (typo,) = normalise("case wrk")
    assert exact.confidence == 100.0
    assert 80.0 <= typo.confidence < 100.0
    assert typo.en == "Case work" and typo.zh == "个案工作" and typo.source == "case wrk"


def test_a_guess_under_the_confirmation_threshold_is_reported_with_its_confidence():
    (guess,) = normalise("lixai", "district")
    assert guess.id == "lixia"
    assert guess.confidence < 90.0  # the bot asks "did you mean Lixia District?"


def test_canonical_ids_pass_through_unchanged():
    assert ids("psychological_counselling, case_work") == ["psychological_counselling", "case_work"]
    assert ids("shizhong", "district") == ["shizhong"]


def test_a_repeated_skill_is_listed_once():
    assert ids("心理咨询, psychological counselling, counseling") == ["psychological_counselling"]


def test_very_short_latin_text_matches_only_exactly():
    assert ids("pr") == ["brand_marketing"]
    assert ids("xr") == [None]


def test_empty_text_and_bare_punctuation_give_nothing():
    assert normalise("") == ()
    assert normalise(" ，、;") == ()


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown vocabulary kind"):
        normalise("x", "colour")


@pytest.mark.parametrize(
    ("district", "forms"),
    [
        ("lixia", ["Lixia", "Lixia District", "历下区", "lixia qu", "历下"]),
        ("shizhong", ["Shizhong", "Shizhong District", "市中区", "shizhong qu"]),
        ("huaiyin", ["Huaiyin", "Huaiyin District", "槐荫区", "huaiyin qu"]),
        ("tianqiao", ["Tianqiao", "Tianqiao District", "天桥区", "tianqiao qu"]),
        ("licheng", ["Licheng", "Licheng District", "历城区", "licheng qu"]),
        ("changqing", ["Changqing", "Changqing District", "长清区", "changqing qu"]),
        ("zhangqiu", ["Zhangqiu", "Zhangqiu District", "章丘区", "zhangqiu qu"]),
        ("jiyang", ["Jiyang", "Jiyang District", "济阳区", "jiyang qu"]),
        ("laiwu", ["Laiwu", "Laiwu District", "莱芜区", "laiwu qu"]),
        ("gangcheng", ["Gangcheng", "Gangcheng District", "钢城区", "gangcheng qu"]),
        ("pingyin", ["Pingyin", "Pingyin County", "平阴县", "pingyin xian"]),
        ("shanghe", ["Shanghe", "Shanghe County", "商河县", "shanghe xian"]),
    ],
)
def test_every_jinan_district_in_chinese_pinyin_and_english_reaches_one_id(district, forms):
    for form in forms:
        assert ids(form, "district") == [district], form


def test_neighbouring_districts_with_similar_names_stay_apart():
    assert ids("历城区", "district") == ["licheng"]
    assert ids("历下区", "district") == ["lixia"]
    assert ids("Huaiyin", "district") != ids("Pingyin", "district")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("普通话", ["mandarin"]),
        ("Mandarin, English", ["mandarin", "english"]),
        ("济南话", ["jinan_dialect"]),
        ("山东话和手语", ["jinan_dialect", "sign_language"]),
        ("Chinese Sign Language", ["sign_language"]),
        ("粤语", ["cantonese"]),
        ("Klingon", [None]),
    ],
)
def test_languages_including_the_local_dialect_and_sign_language(text, expected):
    assert ids(text, "language") == expected


def test_fields_are_their_own_vocabulary():
    assert ids("养老", "field") == ["elderly_services"]
    assert ids("elderly care", "skill") == ["elderly_care"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("法律宣传", "legal_education"), ("养老服务", "elderly_care"), ("普法宣传", "legal_education"),
     ("新媒体宣传", "brand_marketing")],
)
def test_words_people_type_in_requests_reach_the_skill_they_mean_not_a_look_alike(text, expected):
    [found] = normalise(text)
    assert found.id == expected
