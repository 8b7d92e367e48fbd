"""What a person may ask of their own data: /mydata (all of it, as JSON) and /deleteme.

/deleteme asks first. The "Yes, delete" button carries a nonce stored with the question, so only
the newest question works, only for the person who asked, and only for a few minutes.
"""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

from bot.clock import from_iso, to_iso
from bot.datatools.callbacks import DeletionPress
from bot.events import Event
from bot.forms.model import Button, Notice, Outcome, Reply
from bot.markup import escape
from bot.placements.rematcher import rematch_wanted
from bot.refusals import OldButton
from bot.services import Services
from bot.store import Tx, audit, personal, requests
from bot.texts import Lang, t

CONFIRM_MINUTES = 10


async def send_my_data(event: Event) -> Outcome:
    """/mydata: a JSON file of every row about the sender, and nobody else's."""
    person_id = event.user.person_id
    rows = await personal.personal_rows(event.tx, person_id)
    document = {"person_id": person_id, "exported_at": event.now, "about": t("en", "mydata.about"), **rows}
    content = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    name = f"my-data-{from_iso(event.now).date().isoformat()}.json"
    return Outcome(replies=(Reply(t(event.lang, "mydata.caption"), document=(name, content)),))


async def ask_to_delete(event: Event) -> Outcome:
    """/deleteme: what deleting means, with "Yes, delete" and "No, keep"."""
    nonce, lang = secrets.token_hex(4), event.lang
    await personal.ask_deletion(event.tx, event.user.person_id, nonce, event.now)
    buttons = ((Button(t(lang, "deleteme.buttons.yes"), DeletionPress(True, nonce).data),
                Button(t(lang, "deleteme.buttons.no"), DeletionPress(False, nonce).data)),)
    return Outcome(replies=(Reply(t(lang, "deleteme.ask", minutes=CONFIRM_MINUTES), buttons),))


async def deletion_pressed(event: Event, press: DeletionPress) -> Outcome:
    """``del:yes:<nonce>`` deletes, ``del:no:<nonce>`` keeps; any other or stale press changes nothing."""
    tx, person_id, lang = event.tx, event.user.person_id, event.lang
    if not press.delete:
        await personal.drop_deletion_request(tx, person_id)
        return Outcome(replies=(Reply(t(lang, "deleteme.kept"), edit=True),))
    asked_after = to_iso(from_iso(event.now) - timedelta(minutes=CONFIRM_MINUTES))
    if not await personal.take_deletion_request(tx, person_id, press.nonce, asked_after):
        raise OldButton
    notices = await _forget(event.services, tx, person_id, event.now)
    return Outcome(replies=(Reply(t(lang, "deleteme.done"), edit=True),), notices=tuple(notices))


async def _forget(services: Services, tx: Tx, person_id: int, now: str) -> list[Notice]:
    """End their live placements (telling the other side), then clear who they were."""
    profiles = await personal.profiles_of(tx, person_id)
    notices = []
    for other in await personal.live_placements_of(tx, person_id, profiles):
        if not await personal.end_placement(tx, other.placement_id, other.status, now):
            continue
        await audit.record(tx, actor=None, action="member_deleted", entity="placement", entity_id=other.placement_id,
                           at=now, old=other.status,
                           new="withdrawn" if other.status == "proposed" else "cancelled")
        if other.status == "active":
            await requests.set_request_status(tx, other.request_id, "filled", "open", now)
        if other.person_id is not None and other.status in ("offered", "active"):
            notices.append(_ended_notice(other.person_id, other.language, other.title))  # type: ignore[arg-type]
    await personal.forget_person(tx, person_id, profiles, now)
    for table, member_id in (("worker", profiles.worker_id), ("ngo", profiles.ngo_id)):
        if member_id is not None:
            await audit.record(tx, actor=None, action="personal_data_deleted", entity=table, entity_id=member_id,
                               at=now)
    rematch_wanted(services)
    return notices


def _ended_notice(person_id: int, lang: Lang, title: str) -> Notice:
    return Notice(person_id, Reply(t(lang, "deleteme.other_side_left", title=escape(title))))
