"""Matcher settings: the ``[matching]`` section of the bot's config, key for key."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class MatchSettings:
    """Weights and thresholds of the matcher; every field has a default.

    The score is the weighted mean of the signals (weights need not sum to 1).

    A worker is a candidate only when they offer at least ``min_skill_coverage`` of the
    requested skills (all of them when fewer are asked for; 0 turns the rule off) and score at
    least ``min_score``. Every proposal costs a director's attention, so a worker who merely
    passes the other rules is not worth proposing: 0.25 is a quarter of a perfect match, e.g.
    one skill of two, or one of four with experience in the field.
    """

    skill_weight: float = 0.6
    field_weight: float = 0.2
    experience_weight: float = 0.1
    certification_weight: float = 0.1
    fuzzy_cutoff: float = 80.0
    confirm_below: float = 90.0
    min_score: float = 0.25
    min_skill_coverage: int = 1
    top_n: int = 10
    full_experience_years: int = 10
    candidate_depth: int = 10

    def __post_init__(self) -> None:
        problems = settings_problems(self)
        if problems:
            raise ValueError("; ".join(problems))

    @property
    def total_weight(self) -> float:
        return self.skill_weight + self.field_weight + self.experience_weight + self.certification_weight


def settings_problems(settings: MatchSettings) -> list[str]:
    """Every invalid value of ``settings`` as "name: expected ..., got ..." lines."""
    problems = []
    for item in fields(settings):
        value = getattr(settings, item.name)
        expected_int = item.type == "int"
        if isinstance(value, bool) or not isinstance(value, int if expected_int else (int, float)):
            expected = "an integer" if expected_int else "a number"
            problems.append(f"{item.name}: expected {expected}, got {value!r}")
    if problems:
        return problems
    for name in ("skill_weight", "field_weight", "experience_weight", "certification_weight"):
        if getattr(settings, name) < 0:
            problems.append(f"{name}: expected a number >= 0, got {getattr(settings, name)!r}")
    if not problems and settings.total_weight <= 0:
        problems.append("skill_weight: the four weights must not all be 0")
    for name in ("fuzzy_cutoff", "confirm_below"):
        if not 0 <= getattr(settings, name) <= 100:
            problems.append(f"{name}: expected a number from 0 to 100, got {getattr(settings, name)!r}")
    if not 0 <= settings.min_score <= 1:
        problems.append(f"min_score: expected a number from 0 to 1, got {settings.min_score!r}")
    if settings.min_skill_coverage < 0:
        problems.append(f"min_skill_coverage: expected an integer >= 0, got {settings.min_skill_coverage!r}")
    for name in ("top_n", "full_experience_years", "candidate_depth"):
        if getattr(settings, name) < 1:
            problems.append(f"{name}: expected a positive integer, got {getattr(settings, name)!r}")
    return problems
