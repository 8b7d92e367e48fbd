"""The member forms, wired to what submitting them does; and every form by its stored name.

Form definitions (questions, parsers) live with their features (members/worker_form.py,
members/ngo_form.py, talent_requests/form.py); the code that stores a submitted form renders
profiles with those definitions, so the two are joined here, at the top, which keeps imports
one-way. The form engine never imports this module: it is handed ``all_forms()`` at start.
"""

from __future__ import annotations

from bot.followups.answers import CHECKIN_FORM
from bot.forms.model import Form, Outcome
from bot.members import ngo_form as ngo
from bot.members import worker_form as worker
from bot.members.edits import EDIT_FORMS
from bot.members.notes import NOTE_FORMS
from bot.members.pauses import DIRECTOR_PAUSE_FORM, OWN_PAUSE_FORM
from bot.members.profiles import save_ngo_profile, save_worker_profile
from bot.members.verification import REJECT_FORMS
from bot.notices.broadcast import NOTICE_FORM
from bot.placements.by_hand import BY_NAME_FORM
from bot.placements.decisions import REJECT_PROPOSAL_FORM
from bot.placements.ending import END_FORM
from bot.placements.relay import RELAY_FORM
from bot.talent_requests import form as request
from bot.talent_requests.desk import EDIT_REQUEST_FORM
from bot.talent_requests.posting import save_request


async def _submit_worker(services, tx, user, draft, now) -> Outcome:
    values = worker.columns_from_answers(draft.answers)
    return await save_worker_profile(services, tx, user, draft.target_id, values, now)


async def _submit_ngo(services, tx, user, draft, now) -> Outcome:
    return await save_ngo_profile(services, tx, user, draft.target_id, ngo.columns_from_answers(draft.answers), now)


async def _submit_request(services, tx, user, draft, now) -> Outcome:
    values = request.columns_from_answers(draft.answers)
    return await save_request(services, tx, user, draft.target_id, values, now)


WORKER_FORM = Form("worker", "worker_form.intro", "worker_form.summary_header", worker.FIELDS, _submit_worker)
NGO_FORM = Form("ngo", "ngo_form.intro", "ngo_form.summary_header", ngo.FIELDS, _submit_ngo)
REQUEST_FORM = Form("request", "request_form.intro", "request_form.summary_header", request.FIELDS,
                    _submit_request)


def all_forms() -> dict[str, Form]:
    """Every form by the name its draft rows store (member forms, directors' short forms,
    check-ins): handed to the form engine at start, through Services."""
    forms = (WORKER_FORM, NGO_FORM, REQUEST_FORM, REJECT_PROPOSAL_FORM, END_FORM, CHECKIN_FORM, RELAY_FORM,
             *REJECT_FORMS.values(), *NOTE_FORMS.values(), *EDIT_FORMS.values(), BY_NAME_FORM, NOTICE_FORM,
             OWN_PAUSE_FORM, DIRECTOR_PAUSE_FORM, EDIT_REQUEST_FORM)
    return {f.name: f for f in forms}
