"""What association directors do with the data in chat: /stats, /export and /invite.

Each route is for directors only (``bot.datatools.routes``): anyone else gets "not allowed" and
sees nothing. Heavy work (the chart, the workbook) runs after the event's transaction, in a
worker thread, so the bot keeps answering others meanwhile.
"""

from __future__ import annotations

import asyncio
from typing import Any
from zoneinfo import ZoneInfo

from bot.datatools.callbacks import invitee_data
from bot.datatools.charts import render_chart
from bot.datatools.exporting import build_export, export_file_name
from bot.datatools.invites import issue_invite, link_reply
from bot.datatools.stats import gather_figures
from bot.datatools.stats_text import stats_text
from bot.events import Event
from bot.forms.model import Button, Outcome, Reply
from bot.markup import escape, shorten
from bot.parsers import Invalid, parse_line
from bot.refusals import OldButton
from bot.store import invites
from bot.store.exports import export_rows
from bot.texts import Lang, t

INVITE_BUTTONS = 20
_EXPORT_FORMATS = {"": "xlsx", "xlsx": "xlsx", "excel": "xlsx", "csv": "csv"}


async def show_stats(event: Event) -> Outcome:
    """/stats: the figures as text, then the chart as a photo, both in the director's language."""
    services, lang = event.services, event.lang

    async def report(_: Outcome) -> Outcome:  # reads in a snapshot of its own, off the event
        figures = await gather_figures(services.database, services.settings.association.timezone)
        chart = await asyncio.to_thread(render_chart, figures, lang)
        return Outcome(replies=(Reply(stats_text(figures, lang)), Reply(t(lang, "stats.chart_caption"), photo=chart)))
    event.after_commit(report)
    return Outcome()


async def send_export(event: Event, argument: str) -> Outcome:
    """/export (Excel workbook) or /export csv (zip of CSV files), sent as a document."""
    services, lang = event.services, event.lang
    file_format = _EXPORT_FORMATS.get(argument.strip().lower())
    if file_format is None:
        return Outcome(replies=(Reply(t(lang, "export.usage", given=escape(argument.strip()))),))

    async def export(_: Outcome) -> Outcome:  # reads in a snapshot of its own, off the event
        tables = await export_rows(services.database)
        zone = ZoneInfo(services.settings.association.timezone)
        content = await asyncio.to_thread(build_export, tables, file_format, lang, zone)  # type: ignore[arg-type]
        name = export_file_name(file_format, services.clock.now().astimezone(zone).date())
        return Outcome(replies=(Reply(export_caption(tables, lang), document=(name, content)),))
    event.after_commit(export)
    return Outcome()


def export_caption(tables: dict[str, list[dict[str, Any]]], lang: Lang) -> str:
    """What the file holds, counted as /stats and the digest count: a placement is one both sides
    accepted; the placements sheet also lists the proposals and offers before that."""
    counts = {sheet: len(rows) for sheet, rows in tables.items()}
    started = [p for p in tables["placements"] if p["started_at"] is not None]
    return t(lang, "export.caption", **counts, started=len(started),
             active=sum(1 for p in started if p["status"] == "active"))


async def make_invite(event: Event, argument: str, bot_username: str) -> Outcome:
    """/invite ROSTER_KEY: a fresh link for that imported worker; /invite alone: a button per worker."""
    tx, lang = event.tx, event.lang
    if not argument.strip():
        return _invitee_buttons(lang, await invites.invitees(tx, INVITE_BUTTONS))
    key = parse_line(argument, 64)
    found = None if isinstance(key, Invalid) else await invites.invitee_by_roster_key(tx, key.value)
    if found is None:
        return Outcome(replies=(Reply(t(lang, "invite.unknown_key", roster_key=escape(argument.strip()))),))
    return await _link(event, found, bot_username)


async def invite_pressed(event: Event, worker_id: int, bot_username: str) -> Outcome:
    """``inv:<worker id>``: a link for that worker, if they are still imported and unlinked."""
    found = await invites.invitee(event.tx, worker_id)
    if found is None:
        raise OldButton
    return await _link(event, found, bot_username)


async def _link(event: Event, found: invites.Invitee, bot_username: str) -> Outcome:
    issued = await issue_invite(event.tx, found.worker_id, event.user.person_id, event.services.clock.now())
    # The link goes under the list it was chosen from, in one call.
    return Outcome(replies=(link_reply(event.services, event.lang, bot_username, found.name, issued),),
                   records_on_prompt=True)


def _invitee_buttons(lang: Lang, people: list[invites.Invitee]) -> Outcome:
    if not people:
        return Outcome(replies=(Reply(t(lang, "invite.nobody")),))
    buttons = tuple((Button(shorten(f"{p.name} · {p.roster_key}", 40), invitee_data(p.worker_id)),) for p in people)
    return Outcome(replies=(Reply(t(lang, "invite.choose"), buttons),))
