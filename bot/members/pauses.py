"""Pauses: a social worker or an NGO takes no proposals or offers for a while.

A social worker pauses themselves from /profile; an association director pauses any member with
``/pause <name or id> [date]`` and lifts it with ``/resume``. The optional date is the day the
member takes offers again: the dispatcher's pass ends the pause on that day. Every pause and
resume writes an audit row, asks for a rematch (a pause withdraws the member's open proposals and
the next candidate is proposed) and tells the member.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.clock import to_iso
from bot.events import Event
from bot.followups.quiet import local_date
from bot.followups.schedule import enqueue
from bot.forms import engine
from bot.forms.model import Button, Field, Form, Kind, Notice, Outcome, Reply
from bot.markup import escape
from bot.members.callbacks import PausePress
from bot.parsers import parse_row_id
from bot.parsers.dates import parse_start_date
from bot.parsers.result import Invalid, Ok, ParseResult
from bot.placements.rematcher import rematch_wanted
from bot.refusals import NotAllowed, OldButton, refused
from bot.services import Services
from bot.store import Tx, audit, pauses
from bot.store.members import MemberKind
from bot.store.pauses import PauseTarget
from bot.store.users import User, get_user
from bot.texts import Lang, t

_CODES = {kind.code: kind.entity for kind in MemberKind}  # callback code -> the entity pauses.member reads
_LISTED = 8  # members offered as buttons when a name fits several


def parse_resume_date(text: str, today: date) -> ParseResult[str]:
    """The day offers start again (ISO date): after today, up to two years ahead."""
    result = parse_start_date(text, today)
    if isinstance(result, Invalid):
        return result
    if result.value <= today:
        return Invalid("errors.resume_not_after_today")
    return Ok(result.value.isoformat())


def _until_field(prompt: str) -> Field:
    return Field("until", prompt, "pause.label_until", Kind.TEXT, parse=parse_resume_date, optional=True)


async def _submit_own(services: Services, tx: Tx, user: User, draft, now: str) -> Outcome:
    own = await pauses.member(tx, "worker", draft.target_id)
    if own is None or own.person_id != user.person_id:
        return refused(services, user.language, NotAllowed(), pressed=True)
    return await pause_member(services, tx, user, own, draft.answers.get("until"), now)


async def _submit_by_director(services: Services, tx: Tx, user: User, draft, now: str) -> Outcome:
    if not services.is_director(user.person_id):
        return refused(services, user.language, NotAllowed(), pressed=True)
    entity = draft.state.get("params", {}).get("entity", "worker")
    found = await pauses.member(tx, entity, draft.target_id)
    if found is None:
        return refused(services, user.language, OldButton(), pressed=True)
    return await pause_member(services, tx, user, found, draft.answers.get("until"), now)


OWN_PAUSE_FORM = Form("pause_self", "", "", (_until_field("pause.ask_until_self"),), _submit_own,
                      confirm=False, cancel_button=True)
DIRECTOR_PAUSE_FORM = Form("pause_member", "", "", (_until_field("pause.ask_until_member"),),
                           _submit_by_director, confirm=False, cancel_button=True)


def _until_text(lang: Lang, until: str | None) -> str:
    return t(lang, "pause.until_date", date=until) if until else t(lang, "pause.until_resumed")


async def pause_member(services: Services, tx: Tx, actor: User, found: PauseTarget, until: Any,
                       now: str) -> Outcome:
    """Pause ``found`` (a worker or NGO row of :mod:`bot.store.pauses`) until ``until`` or for now."""
    lang, until_iso = actor.language, until.isoformat() if isinstance(until, date) else until
    before = await pauses.pause(tx, found.entity, found.id, until_iso, now)
    if before is None:
        return Outcome(replies=(Reply(t(lang, "pause.not_verified", name=escape(found.name))),))
    await audit.record(tx, actor=actor.person_id, action="paused", entity=found.entity, entity_id=found.id,
                       at=now, old=before, new="paused", detail=until_iso)
    rematch_wanted(services)  # the member's open proposals are withdrawn, the next candidate proposed
    if found.person_id == actor.person_id:
        return Outcome(replies=(Reply(t(lang, "profile.paused", until=_until_text(lang, until_iso))),),
                       records_on_prompt=True)
    done = Reply(t(lang, "pause.paused_done", name=escape(found.name), until=_until_text(lang, until_iso)))
    notices = await _to_member(tx, found, lambda m_lang: t(
        m_lang, f"pause.paused_notice_{found.entity}", until=_until_text(m_lang, until_iso)))
    return Outcome(replies=(done,), notices=notices, records_on_prompt=True)


async def resume_member(services: Services, tx: Tx, actor: User, found: PauseTarget, now: str) -> Outcome:
    """Lift a pause now (the member's own Resume, or a director's /resume)."""
    lang = actor.language
    if not await pauses.resume(tx, found.entity, found.id, now):
        return Outcome(replies=(Reply(t(lang, "pause.not_paused", name=escape(found.name))),))
    await audit.record(tx, actor=actor.person_id, action="resumed", entity=found.entity, entity_id=found.id,
                       at=now, old="paused", new="verified")
    rematch_wanted(services)
    if found.person_id == actor.person_id:
        return Outcome(replies=(Reply(t(lang, "profile.resumed")),), records_on_prompt=True)
    done = Reply(t(lang, "pause.resumed_done", name=escape(found.name)))
    notices = await _to_member(tx, found, lambda m_lang: t(m_lang, f"pause.resumed_notice_{found.entity}"))
    return Outcome(replies=(done,), notices=notices, records_on_prompt=True)


async def _to_member(tx: Tx, found: PauseTarget, text) -> tuple[Notice, ...]:
    if found.person_id is None:
        return ()
    person = await get_user(tx, found.person_id)
    m_lang: Lang = person.language if person is not None else "zh"  # type: ignore[assignment]
    return (Notice(found.person_id, Reply(text(m_lang))),)


async def end_due_pauses(services: Services, now: datetime) -> int:
    """The dispatcher's pass: pauses whose date has come end, the member is told (quiet hours hold
    the message) and a rematch proposes them again. How many ended."""
    stamp = to_iso(now)
    async with services.database.transaction() as tx:
        ending = await pauses.pauses_ending(tx, local_date(now, services.settings))
        for found in ending:
            if not await pauses.resume(tx, found.entity, found.id, stamp):
                continue
            await audit.record(tx, actor=None, action="pause_ended", entity=found.entity, entity_id=found.id,
                               at=stamp, old="paused", new="verified", detail=found.paused_until)
            key = f"pause.ended_notice_{found.entity}"
            notices = await _to_member(tx, found, lambda m_lang, key=key: t(m_lang, key))
            await enqueue(tx, notices, stamp)
    if ending:
        rematch_wanted(services)
    return len(ending)


# -- a director's /pause and /resume -------------------------------------------------------


def _split_date(words: str, today: date) -> tuple[str, date | None, Invalid | None]:
    """``"王芳 2026-12-20"`` -> ("王芳", that date); a last word that reads as a date is the end date."""
    head, _, last = words.strip().rpartition(" ")
    if head and any(ch.isdigit() for ch in last):
        result = parse_resume_date(last, today)
        if isinstance(result, Invalid):
            return head.strip(), None, result
        return head.strip(), date.fromisoformat(result.value), None
    return words.strip(), None, None


async def _find(tx: Tx, words: str) -> list[PauseTarget]:
    """``w12`` / ``n3`` (a worker's or NGO's id), or a name (whole, else a part of it)."""
    code, number = words[:1].lower(), parse_row_id(words[1:])
    if code in _CODES and number is not None:
        found = await pauses.member(tx, _CODES[code], number)
        return [] if found is None else [found]
    return await pauses.find_members(tx, words, _LISTED)


async def director_pause(event: Event, words: str = "") -> Outcome:
    """``/pause <name or id> [date]``: pause at once when a date is given, else ask for one."""
    return await _director_command(event, words, "pause")


async def director_resume(event: Event, words: str = "") -> Outcome:
    """``/resume <name or id>``: lift a member's pause now."""
    return await _director_command(event, words, "resume")


