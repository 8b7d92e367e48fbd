"""Why a request keeps open slots, said so a director knows what to change.

The reason names what is missing first (nobody offers the skills, or nobody in the district
does), then the requirements that stop the workers who do offer them, and how many more would
qualify if the request allowed remote work.
"""

from __future__ import annotations

from matching.candidates import Shortfall
from matching.models import Reason, Request
from matching.terms import hours, label, labels

_SHOWN = 3


def unfilled_reason(request: Request, eligible: int, shortfall: Shortfall, total_workers: int) -> Reason:
    """The reason a director reads for a (normalised) request left with open slots."""
    if total_workers == 0:
        return Reason("unfilled", "no workers to match", "没有可匹配的社工")
    if shortfall.skilled == 0:
        return _with_remote_hint(_nobody_offers(request), shortfall)
    if shortfall.skilled_here == 0:
        return _with_remote_hint(_nobody_here(request), shortfall)
    if eligible == 0:
        return _with_remote_hint(_all_turned_away(request, shortfall), shortfall)
    noun = "worker" if eligible == 1 else "workers"
    return _with_remote_hint(
        Reason(
            "unfilled",
            f"only {eligible} eligible {noun}, too few or placed on other requests",
            f"仅 {eligible} 名社工符合条件，人数不足或已安排到其他需求",
        ),
        shortfall,
    )


def _skills(request: Request) -> tuple[str, str]:
    if len(request.skills) == 1:
        return labels(request.skills, "en"), labels(request.skills, "zh")
    return f"any of {labels(request.skills, 'en')}", f"{labels(request.skills, 'zh')}中的任何一项"


def _where(request: Request) -> tuple[str, str]:
    where_en = label(request.district, "en") or "the district"
    where_zh = label(request.district, "zh") or "该区县"
    if request.remote_ok:
        return f"{where_en} or working remotely", f"{where_zh}或可远程的"
    return where_en, where_zh


def _nobody_offers(request: Request) -> Reason:
    skills_en, skills_zh = _skills(request)
    return Reason("unfilled", f"nobody offers {skills_en}", f"没有社工具备{skills_zh}")


def _nobody_here(request: Request) -> Reason:
    where_en, where_zh = _where(request)
    if not request.skills:
        return Reason("unfilled", f"nobody in {where_en}", f"{where_zh}没有社工")
    skills_en, skills_zh = _skills(request)
    return Reason("unfilled", f"nobody in {where_en} offers {skills_en}", f"{where_zh}没有社工具备{skills_zh}")


def _all_turned_away(request: Request, shortfall: Shortfall) -> Reason:
    where_en, where_zh = _where(request)
    count = shortfall.skilled_here
    who_en = f"{count} in {where_en}" + (" offer the skills" if request.skills else "")
    who_zh = f"{where_zh}有 {count} 名社工" + ("具备所需技能" if request.skills else "")
    tight = sorted(
        ((n, rule) for rule, n in shortfall.turned_away.items() if n > 0 and rule in _DESCRIBE),
        key=lambda item: -item[0],
    )[:_SHOWN]
    if not tight:
        return Reason(
            "unfilled",
            f"{who_en}, but they declined before or score below the minimum",
            f"{who_zh}，但此前已拒绝或得分低于下限",
        )
    shown = [(n, *_DESCRIBE[rule](request)) for n, rule in tight]
    details_en = "; ".join(f"{en}: {n}" for n, en, _ in shown)
    details_zh = "；".join(f"{zh} {n} 人" for n, _, zh in shown)
    return Reason("unfilled", f"{who_en}, but fall short of {details_en}", f"{who_zh}，但不满足{details_zh}")


def _with_remote_hint(reason: Reason, shortfall: Shortfall) -> Reason:
    if shortfall.if_remote == 0:
        return reason
    n = shortfall.if_remote
    return Reason(
        reason.code,
        f"{reason.en}; {n} would qualify if the request allowed remote work",
        f"{reason.zh}；若允许远程，另有 {n} 人符合条件",
    )


def _verified(request: Request) -> tuple[str, str]:
    return "verification", "审核"


def _capacity(request: Request) -> tuple[str, str]:
    return "free capacity", "空余名额"


def _hours(request: Request) -> tuple[str, str]:
    needed = hours(request.hours_per_week)
    return f"hours ({needed} h/week)", f"每周时长（{needed} 小时）"


def _certification(request: Request) -> tuple[str, str]:
    level = request.min_certification
    return f"certificate ({label(level, 'en')} or above)", f"资格（{label(level, 'zh')}及以上）"


def _language(request: Request) -> tuple[str, str]:
    wanted = request.languages
    return f"language ({labels(wanted, 'en')})", f"语言（{labels(wanted, 'zh')}）"


_DESCRIBE = {
    "verified": _verified,
    "capacity": _capacity,
    "hours": _hours,
    "certification": _certification,
    "language": _language,
}
