"""Reading what people really write: traditional characters, pinyin slips, English typos,
British spellings, word order, filler words, run-on Chinese, and look-alikes that mean
something else."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from matching import MatchSettings, Request, Worker, match
from matching.terms import same_term
from matching.text import fold, similarity
from matching.vocabulary import KINDS, entries, normalise

CUTOFF = MatchSettings().fuzzy_cutoff
CONFIRM_BELOW = MatchSettings().confirm_below
FALSE_FRIENDS = tomllib.loads(
    (Path(__file__).parents[2] / "matching" / "data" / "false_friends.toml").read_text(encoding="utf-8")
)["pair"]


def read(text: str, kind: str = "skill") -> list[tuple[str | None, float]]:
    return [(found.id, found.confidence) for found in normalise(text, kind)]


def ids(text: str, kind: str = "skill") -> list[str | None]:
    return [found.id for found in normalise(text, kind)]


@pytest.mark.parametrize("pair", FALSE_FRIENDS, ids=[p["text"] for p in FALSE_FRIENDS])
def test_a_known_false_friend_is_never_read_as_the_term_it_resembles(pair):
    assert pair["not"] not in ids(pair["text"], pair["kind"])
    assert similarity(fold(pair["text"]), fold(pair["looks_like"]), CUTOFF) == 0.0


def test_every_false_friend_names_a_real_term_of_its_kind():
    for pair in FALSE_FRIENDS:
        assert pair["not"] in {term.id for term in entries(pair["kind"])}, pair


@pytest.mark.parametrize(
    ("text", "kind", "term"),
    [
        ("心理諮詢", "skill", "psychological_counselling"),
        ("個案工作、小組工作", "skill", "case_work"),
        ("社區工作", "skill", "community_work"),
        ("老年人服務", "field", "elderly_services"),
        ("長清縣", "district", "changqing"),
        ("歷下區", "district", "lixia"),
    ],
)
def test_traditional_characters_read_as_simplified(text, kind, term):
    assert term in ids(text, kind)


def test_a_pinyin_homophone_is_understood_and_confirmed():
    ((term, confidence),) = read("个按工作")
    assert term == "case_work"
    assert CUTOFF <= confidence < CONFIRM_BELOW + 1  # asked about, not taken on trust
    assert read("个案工作") == [("case_work", 100.0)]


def test_a_near_homophone_scores_lower_than_a_homophone():
    homophone = similarity(fold("个按工作"), fold("个案工作"), 0)
    near = similarity(fold("个盎工作"), fold("个案工作"), 0)  # ang for an
    assert homophone > near > 0


def test_two_homophones_alone_are_not_the_same_word():
    assert ids("兼职") == [None]  # part-time, not 剪纸 paper-cutting
    assert similarity(fold("兼职"), fold("剪纸"), 0) < CUTOFF


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Psycological Counseling", "psychological_counselling"),
        ("counselling psychological", "psychological_counselling"),
        ("psychological counsellor", "psychological_counselling"),
        ("case wrk", "case_work"),
        ("casework", "case_work"),
        ("Fund raising", "fundraising"),
        ("fundrasing", "fundraising"),
        ("grant applications", "fundraising"),
        ("elderly caring", "elderly_care"),
    ],
)
def test_english_typos_plurals_spellings_and_word_order_are_forgiven(text, term):
    assert ids(text) == [term]


def test_a_one_word_typo_is_asked_about():
    ((term, confidence),) = read("fundrasing")
    assert term == "fundraising" and confidence < CONFIRM_BELOW


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("擅长个案工作", "case_work"),
        ("熟悉社区工作", "community_work"),
        ("3年社区工作经验", "community_work"),
        ("Experienced in case work", "case_work"),
        ("good at fundraising", "fundraising"),
        ("I can do counselling", "psychological_counselling"),
    ],
)
def test_filler_words_around_a_skill_are_cut(text, term):
    assert ids(text) == [term]


def test_a_filler_is_never_cut_out_of_a_real_word():
    assert fold("会计") == "会计"  # accounting, not 会 ("can") + 计


def test_chinese_run_together_is_cut_into_known_skills():
    assert ids("心理咨询个案工作") == ["psychological_counselling", "case_work"]
    assert ids("個案工作小組工作") == ["case_work", "group_work"]


def test_every_vocabulary_form_still_names_its_own_term():
    for kind in KINDS:
        for term in entries(kind):
            for form in term.forms:
                assert ids(form, kind) == [term.id], (kind, form)


@pytest.mark.parametrize("text", ["Lìxià Qū", "li xia", "济南市历下区", "山东省济南市历下区", "歷下"])
def test_districts_are_read_with_tones_prefixes_and_spaces(text):
    assert ids(text, "district") == ["lixia"]


@pytest.mark.parametrize(
    ("text", "district"), [("历城县", "licheng"), ("章丘市", "zhangqiu"), ("莱芜市莱城区", "laiwu")]
)
def test_former_district_names_reach_todays_district(text, district):
    assert ids(text, "district") == [district]


def test_an_unknown_district_equals_only_itself():
    assert not same_term("朝阳区", "朝阳县", "district", CUTOFF)
    assert same_term("朝阳区", "朝阳区", "district", CUTOFF)


def test_free_text_on_both_sides_is_judged_on_whole_words_in_both_twins():
    worker = Worker(
        id="w", name="w", skills=("social networking",), fields=(), district="lixia",
        languages=("mandarin",), hours_per_week=20, certification="assistant", max_placements=1, remote_ok=False,
    )  # fmt: skip
    request = Request(
        id="r", ngo_id="n", skills=("social wrking",), field="", district="lixia", remote_ok=False,
        hours_per_week=5, headcount=1, min_certification="none", languages=(),
    )  # fmt: skip
    assert match([worker], [request], MatchSettings(min_score=0)).candidates["r"] == ()