async def _director_command(event: Event, words: str, action: str) -> Outcome:
    lang = event.lang
    who, until, bad_date = (_split_date(words, _local_today(event.services)) if action == "pause"
                            else (words.strip(), None, None))
    if not who:
        return Outcome(replies=(Reply(t(lang, f"pause.usage_{action}")),))
    if bad_date is not None:
        return Outcome(replies=(Reply(bad_date.render(lang)),))
    found = await _find(event.tx, who)
    if len(found) != 1:
        return _choose_among(lang, who, found, action, until)
    return await _act(event.services, event.tx, event.user, found[0], action, until, event.now)


async def _act(services: Services, tx: Tx, user: User, found: PauseTarget, action: str,
               until: date | None, now: str) -> Outcome:
    if action == "resume":
        return await resume_member(services, tx, user, found, now)
    if until is not None:
        return await pause_member(services, tx, user, found, until, now)
    if found.status not in ("verified", "paused"):
        return Outcome(replies=(Reply(t(user.language, "pause.not_verified", name=escape(found.name))),))
    return await engine.begin(services, tx, user, DIRECTOR_PAUSE_FORM, target_id=found.id,
                              params={"name": escape(found.name), "entity": found.entity})


def _choose_among(lang: Lang, who: str, found: list[PauseTarget], action: str, until: date | None) -> Outcome:
    if not found:
        return Outcome(replies=(Reply(t(lang, "pause.nobody", words=escape(who))),))
    day = until.strftime("%Y%m%d") if until else "-"
    buttons = tuple((Button(_listed(lang, m), PausePress(action, m.entity[0], m.id, day).data),) for m in found)
    return Outcome(replies=(Reply(t(lang, "pause.which", words=escape(who)), buttons),))


def _listed(lang: Lang, member: PauseTarget) -> str:
    kind = t(lang, "pause.kind_" + member.entity)
    return f"{kind} · {member.name} · {t(lang, 'member_status.' + member.status)}"


async def pause_pressed(event: Event, press: PausePress) -> Outcome:
    """``ps:<pause|resume>:<w|n>:<id>:<yyyymmdd|->``: the member a director picked from a list."""
    found = await pauses.member(event.tx, _CODES[press.code], press.member_id)
    until = _button_date(press.day, _local_today(event.services))
    if found is None or until is False:
        raise OldButton
    return await _act(event.services, event.tx, event.user, found, press.action, until or None, event.now)


def _local_today(services: Services) -> date:
    return date.fromisoformat(local_date(services.clock.now(), services.settings))


def _button_date(day: str, today: date) -> date | bool | None:
    """The date a button carries, None for "no date", False when forged or already past."""
    if day == "-":
        return None
    try:
        parsed = datetime.strptime(day, "%Y%m%d").date()
    except ValueError:
        return False
    return parsed if parsed > today else False
