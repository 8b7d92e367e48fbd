"""Soft score in [0, 1] of an eligible pair, and the reasons a director reads.

score = weighted mean of skill coverage, field match, experience and certification level,
rounded to 4 decimals. ``candidates.py`` computes the same formula on arrays, in the same
order of operations, so both give identical scores.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from matching.models import Reason, Request, Worker
from matching.settings import MatchSettings
from matching.terms import certification_level, covers, label, labels, same_term
from matching.vocabulary import CERTIFICATION_LEVELS

SCORE_STEPS = 10_000  # scores are multiples of 1/SCORE_STEPS


@dataclass(frozen=True)
class Scored:
    """A pair's score and the reasons behind it."""

    score: float
    reasons: tuple[Reason, ...]


def combine(
    coverage: float, field: float, experience: float, certification: float, settings: MatchSettings
) -> float:
    """The weighted mean of the four signals, before rounding."""
    return (
        settings.skill_weight * coverage
        + settings.field_weight * field
        + settings.experience_weight * experience
        + settings.certification_weight * certification
    ) / settings.total_weight


def quantise(raw: float) -> int:
    """Score in steps of 1/SCORE_STEPS, rounded half to even (as numpy.rint)."""
    return round(raw * SCORE_STEPS)


def score_pair(worker: Worker, request: Request, settings: MatchSettings) -> Scored:
    """Score a (normalised) pair and explain it; hard rules are not checked here."""
    cutoff = settings.fuzzy_cutoff
    covered = [s for s in request.skills if covers(worker.skills, s, "skill", cutoff)]
    missing = [s for s in request.skills if s not in covered]
    coverage = len(covered) / len(request.skills) if request.skills else 1.0
    in_field = not request.field or covers(worker.fields, request.field, "field", cutoff)
    experience = min(worker.years_experience, settings.full_experience_years) / (
        settings.full_experience_years
    )
    level = certification_level(worker.certification) / (len(CERTIFICATION_LEVELS) - 1)
    raw = combine(coverage, 1.0 if in_field else 0.0, experience, level, settings)
    reasons = [
        *_skill_reasons(tuple(covered), tuple(missing), len(request.skills)),
        *_field_reasons(request.field, in_field),
        _experience_reason(worker.years_experience),
        _certification_reason(worker.certification, request.min_certification),
        _district_reason(worker.district, request.district, cutoff),
    ]
    return Scored(quantise(raw) / SCORE_STEPS, tuple(reasons))


# The reasons below are cached: among thousands of candidate pairs the same skills, fields,
# levels and districts come back again and again, and building their labels dominated scoring.
_REASONS_CACHE = 50_000


@functools.lru_cache(maxsize=_REASONS_CACHE)
def _skill_reasons(covered: tuple[str, ...], missing: tuple[str, ...], wanted: int) -> tuple[Reason, ...]:
    if not wanted:
        return (Reason("skills", "no specific skills requested", "未指定所需技能"),)
    en, zh = _coverage_words(len(covered), wanted)
    if covered:
        en, zh = f"{en}: {labels(covered, 'en')}", f"{zh}：{labels(covered, 'zh')}"
    reasons = [Reason("skills", en, zh)]
    if missing:
        reasons.append(
            Reason("missing", f"missing: {labels(missing, 'en')}", f"缺少：{labels(missing, 'zh')}")
        )
    return tuple(reasons)


def _coverage_words(covered: int, wanted: int) -> tuple[str, str]:
    """"covers 2 of 3 requested skills" in words that agree with the numbers, en and zh."""
    if wanted == 1:
        if covered:
            return "covers the requested skill", "具备所需的技能"
        return "does not cover the requested skill", "不具备所需的技能"
    if covered == wanted:
        return f"covers all {wanted} requested skills", f"具备全部 {wanted} 项所需技能"
    return f"covers {covered} of {wanted} requested skills", f"具备所需 {wanted} 项技能中的 {covered} 项"


@functools.lru_cache(maxsize=_REASONS_CACHE)
def _field_reasons(field: str, in_field: bool) -> tuple[Reason, ...]:
    if not field:
        return ()
    if in_field:
        return (Reason("field", f"has worked in {label(field, 'en')}", f"有{label(field, 'zh')}领域经验"),)
    return (Reason("field", f"no experience in {label(field, 'en')}", f"无{label(field, 'zh')}领域经验"),)


@functools.lru_cache(maxsize=_REASONS_CACHE)
def _experience_reason(years: int) -> Reason:
    if years <= 0:
        return Reason("experience", "new to social work", "刚入行")
    unit = "year" if years == 1 else "years"
    return Reason("experience", f"{years} {unit} of experience", f"{years} 年工作经验")


@functools.lru_cache(maxsize=_REASONS_CACHE)
def _certification_reason(has: str, needs: str) -> Reason:
    en, zh = f"certificate: {label(has, 'en')}", f"资格：{label(has, 'zh')}"
    if certification_level(needs) > 0:
        en, zh = f"{en} (required: {label(needs, 'en')})", f"{zh}（要求：{label(needs, 'zh')}）"
    return Reason("certification", en, zh)


@functools.lru_cache(maxsize=_REASONS_CACHE)
def _district_reason(lives: str, wanted: str, cutoff: float) -> Reason:
    if same_term(lives, wanted, "district", cutoff):
        return Reason(
            "district",
            f"same district: {label(wanted, 'en')}",
            f"同区：{label(wanted, 'zh')}",
        )
    where_en = label(lives, "en") or "no district"
    where_zh = label(lives, "zh") or "未填区县"
    return Reason("district", f"remote, based in {where_en}", f"远程，所在{where_zh}")
