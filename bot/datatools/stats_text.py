"""The /stats message: the figures as a short report in the director's language."""

from __future__ import annotations

from bot.datatools.stats import Figures, Wait
from bot.markup import escape
from bot.texts import Lang, t
from matching.vocabulary import label

MEMBER_STATUSES = ("verified", "pending", "rejected", "paused")
REQUEST_STATUSES = ("open", "filled", "closed")
PLACEMENT_STATUSES = ("proposed", "offered", "active", "completed", "cancelled")


def stats_text(figures: Figures, lang: Lang) -> str:
    """Every figure of the issue, one block each, in ``lang``."""
    lines = [
        t(lang, "stats.header"),
        t(lang, "stats.workers", **_statuses(figures.workers, MEMBER_STATUSES)),
        t(lang, "stats.ngos", **_statuses(figures.ngos, MEMBER_STATUSES)),
        t(lang, "stats.requests", **_statuses(figures.requests, REQUEST_STATUSES)),
        t(lang, "stats.placements", **_statuses(figures.placements, PLACEMENT_STATUSES)),
        _fill_rate(figures, lang),
        _days_to_placement(figures, lang),
        "",
        t(lang, "stats.proposal_waits"), *_wait_lines(figures.proposal_waits, lang),
        t(lang, "stats.offer_waits"), *_wait_lines(figures.offer_waits, lang),
        "",
        t(lang, "stats.service_hours", hours=_number(figures.service_hours)),
        _rating(figures, lang),
        "",
        t(lang, "stats.skills_header"), *_skill_lines(figures, lang),
    ]
    return "\n".join(lines)


def _statuses(counts: dict[str, int], statuses: tuple[str, ...]) -> dict[str, int]:
    return {status: counts.get(status, 0) for status in statuses}


def _fill_rate(figures: Figures, lang: Lang) -> str:
    if figures.fill_rate is None:
        return t(lang, "stats.fill_rate_none")
    return t(lang, "stats.fill_rate", filled=figures.places_filled, asked=figures.places_asked,
             percent=round(100 * figures.fill_rate))


def _days_to_placement(figures: Figures, lang: Lang) -> str:
    if figures.median_days_to_placement is None:
        return t(lang, "stats.days_to_placement_none")
    return t(lang, "stats.days_to_placement", days=_number(figures.median_days_to_placement))


def duration(hours: float, lang: Lang) -> str:
    """A wait as people say it: hours under two days, days from then on."""
    if hours < 48:
        return t(lang, "stats.hours", hours=_number(hours))
    return t(lang, "stats.days", days=_number(hours / 24))


def _wait_lines(waits: tuple[Wait, ...], lang: Lang) -> list[str]:
    if not waits:
        return [t(lang, "stats.waits_none")]
    return [t(lang, "stats.wait_line", who=escape(w.who), wait=duration(w.median_hours, lang), count=w.answered)
            for w in waits]


def _rating(figures: Figures, lang: Lang) -> str:
    if figures.average_rating is None:
        return t(lang, "stats.rating_none")
    return t(lang, "stats.rating", rating=f"{figures.average_rating:.1f}", count=figures.ratings)


def _skill_lines(figures: Figures, lang: Lang) -> list[str]:
    if not figures.skills:
        return [t(lang, "stats.skills_none")]
    return [t(lang, "stats.skill_line", skill=escape(label(s.skill, lang)), demand=s.demand, supply=s.supply)
            for s in figures.skills]


def _number(value: float) -> str:
    """12 rather than 12.0; 9.5 stays 9.5 (one decimal at most)."""
    rounded = round(float(value), 1)
    return str(int(rounded)) if rounded.is_integer() else str(rounded)
