"""What an association director can do to any NGO's talent request from its card: edit it on the
NGO's behalf, or pause matching for it and resume it (closing is in bot/directing.py). Each
change is audited, the NGO director is told, and the matcher runs again."""

from __future__ import annotations

from bot.forms import engine
from bot.forms.model import Button, Form, Outcome, Reply
from bot.markup import escape
from bot.members.verification import tell_ngo
from bot.placements.rematcher import rematch_wanted
from bot.refusals import NotAllowed, OldButton, refused
from bot.services import Services
from bot.store import Tx, audit, requests
from bot.store.drafts import Draft
from bot.store.users import User
from bot.talent_requests import form as request
from bot.talent_requests.callbacks import ClosePress
from bot.texts import Lang, t


async def start_edit(services: Services, tx: Tx, director: User, request_id: int) -> Outcome:
    row = await requests.request_by_id(tx, request_id)
    if row is None or row.status != "open":
        raise OldButton
    return await engine.begin(services, tx, director, EDIT_REQUEST_FORM, target_id=request_id,
                              answers=request.answers_from_columns(row))


async def _save(services: Services, tx: Tx, director: User, draft: Draft, now: str) -> Outcome:
    lang = director.language
    if not services.is_director(director.person_id):
        return refused(services, lang, NotAllowed(), pressed=True)
    row = await requests.request_by_id(tx, draft.target_id)
    if row is None:
        return refused(services, lang, OldButton(), pressed=True)
    before = request.answers_from_columns(row)
    changed = [f for f in request.FIELDS if f.name in draft.answers and draft.answers[f.name] != before.get(f.name)]
    if not changed:
        return Outcome(replies=(Reply(t(lang, "member_edit.nothing_changed")),))
    if not await requests.update_request(tx, row.id, row.ngo_id, request.columns_from_answers(draft.answers),
                                         now):
        return Outcome(replies=(Reply(t(lang, "requests.already_closed", title=escape(row.title))),))
    await audit.record(tx, actor=director.person_id, action="edited_by_director", entity="request",
                       entity_id=row.id, at=now, old="open", new="open",
                       detail=", ".join(f.name for f in changed))
    rematch_wanted(services)
    title = escape(draft.answers.get("title") or row.title)
    labels = {lang_: t(lang_, "common.list_separator").join(t(lang_, f.label) for f in changed)  # type: ignore[arg-type]
              for lang_ in ("en", "zh")}
    told = await tell_ngo(services, tx, row.ngo_id,
                           lambda m_lang: t(m_lang, "request_desk.edited_notice", title=title, fields=labels[m_lang]))
    return Outcome(replies=(Reply(t(lang, "request_desk.edited", title=title, fields=labels[lang])),),
                   notices=tuple(told))


EDIT_REQUEST_FORM = Form("request_for_ngo", "", "member_edit.summary_header", request.FIELDS, _save)


async def switch_pause(services: Services, tx: Tx, director: User, request_id: int, pause: bool,
                       now: str) -> Outcome:
    """Pause matching for a request (its open proposals are withdrawn by the rematch) or resume it."""
    lang = director.language
    row = await requests.request_by_id(tx, request_id)
    if row is None or not await requests.set_paused(tx, request_id, pause, now):
        raise OldButton
    action = "paused" if pause else "resumed"
    await audit.record(tx, actor=director.person_id, action=action, entity="request", entity_id=request_id, at=now,
                       old=row.status, new=row.status)
    rematch_wanted(services)
    title = escape(row.title)
    told = await tell_ngo(services, tx, row.ngo_id, lambda m_lang: t(m_lang, f"request_desk.{action}_notice",
                                                                          title=title))
    return Outcome(replies=(Reply(t(lang, f"request_desk.{action}", title=title)),), notices=tuple(told),
                   records_on_prompt=True)


def close_confirmation(lang: Lang, request_id: int) -> tuple[tuple[Button, ...], ...]:
    """Close for good, or keep the request open: a director's second step on ``rc:close``."""
    return ((Button(t(lang, "requests.buttons.confirm_close"), ClosePress("yes", request_id).data),
             Button(t(lang, "requests.buttons.keep_open"), ClosePress("keep", request_id).data)),)
