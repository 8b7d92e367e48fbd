"""A member's own records: /profile (view and edit) and an NGO's /requests (post, edit, close)."""

from __future__ import annotations

from typing import Any

from bot import forms_catalog as catalog
from bot.clock import to_iso
from bot.followups.schedule import send_after_commit
from bot.forms import engine
from bot.forms.model import Button, Form, Outcome, Reply
from bot.markup import escape, shorten
from bot.members.pauses import OWN_PAUSE_FORM, resume_member
from bot.members.profile_view import PROFILES, profile_text
from bot.parsers import parse_row_id
from bot.people import Sender, remember
from bot.placements.stages import request_stage
from bot.services import Services
from bot.store import Tx, members, placements, requests
from bot.store.users import User
from bot.talent_requests import form as request
from bot.talent_requests.posting import close_request
from bot.texts import t

_TITLE_ON_BUTTON = 24  # characters of a request's title on its Edit button

# The form that edits each role's profile (what is shown is in bot.members.profile_view).
_PROFILE_FORMS = {"worker": catalog.WORKER_FORM, "ngo": catalog.NGO_FORM}


async def _own_profile(tx: Tx, user: User) -> tuple[str, dict[str, Any]] | None:
    if user.role not in PROFILES:
        return None
    row = await members.member_by_telegram(tx, PROFILES[user.role][0], user.telegram_id)
    return None if row is None else (user.role, row)


async def show_profile(services: Services, sender: Sender) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        found = await _own_profile(tx, user)
    if found is None:
        return Outcome(replies=(Reply(t(user.language, "profile.none")),))
    return Outcome(replies=(Reply(profile_text(*found, user.language), _profile_buttons(*found, user.language)),))


def _profile_buttons(role: str, row: dict[str, Any], lang: str) -> tuple[tuple[Button, ...], ...]:
    """Edit; and a verified social worker may pause offers for a while (a paused one resume)."""
    row_of_buttons = [Button(t(lang, "profile.buttons.edit"), "p:edit")]
    if role == "worker" and row["status"] in _PAUSE_SWITCH:
        action = _PAUSE_SWITCH[row["status"]][0]
        row_of_buttons.append(Button(t(lang, f"profile.buttons.{action}"), f"p:{action}"))
    return (tuple(row_of_buttons),)


# status -> (the button's action, the status it moves to)
_PAUSE_SWITCH = {"verified": ("pause", "paused"), "paused": ("resume", "verified")}


async def profile_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """The profile's buttons: Edit (a form filled with the stored answers, at its summary), and a
    social worker's Pause / Resume offers."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        found = await _own_profile(tx, user)
        if data in ("p:pause", "p:resume") and found is not None and found[0] == "worker":
            return await _switch_pause(services, tx, user, found[1], data.removeprefix("p:"))
        if data != "p:edit" or found is None:
            return Outcome(alert=t(user.language, "alerts.old_button"))
        role, row = found
        to_answers = PROFILES[role][2]
        return await engine.begin(services, tx, user, _PROFILE_FORMS[role], target_id=row["id"],
                                  answers=to_answers(row))


async def _switch_pause(services: Services, tx: Tx, user: User, row: dict[str, Any], action: str) -> Outcome:
    """Pause offers (asks until when: a date, or Skip for no end date) or resume them now."""
    lang = user.language
    if _PAUSE_SWITCH.get(row["status"], ("",))[0] != action:
        return Outcome(alert=t(lang, "alerts.old_button"))
    if action == "pause":
        return await engine.begin(services, tx, user, OWN_PAUSE_FORM, target_id=row["id"])
    found = {"entity": "worker", "id": row["id"], "name": row["name"], "telegram_id": user.telegram_id}
    return await resume_member(services, tx, user, found, to_iso(services.clock.now()))


def _request_line(row: dict[str, Any], counts: dict[str, int], lang: str, ngo_verified: bool) -> str:
    status = t(lang, f"request_status.{row['status']}")
    return t(lang, "requests.item", title=escape(row["title"]), status=status,
             headcount=row["headcount"], hours=f"{row['hours_per_week']:g}",
             start_date=row["start_date"], stage=request_stage(row, counts, lang, ngo_verified))


async def list_requests(services: Services, sender: Sender) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        ngo_row = await members.member_by_telegram(tx, "ngos", user.telegram_id)
        rows = [] if ngo_row is None else await requests.requests_of_ngo(tx, ngo_row["id"])
        counts = {} if ngo_row is None else await placements.live_counts_of_ngo(tx, ngo_row["id"])
    lang = user.language
    if ngo_row is None:
        return Outcome(replies=(Reply(t(lang, "requests.ngo_missing")),))
    verified = ngo_row["status"] == "verified"
    lines = [t(lang, "requests.header")] + [_request_line(r, counts.get(r["id"], {}), lang, verified) for r in rows]
    if not rows:
        lines.append(t(lang, "requests.none"))
    keyboard = [
        (Button(f"{t(lang, 'requests.buttons.edit')} · {shorten(r['title'], _TITLE_ON_BUTTON)}", f"rq:edit:{r['id']}"),
         Button(t(lang, "requests.buttons.close"), f"rq:close:{r['id']}"))
        for r in rows if r["status"] == "open"
    ] + [  # a filled request can still be closed (no new matches), not edited
        (Button(f"{t(lang, 'requests.buttons.close')} · {shorten(r['title'], _TITLE_ON_BUTTON)}",
                f"rq:close:{r['id']}"),)
        for r in rows if r["status"] == "filled"
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
        request_id = parse_row_id(raw_id)
        row = None if request_id is None else await requests.request_by_id(tx, request_id)
        if row is None or row["ngo_id"] != ngo_row["id"]:
            return Outcome(alert=t(lang, "alerts.not_allowed"))
        return await _on_own_request(services, tx, user, action, row)


async def _on_own_request(services: Services, tx: Tx, user: User, action: str,
                          row: dict[str, Any]) -> Outcome:
    lang, title = user.language, escape(row["title"])
    if row["status"] == "closed" or (action == "edit" and row["status"] != "open"):
        return Outcome(replies=(Reply(t(lang, "requests.already_closed", title=title)),))
    if action == "edit":
        return await _edit_request(services, tx, user, catalog.REQUEST_FORM, row)
    if action == "close":
        buttons = ((Button(t(lang, "requests.buttons.confirm_close"), f"rq:yes:{row['id']}"),
                    Button(t(lang, "requests.buttons.keep_open"), f"rq:keep:{row['id']}")),)
        return Outcome(replies=(Reply(t(lang, "requests.close_confirm", title=title), buttons),),
                       records_on_prompt=True)  # the question under the list, in its buttons' place
    if action == "yes":
        now = to_iso(services.clock.now())
        notices = await close_request(tx, user, row["id"], now) or []
        closed = Outcome(replies=(Reply(t(lang, "requests.closed", title=title)),), notices=tuple(notices),
                         records_on_prompt=True)
        return await send_after_commit(tx, closed, now)
    if action == "keep":
        return Outcome()
    return Outcome(alert=t(lang, "alerts.old_button"))


async def _edit_request(services: Services, tx: Tx, user: User, form: Form, row: dict[str, Any]) -> Outcome:
    answers = request.answers_from_columns(row)
    return await engine.begin(services, tx, user, form, target_id=row["id"], answers=answers)
