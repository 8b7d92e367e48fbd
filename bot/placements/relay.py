"""A director writes to both sides of a placement at once (after a problem check-in, say): one
short text, relayed by the bot to the social worker and the NGO director, each told it comes
from the association, and recorded in the audit log."""

from __future__ import annotations

from bot.forms import engine
from bot.forms.fields import ignoring_today
from bot.forms.model import Field, Form, Notice, Outcome, Reply
from bot.markup import escape
from bot.parsers import parse_reason
from bot.placements.common import both_sides
from bot.refusals import NotAllowed, OldButton, refused
from bot.services import Services
from bot.store import Tx, audit, placements
from bot.store.drafts import Draft
from bot.store.users import User
from bot.texts import t

# Both sides can still be reached about these: an offer out, or a placement under way.
RELAYABLE = ("offered", "active")


async def start_message(services: Services, tx: Tx, director: User, placement_id: int) -> Outcome:
    p = await placements.detail(tx, placement_id)
    if p is None or p.status not in RELAYABLE:
        raise OldButton
    return await engine.begin(services, tx, director, RELAY_FORM, target_id=placement_id,
                              params={"title": escape(p.title), "worker": escape(p.worker_name),
                                      "ngo": escape(p.ngo_name)})


async def _send(services: Services, tx: Tx, director: User, draft: Draft, now: str) -> Outcome:
    lang, text = director.language, draft.answers["text"]
    if not services.is_director(director.person_id):
        return refused(services, lang, NotAllowed(), pressed=True)
    p = await placements.detail(tx, draft.target_id)
    if p is None or p.status not in RELAYABLE:
        return Outcome(replies=(Reply(t(lang, "relay.gone")),))
    notices = [Notice(tel, Reply(t(side_lang, "relay.to_member", title=escape(p.title), text=escape(text))))
               for tel, side_lang in both_sides(p) if tel is not None]
    await audit.record(tx, actor=director.person_id, action="messaged", entity="placement", entity_id=p.id, at=now,
                       old=p.status, new=p.status, detail=text)
    return Outcome(replies=(Reply(t(lang, "relay.sent", count=len(notices))),), notices=tuple(notices))


RELAY_FORM = Form("relay_message", "", "", (
    Field("text", "relay.ask", "relay.ask", parse=ignoring_today(parse_reason)),
), _send, confirm=False, cancel_button=True)
