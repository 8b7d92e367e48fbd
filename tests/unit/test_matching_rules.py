"""Hard rules (each with the reason it fails) and the explained soft score."""

from __future__ import annotations

import dataclasses

import pytest

from matching import MatchSettings, Request, Worker
from matching.rules import (
    capacity_rule,
    certification_rule,
    district_rule,
    failed_rules,
    hours_rule,
    is_eligible,
    language_rule,
    verified_rule,
)
from matching.scoring import score_pair

SETTINGS = MatchSettings()
WORKER = Worker(
    id="w1", name="李娜", skills=("psychological_counselling", "case_work"),
    fields=("elderly_services",), district="lixia", languages=("mandarin", "jinan_dialect"),
    hours_per_week=20, certification="social_worker", max_placements=2, remote_ok=False,
    years_experience=5,
)  # fmt: skip
REQUEST = Request(
    id="r1", ngo_id="n1", skills=("psychological_counselling", "case_work", "fundraising"),
    field="elderly_services", district="lixia", remote_ok=False, hours_per_week=10, headcount=1,
    min_certification="assistant", languages=("mandarin",),
)  # fmt: skip


def worker(**changes) -> Worker:
    return dataclasses.replace(WORKER, **changes)


def request(**changes) -> Request:
    return dataclasses.replace(REQUEST, **changes)


def test_a_well_suited_pair_passes_every_rule():
    assert failed_rules(WORKER, REQUEST, SETTINGS) == ()
    assert is_eligible(WORKER, REQUEST, SETTINGS)


def test_an_unverified_worker_is_never_matched():
    reason = verified_rule(worker(verified=False), REQUEST, SETTINGS)
    assert reason is not None and reason.en == "not verified yet" and reason.zh == "尚未通过审核"


def test_live_placements_count_against_the_workers_capacity():
    assert capacity_rule(worker(live_placements=1), REQUEST, SETTINGS) is None
    reason = capacity_rule(worker(live_placements=2), REQUEST, SETTINGS)
    assert reason is not None and reason.en == "already holds 2 of at most 2 placements"


def test_the_worker_must_offer_the_hours_the_request_needs():
    assert hours_rule(worker(hours_per_week=10), REQUEST, SETTINGS) is None
    reason = hours_rule(worker(hours_per_week=6), REQUEST, SETTINGS)
    assert reason is not None
    assert (reason.en, reason.zh) == ("offers 6 h/week, needs 10", "每周可服务 6 小时，需要 10 小时")


@pytest.mark.parametrize(
    ("has", "needs", "passes"),
    [
        ("none", "none", True),
        ("assistant", "assistant", True),
        ("senior", "social_worker", True),
        ("assistant", "social_worker", False),
        ("none", "assistant", False),
        ("social_worker", "senior", False),
    ],
)
def test_the_certificate_must_rank_at_or_above_the_minimum(has, needs, passes):
    reason = certification_rule(worker(certification=has), request(min_certification=needs), SETTINGS)
    assert (reason is None) == passes


def test_a_low_certificate_is_explained_in_both_languages():
    reason = certification_rule(
        worker(certification="assistant"), request(min_certification="senior"), SETTINGS
    )
    assert reason is not None
    assert reason.en == "certificate Assistant social worker is below the required Senior social worker"
    assert reason.zh == "资格助理社会工作师低于要求的高级社会工作师"


def test_the_worker_must_speak_every_requested_language():
    assert language_rule(WORKER, request(languages=("mandarin", "jinan_dialect")), SETTINGS) is None
    reason = language_rule(WORKER, request(languages=("mandarin", "sign_language")), SETTINGS)
    assert reason is not None and (reason.en, reason.zh) == ("does not speak Sign language", "不会手语")


def test_a_free_text_language_matches_the_same_free_text_despite_a_typo():
    assert language_rule(worker(languages=("Uyghur",)), request(languages=("Uighur",)), SETTINGS) is None
    assert language_rule(worker(languages=("Uyghur",)), request(languages=("Tibetan",)), SETTINGS)


def test_another_district_needs_both_sides_to_accept_remote_work():
    elsewhere = worker(district="licheng")
    assert district_rule(elsewhere, REQUEST, SETTINGS) is not None
    assert district_rule(dataclasses.replace(elsewhere, remote_ok=True), REQUEST, SETTINGS) is not None
    assert district_rule(elsewhere, request(remote_ok=True), SETTINGS) is not None
    assert (
        district_rule(dataclasses.replace(elsewhere, remote_ok=True), request(remote_ok=True), SETTINGS)
        is None
    )


def test_a_district_failure_names_both_districts():
    reason = district_rule(worker(district="licheng"), REQUEST, SETTINGS)
    assert reason is not None
    assert reason.en == (
        "works in Licheng District, not Lixia District, and remote work is not agreed by both"
    )
    assert "历城区" in reason.zh and "历下区" in reason.zh


def test_failed_rules_lists_every_failure_at_once():
    codes = [r.code for r in failed_rules(worker(verified=False, hours_per_week=1), REQUEST, SETTINGS)]
    assert codes == ["verified", "hours"]


# --- the soft score ---------------------------------------------------------------------------


def test_the_score_is_the_weighted_mean_of_coverage_field_experience_and_certificate():
    scored = score_pair(WORKER, REQUEST, SETTINGS)
    # 0.6 * 2/3 + 0.2 * 1 + 0.1 * 5/10 + 0.1 * 2/3
    assert scored.score == pytest.approx(0.7167, abs=1e-4)


def test_the_reasons_say_what_is_covered_missing_and_why_in_english_and_chinese():
    reasons = score_pair(WORKER, REQUEST, SETTINGS).reasons
    assert [r.en for r in reasons] == [
        "covers 2 of 3 requested skills: Psychological counselling, Case work",
        "missing: Grant applications and fundraising",
        "has worked in Elderly services",
        "5 years of experience",
        "certificate: Social worker (required: Assistant social worker)",
        "same district: Lixia District",
    ]
    assert reasons[0].zh == "具备所需 3 项技能中的 2 项：心理咨询、个案工作"
    assert reasons[1].zh == "缺少：项目申报与筹款"


def test_free_text_skills_are_compared_fuzzily_with_free_text():
    scored = score_pair(
        worker(skills=("sand tray therapy",)), request(skills=("sandtray therapy",)), SETTINGS
    )
    assert scored.reasons[0].en == "covers the requested skill: sandtray therapy"


def test_a_free_text_never_matches_a_canonical_id():
    scored = score_pair(worker(skills=("case work experience",)), request(skills=("case_work",)), SETTINGS)
    assert scored.reasons[0].en == "does not cover the requested skill"


def test_a_better_suited_worker_scores_higher():
    novice = worker(skills=("case_work",), fields=(), years_experience=0, certification="assistant")
    assert score_pair(novice, REQUEST, SETTINGS).score < score_pair(WORKER, REQUEST, SETTINGS).score


def test_weights_come_from_the_settings_and_the_score_stays_within_0_and_1():
    skills_only = MatchSettings(skill_weight=1, field_weight=0, experience_weight=0, certification_weight=0)
    assert score_pair(WORKER, REQUEST, skills_only).score == pytest.approx(2 / 3, abs=1e-4)
    everything = worker(skills=REQUEST.skills, years_experience=30, certification="senior")
    assert score_pair(everything, REQUEST, SETTINGS).score == 1.0


def test_invalid_settings_are_refused_with_every_problem_named():
    with pytest.raises(
        ValueError,
        match=r"min_score: expected a number from 0 to 1, got 2; top_n: expected a positive integer",
    ):
        MatchSettings(top_n=0, min_score=2)
