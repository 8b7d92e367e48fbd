"""/find, and the cards a search opens: a director looks up a member or a talent request and sees
where it stands (profile, placements, check-ins), with the actions its state allows.

Typed text from a director that answers no form is searched too, so "王芳的资料" finds 王芳.
"""

from __future__ import annotations

from bot.desk.callbacks import OpenPress
from bot.desk.search import Hit, find, read_query
from bot.events import Event
from bot.followups.render import placement_actions, view_lines
from bot.forms.model import Button, Outcome, Reply
from bot.markup import escape, shorten
from bot.members.callbacks import MemberActionPress, VerifyPress
from bot.members.edits import start_edit
from bot.members.notes import note_lines, start_note
from bot.members.profile_view import profile_lines
from bot.placements.cards import term_names
from bot.placements.common import local_time
from bot.refusals import OldButton
from bot.services import Services
from bot.store import Tx, followups, members, placements, requests
from bot.store.members import MemberKind, MemberRow
from bot.store.placements import PlacementDetails
from bot.store.requests import RequestRow
from bot.talent_requests.callbacks import ClosePress, DeskPress
from bot.texts import Lang, t
from matching.vocabulary import label

RESULTS_SHOWN = 10
PLACEMENTS_SHOWN = 10
_MEMBER_CODES = {kind.code for kind in MemberKind}


async def find_command(event: Event, text: str) -> Outcome:
    """``/find <words>``: members and requests that match, each a button to its card."""
    lang = event.lang
    if not text.strip():
        return Outcome(replies=(Reply(t(lang, "search.how")),))
    hits = await search(event.tx, text)
    return Outcome(replies=(results(hits, text, lang) or Reply(t(lang, "search.none", query=escape(text))),))


async def search(tx: Tx, text: str) -> list[Hit]:
    return find(read_query(text), await members.every_member(tx, MemberKind.WORKER),
                await members.every_member(tx, MemberKind.NGO), await requests.every_request(tx))


def results(hits: list[Hit], text: str, lang: Lang) -> Reply | None:
    """The hits as buttons (the first ``RESULTS_SHOWN``); None when there are none."""
    if not hits:
        return None
    header = t(lang, "search.found", count=len(hits), query=escape(text))
    if len(hits) > RESULTS_SHOWN:
        header += "\n" + t(lang, "search.more", shown=RESULTS_SHOWN)
    buttons = tuple((Button(shorten(_hit_label(hit, lang), 60), OpenPress(hit.code, hit.id).data),)
                    for hit in hits[:RESULTS_SHOWN])
    return Reply(header, buttons)


def _hit_label(hit: Hit, lang: Lang) -> str:
    row = hit.row
    if isinstance(row, dict):
        return t(lang, "search.request_button", title=row["title"], ngo=row["ngo_name"],
                 status=t(lang, f"request_status.{row['status']}"))
    key = "search.worker_button" if hit.code == "w" else "search.ngo_button"
    return t(lang, key, name=row.name, district=label(row.district, lang) or "—",
             status=t(lang, f"member_status.{row.status}"))


async def open_pressed(event: Event, press: OpenPress) -> Outcome:
    """``fd:<w|n|r|p>:<id>``: the card of a search result (or of a placement, from an alert)."""
    card = await _card(event.services, event.tx, press.code, press.row_id, event.lang)
    if card is None:
        raise OldButton
    return Outcome(replies=(card,))


async def member_action_pressed(event: Event, press: MemberActionPress) -> Outcome:
    """``fn:<w|n>:<id>`` writes an internal note on a member; ``fe:<w|n>:<id>`` edits their
    profile on their behalf."""
    start = start_note if press.action == "fn" else start_edit
    return await start(event.services, event.tx, event.user, press.code, press.member_id)


async def _card(services: Services, tx: Tx, code: str, row_id: int, lang: Lang) -> Reply | None:
    if code == "p":
        p = await placements.detail(tx, row_id)
        return None if p is None else await _placement_card(services, tx, p, lang)
    if code == "r":
        request = await requests.request_by_id(tx, row_id)
        return None if request is None else await _request_card(services, tx, request, lang)
    kind = MemberKind.from_code(code)
    row = await members.member_by_id(tx, kind, row_id)
    return None if row is None else await _member_card(services, tx, kind, row, lang)


