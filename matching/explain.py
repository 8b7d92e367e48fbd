"""Why a request keeps open slots: the requirements that turn the most workers away."""

from __future__ import annotations

from matching.models import Reason, Request
from matching.terms import hours, label, labels

_SHOWN = 3


def unfilled_reason(request: Request, eligible: int, failures: dict[str, int], total_workers: int) -> Reason:
    """The reason a director reads for a (normalised) request left with open slots.

    ``failures`` counts, per hard rule, the workers it turns away, so the director sees which
    requirement to relax.
    """
    if total_workers == 0:
        return Reason("unfilled", "no workers to match", "没有可匹配的社工")
    tight = [(count, rule) for rule, count in failures.items() if count > 0 and rule in _DESCRIBE]
    tight.sort(key=lambda item: -item[0])
    shown = [(count, *_DESCRIBE[rule](request)) for count, rule in tight[:_SHOWN]]
    details_en = "; ".join(f"{en}: {count}" for count, en, _ in shown)
    details_zh = "；".join(f"{zh} {count} 人" for count, _, zh in shown)
    if eligible == 0:
        en = f"no eligible worker among {total_workers}"
        zh = f"{total_workers} 名社工中没有符合条件的"
    else:
        noun = "worker" if eligible == 1 else "workers"
        en = f"only {eligible} eligible {noun}, too few or placed on other requests"
        zh = f"仅 {eligible} 名社工符合条件，人数不足或已安排到其他需求"
    if not shown and eligible == 0:
        return Reason(
            "unfilled",
            f"{en}; those who qualify declined before or score below the minimum",
            f"{zh}；符合条件的社工此前已拒绝或得分低于下限",
        )
    if not shown:
        return Reason("unfilled", en, zh)
    return Reason("unfilled", f"{en}; workers turned away by {details_en}", f"{zh}；不满足{details_zh}")


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


def _district(request: Request) -> tuple[str, str]:
    where_en = label(request.district, "en") or "the district"
    where_zh = label(request.district, "zh") or "该区县"
    if request.remote_ok:
        return f"district ({where_en}, or remote)", f"区县（{where_zh}或远程）"
    return f"district ({where_en}, on site)", f"区县（{where_zh}，需到场）"


_DESCRIBE = {
    "verified": _verified,
    "capacity": _capacity,
    "hours": _hours,
    "certification": _certification,
    "language": _language,
    "district": _district,
}
