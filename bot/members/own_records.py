"""A member's own records: /profile (view and edit) and an NGO's /requests (post, edit, close)."""

from __future__ import annotations

from bot import forms_catalog as catalog
from bot.events import Event
from bot.forms import engine
from bot.forms.model import Button, Form, Outcome, Reply
from bot.markup import escape, shorten
from bot.members.callbacks import profile_data
from bot.members.pauses import OWN_PAUSE_FORM, resume_member
from bot.members.profile_view import PROFILES, profile_text
from bot.placements.stages import request_stage
from bot.refusals import NotAllowed, OldButton
from bot.services import Services
from bot.store import Tx, members, placements, requests
from bot.store.members import MemberKind, MemberRow
from bot.store.pauses import PauseTarget
from bot.store.requests import RequestRow
from bot.store.users import User
from bot.talent_requests import form as request
from bot.talent_requests.callbacks import OwnRequestPress
from bot.talent_requests.posting import close_request
from bot.texts import t

_TITLE_ON_BUTTON = 24  # characters of a request's title on its Edit button

# The form that edits each role's profile (what is shown is in bot.members.profile_view).
_PROFILE_FORMS = {"worker": catalog.WORKER_FORM, "ngo": catalog.NGO_FORM}


async def _own_profile(tx: Tx, user: User) -> tuple[str, MemberRow] | None:
    if user.role not in PROFILES:
        return None
    row = await members.member_by_person(tx, PROFILES[user.role][0], user.person_id)
    return None if row is None else (user.role, row)


async def show_profile(event: Event) -> Outcome:
    found = await _own_profile(event.tx, event.user)
    if found is None:
        return Outcome(replies=(Reply(t(event.lang, "profile.none")),))
    return Outcome(replies=(Reply(profile_text(*found, event.lang), _profile_buttons(*found, event.lang)),))


def _profile_buttons(role: str, row: MemberRow, lang: str) -> tuple[tuple[Button, ...], ...]:
    """Edit; and a verified social worker may pause offers for a while (a paused one resume)."""
    row_of_buttons = [Button(t(lang, "profile.buttons.edit"), profile_data("edit"))]
    if role == "worker" and row.status in _PAUSE_SWITCH:
        action = _PAUSE_SWITCH[row.status][0]
        row_of_buttons.append(Button(t(lang, f"profile.buttons.{action}"), profile_data(action)))
    return (tuple(row_of_buttons),)


# status -> (the button's action, the status it moves to)
_PAUSE_SWITCH = {"verified": ("pause", "paused"), "paused": ("resume", "verified")}


async def profile_pressed(event: Event, action: str) -> Outcome:
    """The profile's buttons (``p:<edit|pause|resume>``): Edit (a form filled with the stored
    answers, at its summary), and a social worker's Pause / Resume offers."""
    services, tx, user = event.services, event.tx, event.user
    found = await _own_profile(tx, user)
    if action in ("pause", "resume") and found is not None and found[0] == "worker":
        return await _switch_pause(event, found[1], action)
    if action != "edit" or found is None:
        raise OldButton
    role, row = found
    to_answers = PROFILES[role][2]
    return await engine.begin(services, tx, user, _PROFILE_FORMS[role], target_id=row.id, answers=to_answers(row))


async def _switch_pause(event: Event, row: MemberRow, action: str) -> Outcome:
    """Pause offers (asks until when: a date, or Skip for no end date) or resume them now."""
    if _PAUSE_SWITCH.get(row.status, ("",))[0] != action:
        raise OldButton
    if action == "pause":
        return await engine.begin(event.services, event.tx, event.user, OWN_PAUSE_FORM, target_id=row.id)
    found = PauseTarget("worker", row.id, row.name, row.status, row.paused_until, event.user.person_id)
    return await resume_member(event.services, event.tx, event.user, found, event.now)