async def _member_card(services: Services, tx: Tx, kind: MemberKind, row: MemberRow, lang: Lang) -> Reply:
    """Profile, status, placements (live first) and check-ins; Verify / Reject while pending."""
    code = kind.code
    rows = await placements.placements_of_member(tx, kind, row.id)
    key = "search.worker_header" if kind is MemberKind.WORKER else "search.ngo_header"
    lines = [t(lang, key, name=escape(row.name), status=t(lang, f"member_status.{row.status}")),
             profile_lines(kind.entity, row, lang), "",
             *await _history(services, tx, rows, lang),
             *await note_lines(services, tx, code, row.id, lang)]
    actions = (Button(t(lang, "notes.buttons.add"), MemberActionPress("fn", code, row.id).data),
               Button(t(lang, "member_edit.buttons.edit"), MemberActionPress("fe", code, row.id).data))
    buttons: tuple[tuple[Button, ...], ...] = (actions,)
    if row.status in ("verified", "paused"):  # /pause's own button: it asks until when
        switch = "pause" if row.status == "verified" else "resume"
        buttons = (*buttons, (Button(t(lang, f"profile.buttons.{switch}"), f"ps:{switch}:{code}:{row.id}:-"),))
    if row.status == "pending":
        buttons = ((Button(t(lang, "verify.buttons.verify"), VerifyPress("ok", code, row.id).data),
                    Button(t(lang, "verify.buttons.reject"), VerifyPress("no", code, row.id).data)), *buttons)
    return Reply("\n".join(lines), buttons)


async def _request_card(services: Services, tx: Tx, row: RequestRow, lang: Lang) -> Reply:
    ngo = await members.member_by_id(tx, MemberKind.NGO, row.ngo_id)
    lines = [t(lang, "search.request_header", title=escape(row.title), ngo=escape(ngo.name if ngo else "—"),
               status=t(lang, f"request_status.{row.status}")),
             t(lang, "search.request_details", skills=term_names(row.skills, "skill", lang),
               district=label(row.district, lang) or "—", places=row.headcount,
               hours=f"{row.hours_per_week:g}", start=row.start_date), "",
             *await _history(services, tx, await placements.placements_of_request(tx, row.id), lang)]
    if row.paused:
        lines.insert(1, t(lang, "request_desk.paused_mark"))
    return Reply("\n".join(lines), _request_actions(row, lang))


def _request_actions(row: RequestRow, lang: Lang) -> tuple[tuple[Button, ...], ...]:
    """Edit (while open), pause or resume matching, close (until closed)."""
    if row.status == "closed":
        return ()
    rid, rows = row.id, []
    if row.status == "open":
        rows.append((Button(t(lang, "request_desk.buttons.edit"), DeskPress("edit", rid).data),))
    switch = "resume" if row.paused else "pause"
    rows.append((Button(t(lang, f"request_desk.buttons.{switch}"), DeskPress(switch, rid).data),
                 Button(t(lang, "requests.buttons.close"), ClosePress("close", rid).data)))
    return tuple(rows)


async def _placement_card(services: Services, tx: Tx, p: PlacementDetails, lang: Lang) -> Reply:
    """One placement: who, what, where it stands, every check-in answer, and what a director can do."""
    answers = (await followups.checkin_answers(tx, [p.id])).get(p.id, [])
    lines = [t(lang, "search.placement_header", title=escape(p.title), worker=escape(p.worker_name),
               ngo=escape(p.ngo_name), status=t(lang, f"placement_status.{p.status}"),
               since=local_time(services, p.started_at or p.offered_at or p.created_at)[:10]),
             *(view_lines(lang, answers) or [t(lang, "search.no_checkins")])]
    return Reply("\n".join(lines), placement_actions(p, lang, open_button=False))


async def _history(services: Services, tx: Tx, rows: list[PlacementDetails], lang: Lang) -> list[str]:
    """Placement lines (live ones first) and a line of check-in figures."""
    if not rows:
        return [t(lang, "search.no_placements")]
    live = ("proposed", "offered", "active")
    ordered = sorted(rows, key=lambda p: p.status not in live)
    lines = [t(lang, "search.placements_header", count=len(rows))]
    lines += [t(lang, "search.placement_line", title=escape(p.title), worker=escape(p.worker_name),
                ngo=escape(p.ngo_name), status=t(lang, f"placement_status.{p.status}"),
                since=local_time(services, p.started_at or p.offered_at or p.created_at)[:10])
              for p in ordered[:PLACEMENTS_SHOWN]]
    answers = [a["answer"] for found in (await followups.checkin_answers(tx, [p.id for p in rows])).values()
               for a in found]
    ratings = [a["rating"] for a in answers if isinstance(a.get("rating"), int | float)]
    hours = sum(a["hours"] for a in answers if isinstance(a.get("hours"), int | float))
    if answers:
        lines.append(t(lang, "search.checkins", count=len(answers),
                       rating=f"{sum(ratings) / len(ratings):.1f}" if ratings else "—", hours=f"{hours:g}",
                       problems=sum(1 for a in answers if a.get("problem"))))
    return lines
