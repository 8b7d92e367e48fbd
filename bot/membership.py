"""A member's own records: /profile (view and edit) and an NGO's /requests (post, edit, close)."""

from __future__ import annotations

from typing import Any

from bot.clock import to_iso
from bot.forms import catalog, engine, ngo, render, request, worker
from bot.forms.model import Button, Form, Outcome, Reply
from bot.markup import escape
from bot.people import Sender, remember
from bot.services import Services
from bot.store import Tx, members, requests
from bot.store.users import User
from bot.talent_requests import close_request
from bot.texts import t

# (table, form, how a stored row becomes the form's answers, header key) per role
_PROFILES = {
    "worker": ("workers", catalog.WORKER_FORM, worker.answers_from_columns, "profile.worker_header"),
    "ngo": ("ngos", catalog.NGO_FORM, ngo.answers_from_columns, "profile.ngo_header"),
}


async def _own_profile(tx: Tx, user: User) -> tuple[str, dict[str, Any]] | None:
    if user.role not in _PROFILES:
        return None
    row = await members.member_by_telegram(tx, _PROFILES[user.role][0], user.telegram_id)
    return None if row is None else (user.role, row)


def _profile_text(role: str, row: dict[str, Any], lang: str) -> str:
    _, form, to_answers, header = _PROFILES[role]
    answers = to_answers(row)
    lines = [t(lang, header, status=t(lang, f"member_status.{row['status']}")), ""]
    for field in form.applicable(answers):
        value = render.display(field, answers.get(field.name), lang)
        lines.append(t(lang, "common.summary_line", label=t(lang, field.label), value=value))
    if row["status"] == "rejected" and row.get("status_reason"):
        lines += ["", t(lang, "profile.rejected_reason", reason=escape(row["status_reason"]))]
    return "\n".join(lines)


async def show_profile(services: Services, sender: Sender) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        found = await _own_profile(tx, user)
    if found is None:
        return Outcome(replies=(Reply(t(user.language, "profile.none")),))
    buttons = ((Button(t(user.language, "profile.buttons.edit"), "p:edit"),),)
    return Outcome(replies=(Reply(_profile_text(*found, user.language), buttons),))


async def profile_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """The profile's Edit button: a form filled with the stored answers, at its summary."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        found = await _own_profile(tx, user)
        if data != "p:edit" or found is None:
            return Outcome(alert=t(user.language, "alerts.old_button"))
        role, row = found
        _, form, to_answers, _ = _PROFILES[role]
        return await engine.begin(services, tx, user, form, target_id=row["id"], answers=to_answers(row))


def _stage(row: dict[str, Any], lang: str) -> str:
    return t(lang, "requests.stage.waiting" if row["status"] == "open" else f"requests.stage.{row['status']}")


def _request_line(row: dict[str, Any], lang: str) -> str:
    status = t(lang, f"request_status.{row['status']}")
    return t(lang, "requests.item", title=escape(row["title"]), status=status,
             headcount=row["headcount"], hours=f"{row['hours_per_week']:g}",
             start_date=row["start_date"], stage=_stage(row, lang))


async def list_requests(services: Services, sender: Sender) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        ngo_row = await members.member_by_telegram(tx, "ngos", user.telegram_id)
        rows = [] if ngo_row is None else await requests.requests_of_ngo(tx, ngo_row["id"])
    lang = user.language
    if ngo_row is None:
        return Outcome(replies=(Reply(t(lang, "requests.ngo_missing")),))
    lines = [t(lang, "requests.header"), ""] + [_request_line(r, lang) for r in rows]
    if not rows:
        lines.append(t(lang, "requests.none"))
    keyboard = [
        (Button(f"{t(lang, 'requests.buttons.edit')} · {r['title'][:20]}", f"rq:edit:{r['id']}"),
         Button(t(lang, "requests.buttons.close"), f"rq:close:{r['id']}"))
        for r in rows if r["status"] == "open"
    ]
    keyboard.append((Button(t(lang, "requests.buttons.new"), "rq:new"),))
    return Outcome(replies=(Reply("\n\n".join(lines), tuple(keyboard)),))


async def request_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """New / Edit / Close (with a confirmation) on the /requests list."""
    action, _, raw_id = data.removeprefix("rq:").partition(":")
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        lang = user.language
        ngo_row = await members.member_by_telegram(tx, "ngos", user.telegram_id)
        if ngo_row is None:
            return Outcome(alert=t(lang, "alerts.not_allowed"))
        if action == "new" and not raw_id:
            return await engine.begin(services, tx, user, catalog.REQUEST_FORM)
        row = await requests.request_by_id(tx, int(raw_id)) if raw_id.isdigit() else None
        if row is None or row["ngo_id"] != ngo_row["id"]:
            return Outcome(alert=t(lang, "alerts.not_allowed"))
        return await _on_own_request(services, tx, user, action, row)


async def _on_own_request(services: Services, tx: Tx, user: User, action: str,
                          row: dict[str, Any]) -> Outcome:
    lang, title = user.language, escape(row["title"])
    if row["status"] != "open":
        return Outcome(replies=(Reply(t(lang, "requests.already_closed", title=title)),))
    if action == "edit":
        return await _edit_request(services, tx, user, catalog.REQUEST_FORM, row)
    if action == "close":
        buttons = ((Button(t(lang, "requests.buttons.confirm_close"), f"rq:yes:{row['id']}"),
                    Button(t(lang, "requests.buttons.keep_open"), f"rq:keep:{row['id']}")),)
        return Outcome(replies=(Reply(t(lang, "requests.close_confirm", title=title), buttons),))
    if action == "yes":
        notices = await close_request(tx, user, row["id"], to_iso(services.clock.now())) or []
        return Outcome(replies=(Reply(t(lang, "requests.closed", title=title)),), notices=tuple(notices))
    if action == "keep":
        return Outcome()
    return Outcome(alert=t(lang, "alerts.old_button"))


async def _edit_request(services: Services, tx: Tx, user: User, form: Form, row: dict[str, Any]) -> Outcome:
    answers = request.answers_from_columns(row)
    return await engine.begin(services, tx, user, form, target_id=row["id"], answers=answers)