def _request_line(row: RequestRow, counts: dict[str, int], lang: str, ngo_verified: bool) -> str:
    status = t(lang, f"request_status.{row.status}")
    return t(lang, "requests.item", title=escape(row.title), status=status,
             headcount=row.headcount, hours=f"{row.hours_per_week:g}",
             start_date=row.start_date, stage=request_stage(row, counts, lang, ngo_verified))


async def list_requests(event: Event) -> Outcome:
    tx, lang = event.tx, event.lang
    ngo_row = await members.member_by_person(tx, MemberKind.NGO, event.user.person_id)
    rows = [] if ngo_row is None else await requests.requests_of_ngo(tx, ngo_row.id)
    counts = {} if ngo_row is None else await placements.live_counts_of_ngo(tx, ngo_row.id)
    if ngo_row is None:
        return Outcome(replies=(Reply(t(lang, "requests.ngo_missing")),))
    verified = ngo_row.status == "verified"
    lines = [t(lang, "requests.header")] + [_request_line(r, counts.get(r.id, {}), lang, verified) for r in rows]
    if not rows:
        lines.append(t(lang, "requests.none"))
    edit = t(lang, "requests.buttons.edit")
    keyboard = [
        (Button(f"{edit} · {shorten(r.title, _TITLE_ON_BUTTON)}", OwnRequestPress("edit", r.id).data),
         Button(t(lang, "requests.buttons.close"), OwnRequestPress("close", r.id).data))
        for r in rows if r.status == "open"
    ] + [  # a filled request can still be closed (no new matches), not edited
        (Button(f"{t(lang, 'requests.buttons.close')} · {shorten(r.title, _TITLE_ON_BUTTON)}",
                OwnRequestPress("close", r.id).data),)
        for r in rows if r.status == "filled"
    ]
    keyboard.append((Button(t(lang, "requests.buttons.new"), OwnRequestPress("new").data),))
    return Outcome(replies=(Reply("\n\n".join(lines), tuple(keyboard)),))


async def request_pressed(event: Event, press: OwnRequestPress) -> Outcome:
    """New / Edit / Close (with a confirmation) on the /requests list: only on the NGO's own."""
    tx, user = event.tx, event.user
    ngo_row = await members.member_by_person(tx, MemberKind.NGO, user.person_id)
    if ngo_row is None:
        raise NotAllowed
    if press.action == "new" and not press.named:
        return await engine.begin(event.services, tx, user, catalog.REQUEST_FORM)
    row = None if press.request_id is None else await requests.request_by_id(tx, press.request_id)
    if row is None or row.ngo_id != ngo_row.id:
        raise NotAllowed
    return await _on_own_request(event, press.action, row)


async def _on_own_request(event: Event, action: str, row: RequestRow) -> Outcome:
    services, tx, user, lang, title = event.services, event.tx, event.user, event.lang, escape(row.title)
    if row.status == "closed" or (action == "edit" and row.status != "open"):
        return Outcome(replies=(Reply(t(lang, "requests.already_closed", title=title)),))
    if action == "edit":
        return await _edit_request(services, tx, user, catalog.REQUEST_FORM, row)
    if action == "close":
        buttons = ((Button(t(lang, "requests.buttons.confirm_close"), OwnRequestPress("yes", row.id).data),
                    Button(t(lang, "requests.buttons.keep_open"), OwnRequestPress("keep", row.id).data)),)
        return Outcome(replies=(Reply(t(lang, "requests.close_confirm", title=title), buttons),),
                       records_on_prompt=True)  # the question under the list, in its buttons' place
    if action == "yes":
        notices = await close_request(tx, user, row.id, event.now) or []
        return Outcome(replies=(Reply(t(lang, "requests.closed", title=title)),), notices=tuple(notices),
                       records_on_prompt=True)
    if action == "keep":
        return Outcome()
    raise OldButton


async def _edit_request(services: Services, tx: Tx, user: User, form: Form, row: RequestRow) -> Outcome:
    answers = request.answers_from_columns(row)
    return await engine.begin(services, tx, user, form, target_id=row.id, answers=answers)
