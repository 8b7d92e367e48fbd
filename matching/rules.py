"""Hard rules: a pair (worker, request) is eligible only if every rule passes.

Each rule takes normalised values (see ``matching.normalise_worker``) and returns None when
it passes or the bilingual reason it fails. The vectorised twin in ``candidates.py`` must give
the same verdicts (a property test keeps them equal).
"""

from __future__ import annotations

from collections.abc import Callable

from matching.models import Reason, Request, Worker
from matching.settings import MatchSettings
from matching.terms import certification_level, covers, hours, label, labels, same_term

Rule = Callable[[Worker, Request, MatchSettings], Reason | None]


def skills_rule(worker: Worker, request: Request, settings: MatchSettings) -> Reason | None:
    """The worker offers at least ``min_skill_coverage`` of the requested skills (all, if fewer)."""
    needed = skills_needed(request, settings)
    covered = sum(covers(worker.skills, s, "skill", settings.fuzzy_cutoff) for s in request.skills)
    if covered >= needed:
        return None
    return Reason(
        "skills",
        f"offers {covered} of the {len(request.skills)} requested skills, needs at least {needed}",
        f"只具备所需 {len(request.skills)} 项技能中的 {covered} 项，至少需要 {needed} 项",
    )


def skills_needed(request: Request, settings: MatchSettings) -> int:
    """How many requested skills a candidate must offer (none when none are requested)."""
    return min(settings.min_skill_coverage, len(request.skills))


def verified_rule(worker: Worker, request: Request, settings: MatchSettings) -> Reason | None:
    """Only workers the association has verified are matched."""
    if worker.verified:
        return None
    return Reason("verified", "not verified yet", "尚未通过审核")


def capacity_rule(worker: Worker, request: Request, settings: MatchSettings) -> Reason | None:
    """A worker holding ``max_placements`` live placements takes no more."""
    if worker.live_placements < worker.max_placements:
        return None
    held, most = worker.live_placements, worker.max_placements
    return Reason(
        "capacity",
        f"already holds {held} of at most {most} placements",
        f"已有 {held} 个岗位，上限 {most} 个",
    )


def hours_rule(worker: Worker, request: Request, settings: MatchSettings) -> Reason | None:
    """The worker offers at least the weekly hours the request needs."""
    if worker.hours_per_week >= request.hours_per_week:
        return None
    offered, needed = hours(worker.hours_per_week), hours(request.hours_per_week)
    return Reason(
        "hours",
        f"offers {offered} h/week, needs {needed}",
        f"每周可服务 {offered} 小时，需要 {needed} 小时",
    )


def certification_rule(worker: Worker, request: Request, settings: MatchSettings) -> Reason | None:
    """The worker's certificate ranks at or above the request's minimum."""
    if certification_level(worker.certification) >= certification_level(request.min_certification):
        return None
    has, needs = worker.certification, request.min_certification
    return Reason(
        "certification",
        f"certificate {label(has, 'en')} is below the required {label(needs, 'en')}",
        f"资格{label(has, 'zh')}低于要求的{label(needs, 'zh')}",
    )


def language_rule(worker: Worker, request: Request, settings: MatchSettings) -> Reason | None:
    """The worker speaks every language the request lists."""
    missing = [
        wanted
        for wanted in request.languages
        if not covers(worker.languages, wanted, "language", settings.fuzzy_cutoff)
    ]
    if not missing:
        return None
    return Reason(
        "language",
        f"does not speak {labels(missing, 'en')}",
        f"不会{labels(missing, 'zh')}",
    )


def district_rule(worker: Worker, request: Request, settings: MatchSettings) -> Reason | None:
    """Same district, unless both the worker and the request accept remote work."""
    if same_term(worker.district, request.district, "district", settings.fuzzy_cutoff):
        return None
    if worker.remote_ok and request.remote_ok:
        return None
    where = label(worker.district, "en") or "no district"
    where_zh = label(worker.district, "zh") or "未填区县"
    return Reason(
        "district",
        f"works in {where}, not {label(request.district, 'en')}, and remote work is not agreed by both",
        f"所在{where_zh}，不在{label(request.district, 'zh')}，且双方未都接受远程",
    )


HARD_RULES: tuple[Rule, ...] = (
    skills_rule,
    verified_rule,
    capacity_rule,
    hours_rule,
    certification_rule,
    language_rule,
    district_rule,
)


def failed_rules(worker: Worker, request: Request, settings: MatchSettings) -> tuple[Reason, ...]:
    """The reasons of every hard rule the pair fails (empty: eligible)."""
    return tuple(reason for rule in HARD_RULES if (reason := rule(worker, request, settings)) is not None)


def is_eligible(worker: Worker, request: Request, settings: MatchSettings) -> bool:
    """True if the pair passes every hard rule."""
    return all(rule(worker, request, settings) is None for rule in HARD_RULES)
