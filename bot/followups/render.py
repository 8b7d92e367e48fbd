"""The follow-up messages, in the reader's language. Pure: values in, Reply out.

Everything a person typed (names, titles, comments) is escaped here, right where it goes into HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.desk.callbacks import OpenPress
from bot.followups.callbacks import RATINGS, CheckinPress
from bot.forms.model import Button, Reply
from bot.markup import escape
from bot.placements.callbacks import EndPress, MessagePress
from bot.placements.cards import offer_buttons
from bot.store.placements import PlacementDetails
from bot.texts import Lang, t

LOW_RATING = 2          # a rating of this or less alerts the directors


def as_payload(reply: Reply) -> dict[str, Any]:
    """A Reply as stored on the outbox row (text and inline buttons), so a retry sends the same."""
    return {"text": reply.text, "buttons": [[[b.label, b.data] for b in row] for row in reply.buttons]}


def from_payload(message: dict[str, Any]) -> Reply:
    buttons = tuple(tuple(Button(label, data) for label, data in row) for row in message.get("buttons", ()))
    return Reply(message["text"], buttons)


def is_low(answer: dict[str, Any]) -> bool:
    """A rating of 1-2, or the "there is a problem" button."""
    return bool(answer.get("problem")) or int(answer.get("rating") or 5) <= LOW_RATING


def checkin(p: PlacementDetails, side: str, day: int, followup_id: int) -> Reply:
    """"How is it going?" with 1-5 and a problem button; ``fu:r:<id>:<n>`` / ``fu:p:<id>``."""
    lang: Lang = p.language_of(side)
    names = {"title": escape(p.title), "ngo": escape(p.ngo_name), "worker": escape(p.worker_name)}
    text = t(lang, f"followups.checkin_{side}", day=day, **names)
    ratings = tuple(Button(str(n), CheckinPress(followup_id, n).data) for n in RATINGS)
    problem = (Button(t(lang, "followups.buttons.problem"), CheckinPress(followup_id).data),)
    return Reply(text, (ratings, problem))


def offer_reminder(p: PlacementDetails, side: str, expires: str) -> Reply:
    """Who offers what, and that Accept / Decline below answer it (the offer's buttons again)."""
    lang: Lang = p.language_of(side)
    text = t(lang, f"followups.offer_reminder_{side}", expires=expires, **_placement_names(p))
    return Reply(text, offer_buttons(p.id, lang))


def _placement_names(p: PlacementDetails) -> dict[str, str]:
    return {"title": escape(p.title), "worker": escape(p.worker_name), "ngo": escape(p.ngo_name)}


def placement_actions(p: PlacementDetails, lang: Lang, *, open_button: bool = True) -> tuple[tuple[Button, ...], ...]:
    """What a director can do about a placement: open it, write to both sides, end it (the
    matcher then proposes a replacement for the place)."""
    pid, rows = p.id, []
    if open_button:
        rows.append((Button(t(lang, "followups.buttons.open_placement"), OpenPress("p", pid).data),))
    if p.status in ("offered", "active"):
        rows.append((Button(t(lang, "followups.buttons.message_both"), MessagePress(pid).data),))
    if p.status == "active":
        rows.append((Button(t(lang, "followups.buttons.end_and_replace"), EndPress("end", pid).data),))
    return tuple(rows)


def rating_alert(lang: Lang, p: PlacementDetails, who: str, side: str, answer: dict[str, Any]) -> Reply:
    """For directors: a low rating or a reported problem, at once, with what they can do."""
    names = {**_placement_names(p), "who": escape(who), "side": t(lang, f"followups.sides.{side}")}
    if answer.get("problem"):
        return Reply(t(lang, "followups.problem_alert", **names), placement_actions(p, lang))
    return Reply(t(lang, "followups.low_rating_alert", rating=answer["rating"], **names), placement_actions(p, lang))


def comment_alert(lang: Lang, p: PlacementDetails, who: str, comment: str) -> Reply:
    return Reply(t(lang, "followups.comment_alert", who=escape(who), comment=escape(comment),
                   **_placement_names(p)), placement_actions(p, lang))


def parked_alert(lang: Lang, who: str, kind: str) -> Reply:
    return Reply(t(lang, "followups.parked_alert", who=escape(who), kind=t(lang, f"followups.kinds.{kind}")))


def unreachable_alert(lang: Lang, who: str, count: int) -> Reply:
    return Reply(t(lang, "followups.unreachable_alert", who=escape(who), count=count))


def offer_expired_for_director(lang: Lang, p: PlacementDetails, days: int, missing: Sequence[str],
                               next_proposed: bool) -> Reply:
    separator = t(lang, "common.list_separator")
    text = t(lang, "followups.offer_expired_director", days=days,
             missing=separator.join(escape(m) for m in missing), **_placement_names(p))
    following = t(lang, "followups.offer_expired_next" if next_proposed else "followups.offer_expired_no_next")
    return Reply(f"{text}\n{following}")


def offer_expired_for_side(lang: Lang, p: PlacementDetails) -> Reply:
    return Reply(t(lang, "offer.expired", **_placement_names(p)))


def nudge(lang: Lang, title: str, days: int, reason: str) -> Reply:
    return Reply(t(lang, "followups.nudge", title=escape(title), days=days, reason=escape(reason)))


@dataclass(frozen=True)
class DigestFacts:
    """What waits, for one director's digest."""

    date: str
    members: int
    proposals: int
    offers: int
    active: int
    low: tuple[dict[str, Any], ...]          # answered check-ins with a low rating or a problem
    undelivered: tuple[dict[str, Any], ...]  # failed or parked rows


def score(lang: Lang, answer: dict[str, Any]) -> str:
    if answer.get("problem"):
        return t(lang, "followups.score_problem")
    return t(lang, "followups.score_rating", rating=answer.get("rating", "—"))


def digest(lang: Lang, facts: DigestFacts) -> Reply:
    """The daily digest: counts, then the week's low ratings, then what could not be delivered."""
    parts = [t(lang, "followups.digest_header", date=facts.date),
             t(lang, "followups.digest_counts", members=facts.members, proposals=facts.proposals,
               offers=facts.offers, active=facts.active)]
    if facts.low:
        lines = [t(lang, "followups.digest_low_header", count=len(facts.low))]
        lines += [t(lang, "followups.digest_low_line", score=score(lang, row["answer"]),
                    title=escape(row["title"] or "—"), who=escape(row["who"]),
                    comment=_comment(lang, row["answer"])) for row in facts.low[:20]]
        parts.append("\n".join(lines))
    if facts.undelivered:
        lines = [t(lang, "followups.digest_undelivered_header", count=len(facts.undelivered))]
        lines += [t(lang, "followups.digest_undelivered_line", kind=t(lang, f"followups.kinds.{row['kind']}"),
                    who=escape(row["who"]), state=t(lang, f"followups.states.{row['status']}"))
                  for row in facts.undelivered[:20]]
        parts.append("\n".join(lines))
    return Reply("\n\n".join(parts))


def _comment(lang: Lang, answer: dict[str, Any]) -> str:
    comment = answer.get("comment")
    return t(lang, "followups.view_comment", comment=escape(comment[:200])) if comment else ""


def view_lines(lang: Lang, answers: Sequence[dict[str, Any]]) -> list[str]:
    """A placement's check-in answers, one line each, for the directors' /placements."""
    lines = []
    for row in answers:
        answer = row["answer"]
        hours = answer.get("hours")
        lines.append(t(lang, "followups.view_line", day=row["day"] or "—",
                       side=t(lang, f"followups.sides.{row['side'] or 'worker'}"), who=escape(row["who"]),
                       score=score(lang, answer),
                       hours="" if hours is None else t(lang, "followups.view_hours", hours=hours),
                       comment=_comment(lang, answer)))
    return lines
