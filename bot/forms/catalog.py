"""The member forms, wired to what submitting them does; and every form by its stored name.

Form definitions (questions, parsers) live in worker.py, ngo.py and request.py; the services
that store a submitted form render profiles with those definitions, so the two are joined
here rather than in the definition modules, which keeps imports one-way.
"""

from __future__ import annotations

from bot.forms import ngo, request, worker
from bot.forms.model import Form, Outcome
from bot.profiles import save_ngo_profile, save_worker_profile
from bot.talent_requests import save_request


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


def form_named(name: str) -> Form | None:
    """The form a draft row names (member forms, directors' short forms, check-ins); None if
    no form has that name any more (a draft written by an older version)."""
    from bot.followups.answers import CHECKIN_FORM
    from bot.member_edits import EDIT_FORMS
    from bot.member_notes import NOTE_FORMS
    from bot.notices import NOTICE_FORM
    from bot.pauses import DIRECTOR_PAUSE_FORM, OWN_PAUSE_FORM
    from bot.placements.by_hand import BY_NAME_FORM
    from bot.placements.decisions import REJECT_PROPOSAL_FORM
    from bot.placements.ending import END_FORM
    from bot.placements.relay import RELAY_FORM
    from bot.request_desk import EDIT_REQUEST_FORM
    from bot.verification import REJECT_FORMS

    forms = (WORKER_FORM, NGO_FORM, REQUEST_FORM, REJECT_PROPOSAL_FORM, END_FORM, CHECKIN_FORM, RELAY_FORM,
             *REJECT_FORMS.values(), *NOTE_FORMS.values(), *EDIT_FORMS.values(), BY_NAME_FORM, NOTICE_FORM,
             OWN_PAUSE_FORM, DIRECTOR_PAUSE_FORM, EDIT_REQUEST_FORM)
    return {f.name: f for f in forms}.get(name)
