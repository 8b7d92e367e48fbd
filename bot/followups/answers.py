"""Answers to a check-in: the 1-5 rating or "there is a problem", then hours and a comment.

The press is checked in one transaction: only the person the check-in went to, only once. A low
rating or a problem alerts every director at once (urgent: quiet hours do not hold it); the
hours (asked of the social worker) and the comment follow as a short form whose draft survives a
restart, and a comment on a low rating or a problem goes to the directors too.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.events import Event
from bot.followups import render
from bot.followups.callbacks import CheckinPress
from bot.followups.schedule import enqueue
from bot.forms import engine
from bot.forms.fields import ignoring_today
from bot.forms.model import Field, Form, Outcome, Reply
from bot.markup import escape
from bot.parsers import parse_reason, parse_service_hours
from bot.parsers.result import ParseResult
from bot.placements.common import side_name, to_directors
from bot.refusals import NotAllowed, OldButton, refused
from bot.services import Services
from bot.store import Tx, drafts, followups, placements
from bot.store.drafts import Draft
from bot.store.users import User
from bot.texts import Lang, t

HOURS_RANGE = (0, 1000)


def _parse_hours(text: str) -> ParseResult[int]:
    return parse_service_hours(text, *HOURS_RANGE)


async def checkin_pressed(event: Event, press: CheckinPress) -> Outcome:
    """``fu:r:<id>:<1-5>`` (a rating) or ``fu:p:<id>`` (there is a problem): only by the person
    the check-in went to, only once."""
    services, tx, user, lang, now = event.services, event.tx, event.user, event.lang, event.now
    answer = press.answer
    row = await followups.get(tx, press.followup_id)
    if row is None or row.kind != "checkin":
        raise OldButton
    if row.recipient != user.person_id:
        raise NotAllowed
    if row.answered_at is not None or not await followups.record_answer(tx, row.id, user.person_id, answer, now):
        return Outcome(alert=t(lang, "followups.already_answered"))
    p = await placements.detail(tx, row.placement_id) if row.placement_id else None
    side = row.payload.get("side", "worker")
    if p is not None and render.is_low(answer):
        notices = await to_directors(services, tx, lambda d_lang: render.rating_alert(
            d_lang, p, side_name(p, user.person_id), side, answer))
        await enqueue(tx, notices, now, urgent=True, extra={"about": row.id})
    in_form = await drafts.current_draft(tx, user.person_id)
    if in_form is not None and in_form.form != CHECKIN_FORM.name:  # never drop another form
        return Outcome(replies=(Reply(t(lang, "followups.thanks_busy")),), records_on_prompt=True)
    params = {"title": escape(p.title) if p else "—", "since": row.payload.get("since", "—")}
    begun = await engine.begin(services, tx, user, CHECKIN_FORM, target_id=row.id, params=params,
                               answers={"side": side, "problem": bool(answer.get("problem"))})
    # The check-in records the answer; the form's first question is a message of its own: its
    # Skip edits it into the next step, which must not take the check-in out of the chat.
    return replace(begun, replies=(Reply(_recorded(lang, answer)), *begun.replies), records_on_prompt=True)


def _recorded(lang: Lang, answer: dict[str, Any]) -> str:
    """The answer, as the check-in shows it under its question."""
    if answer.get("problem"):
        return t(lang, "followups.problem_recorded")
    return t(lang, "followups.rating_recorded", rating=answer["rating"])


async def _submit(services: Services, tx: Tx, user: User, draft: Draft, now: str) -> Outcome:
    """Hours and comment onto the row; a comment on a low rating or a problem to the directors."""
    lang = user.language
    more = {k: draft.answers[k] for k in ("hours",) if draft.answers.get(k) is not None}
    comment = draft.answers.get("problem_comment") or draft.answers.get("comment")
    if comment:
        more["comment"] = comment
    answer = await followups.add_to_answer(tx, draft.target_id, user.person_id, more)
    if answer is None:
        return refused(services, lang, OldButton(), pressed=True)
    row = await followups.get(tx, draft.target_id)
    p = await placements.detail(tx, row.placement_id) if row and row.placement_id else None
    if comment and p is not None and render.is_low(answer):
        notices = await to_directors(services, tx, lambda d_lang: render.comment_alert(
            d_lang, p, side_name(p, user.person_id), comment))
        await enqueue(tx, notices, now, urgent=True, extra={"about": draft.target_id})
    key = "followups.thanks_problem" if answer.get("problem") else "followups.thanks"
    return Outcome(replies=(Reply(t(lang, key)),))


def _is_worker(answers: dict[str, Any]) -> bool:
    return answers.get("side") == "worker"


CHECKIN_FORM = Form(
    "checkin", "", "", (
        Field("hours", "followups.ask_hours", "followups.label_hours",
              parse=ignoring_today(_parse_hours), applies=_is_worker, optional=True),
        Field("problem_comment", "followups.ask_problem", "followups.label_problem",
              parse=ignoring_today(parse_reason), optional=True, applies=lambda a: bool(a.get("problem"))),
        Field("comment", "followups.ask_comment", "followups.label_comment",
              parse=ignoring_today(parse_reason), optional=True, applies=lambda a: not a.get("problem")),
    ), _submit, confirm=False)
