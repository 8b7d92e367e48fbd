"""Runs a form on its draft row: every answer is committed before the bot replies.

The next question is the first applicable field the draft lacks (or the one being edited), so
the row alone is the conversation's state and a restart, even ``kill -9``, resumes exactly there.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from bot.clock import to_iso
from bot.forms import render, skills
from bot.forms.model import Field, Form, Kind, Outcome, Reply
from bot.parsers import parse_phone
from bot.parsers.result import Invalid, Said
from bot.services import Services
from bot.store import Tx
from bot.store import drafts as draft_rows
from bot.store.drafts import Draft
from bot.store.users import User
from bot.texts import LANGUAGES, Lang, t

log = logging.getLogger(__name__)


class _Session:
    """One person's form for the length of one transaction."""

    def __init__(self, services: Services, tx: Tx, user: User, form: Form, draft: Draft,
                 message_id: int | None = None) -> None:
        self.services, self.tx, self.user, self.form, self.draft = services, tx, user, form, draft
        self.lang: Lang = user.language  # type: ignore[assignment]
        self.now = services.clock.now()
        self.message_id = message_id  # the typed message being answered, if any

    def holds_answers(self) -> bool:
        """True when the person has answered something in this member form (directors' short
        forms are answered in one go and may be replaced)."""
        return self.form.confirm and bool(self.draft.state.get("touched"))

    def already_taken(self) -> bool:
        """True when this message was taken before: Telegram re-delivers an update whose
        confirmation a crash lost, and it must not become the answer to the next question."""
        last = self.draft.state.get("last_message")
        return self.message_id is not None and last is not None and self.message_id <= last

    @property
    def today(self):
        return self.now.date()

    def current_field(self) -> Field | None:
        """The question to ask now; None when every answer is in (the summary)."""
        answers = self.draft.answers
        editing = self.draft.state.get("editing")
        if editing and (field := self.form.field(editing)) and field.applies(answers):
            return field
        return next((f for f in self.form.applicable(answers) if f.name not in answers), None)

    def ask(self) -> Reply:
        field = self.current_field()
        if field is None:
            return render.summary(self.form, self.draft, self.lang)
        pending = self.draft.state.get("skills")
        if field.kind is Kind.SKILLS and pending:
            director = self.services.is_director(self.user.person_id)
            return skills.confirmation(pending, self.draft, self.lang,
                                       self.services.settings.matching.confirm_below, show_confidence=director)
        return render.question(self.form, field, self.draft, self.lang, self.today)

    async def save(self, answers: dict[str, Any], state: dict[str, Any], *,
                   new_revision: bool = True) -> bool:
        if self.message_id is not None:
            state = {**state, "last_message": self.message_id}
        saved = await draft_rows.save_draft(
            self.tx, replace(self.draft, answers=answers, state=state), to_iso(self.now),
            new_revision=new_revision)
        if saved is None:
            return False
        self.draft = saved
        return True

    async def answer(self, field: Field, value: Any, note: Said | None = None) -> Outcome:
        """Store one answer, then ask the next question (or show the summary); ``note`` says
        how the answer was read ("3 months counts as 13 weeks") above it."""
        answers = _still_applicable(self.form, {**self.draft.answers, field.name: value})
        state = {k: v for k, v in self.draft.state.items() if k not in ("skills", "selecting")}
        state["touched"] = True
        if state.get("editing") == field.name:
            state.pop("editing")
        if not await self.save(answers, state):
            return Outcome(alert=t(self.lang, "alerts.old_button"))
        if not self.form.confirm and self.current_field() is None:
            return await _finish(self)
        following = self.ask()
        if note is not None:
            following = replace(following, text=f"{note.render(self.lang)}\n\n{following.text}")
        return Outcome(replies=(*self.leaving(field), following))

    def leaving(self, field: Field | None) -> tuple[Reply, ...]:
        """Moving on from a phone question takes its "share contact" keyboard away again."""
        if field is None or field.kind is not Kind.PHONE:
            return ()
        return (Reply(t(self.lang, "common.saved"), remove_keyboard=True),)

    def refuse(self, reason: Invalid | str) -> Outcome:
        text = reason.render(self.lang) if isinstance(reason, Invalid) else t(self.lang, reason)
        return Outcome(replies=(Reply(text), self.ask()))


def _still_applicable(form: Form, answers: dict[str, Any]) -> dict[str, Any]:
    """Forget answers to questions an answer made moot (a registration number once "not yet"),
    so that switching back asks them again instead of reusing a stale value."""
    moot = {f.name for f in form.fields} - {f.name for f in form.applicable(answers)}
    return {name: value for name, value in answers.items() if name not in moot}


async def _session(services: Services, tx: Tx, user: User, message_id: int | None = None) -> _Session | None:
    draft = await draft_rows.current_draft(tx, user.person_id)
    if draft is None:
        return None
    form = services.forms.get(draft.form)
    if form is None:  # left by a version that had this form: drop it rather than fail every message
        log.warning("dropping %s's draft of the unknown form %r", user.person_id, draft.form)
        await draft_rows.drop_drafts(tx, user.person_id)
        return None
    return _Session(services, tx, user, form, draft, message_id)


async def begin(services: Services, tx: Tx, user: User, form: Form, *, target_id: int | None = None,
                answers: dict[str, Any] | None = None, editing: str | None = None,
                params: dict[str, Any] | None = None) -> Outcome:
    """Start ``form`` (dropping any other draft); editing an existing row starts from its answers.

    ``params`` fill placeholders of the form's prompts (e.g. the name of the member rejected).
    """
    in_progress = await _session(services, tx, user)
    if in_progress is not None and in_progress.holds_answers():
        # Nothing typed is thrown away: the same form carries on, another one waits its turn.
        same = in_progress.form.name == form.name and in_progress.draft.target_id == target_id
        key = "start.resume_form" if same else "errors.finish_form_first"
        return Outcome(replies=(Reply(t(in_progress.lang, key)), in_progress.ask()))
    state: dict[str, Any] = {"editing": editing} if editing else {}
    if params:
        state["params"] = params
    draft = await draft_rows.start_draft(tx, user.person_id, form.name, target_id,
                                         answers or {}, state, to_iso(services.clock.now()))
    session = _Session(services, tx, user, form, draft)
    intro = () if editing or answers or not form.intro else (Reply(_intro(form, session.lang)),)
    return Outcome(replies=(*intro, session.ask()))


def _intro(form: Form, lang: Lang) -> str:
    """The form's intro with the number of questions a new draft has ahead of it."""
    return t(lang, form.intro, count=len(form.applicable({})))


async def resume(services: Services, tx: Tx, user: User) -> Outcome | None:
    """Ask the current question again; None when the person is in no form."""
    session = await _session(services, tx, user)
    return None if session is None else Outcome(replies=(session.ask(),))


async def in_form(tx: Tx, user: User) -> bool:
    """Whether the person has a form in progress."""
    return await draft_rows.current_draft(tx, user.person_id) is not None


async def cancel(tx: Tx, user: User) -> bool:
    return await draft_rows.drop_drafts(tx, user.person_id) > 0


async def on_text(services: Services, tx: Tx, user: User, text: str,
                  message_id: int | None = None) -> Outcome | None:
    """A typed answer; None when the person is in no form. A message taken before (same
    ``message_id``) changes nothing and gets the current question again."""
    session = await _session(services, tx, user, message_id)
    if session is None:
        return None
    if session.already_taken():
        return Outcome(replies=(session.ask(),))
    outcome = await _typed_answer(session, text)
    if outcome.replies or outcome.alert is None:
        return outcome
    # An alert pops up only over a pressed button: typed text gets it as a message, and the question.
    return Outcome(replies=(Reply(outcome.alert), session.ask()))


# The reply keyboard's Back arrives as typed text, in either language: the keyboard on screen
# may have been drawn before a /language switch.
_BACK_LABELS = frozenset(t(lang, "common.buttons.back") for lang in LANGUAGES)


async def _typed_answer(session: _Session, text: str) -> Outcome:
    field = session.current_field()
    if text.strip() in _BACK_LABELS:
        return await _back(session, "")
    if field is None:
        return session.refuse("errors.use_buttons")
    if field.kind is Kind.SKILLS:
        return await _understand_skills(session, text)
    if field.optional and _says_skip(text):
        return await session.answer(field, None)
    if field.parse is None:
        return session.refuse("errors.use_buttons")
    result = field.parse(text, session.today)
    if isinstance(result, Invalid):
        return session.refuse(result)
    if field.choices is not None and result.value not in {c.id for c in field.choices()}:
        return session.refuse("errors.use_buttons")
    outcome = await session.answer(field, result.value, result.note)
    return _with_understood_choice(session, field, text, result.value, outcome)


def _with_understood_choice(session: _Session, field: Field, typed: str, chosen: str,
                            outcome: Outcome) -> Outcome:
    """A typed answer to a choice ("lixia dist.") says which button it was taken as, on top of
    the next question, so a misreading is seen at once (Back undoes it)."""
    if field.choices is None or not outcome.replies:
        return outcome
    choice = next(c for c in field.choices() if c.id == chosen)
    if typed.strip().casefold() == choice.label(session.lang).casefold():
        return outcome
    first, *rest = outcome.replies
    line = t(session.lang, "common.understood_choice", label=choice.label(session.lang))
    return replace(outcome, replies=(replace(first, text=f"{line}\n\n{first.text}"), *rest))


async def on_contact(services: Services, tx: Tx, user: User, phone: str) -> Outcome | None:
    """Telegram's "share contact": only the phone questions take it."""
    session = await _session(services, tx, user)
    if session is None:
        return None
    field = session.current_field()
    if field is None or field.kind is not Kind.PHONE:
        return _not_an_answer(session)
    result = parse_phone(phone)
    if isinstance(result, Invalid):
        return session.refuse(result)
    return await session.answer(field, result.value)


async def on_other(services: Services, tx: Tx, user: User) -> Outcome | None:
    """A sticker, photo or file where the form wants text."""
    session = await _session(services, tx, user)
    return None if session is None else _not_an_answer(session)


def _not_an_answer(session: _Session) -> Outcome:
    """Say what the question takes: typed text, or a tap on its buttons (the summary's too)."""
    field = session.current_field()
    typed = field is not None and field.parse is not None
    return session.refuse("errors.not_text" if typed else "errors.use_buttons")


async def _understand_skills(session: _Session, text: str) -> Outcome:
    field = session.current_field()
    assert field is not None and field.parse is not None
    result = field.parse(text, session.today)
    if isinstance(result, Invalid):
        return session.refuse(result)
    understood = skills.understand(", ".join(result.value), session.services.settings.matching.fuzzy_cutoff)
    if not await session.save(session.draft.answers, {**session.draft.state, "skills": understood}):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    return Outcome(replies=(session.ask(),))


async def on_press(services: Services, tx: Tx, user: User, data: str) -> Outcome:
    """A button of a form. Only the latest prompt's buttons count: older ones get an alert.

    The answered question turns into what comes next, in one edit; the summary a person
    submits stays in the chat, its buttons replaced by what submitting did."""
    parts = data.split(":", 3)
    session = await _session(services, tx, user)
    if (session is None or len(parts) != 4 or parts[0] != render.CALLBACK_PREFIX
            or parts[1] != str(session.draft.revision)):
        return Outcome(alert=t(user.language, "alerts.old_button"))  # type: ignore[arg-type]
    _, _, action, arg = parts
    handler = _PRESS_ACTIONS.get(action)
    if handler is None:
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    kept = action in _PROMPTS_KEPT
    return replace(await handler(session, arg), replaces_prompt=not kept, records_on_prompt=kept)


async def _choose(session: _Session, arg: str) -> Outcome:
    field = session.current_field()
    if field is None or field.kind is not Kind.CHOICE or arg not in _ids(field):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    return await session.answer(field, arg)


async def _toggle(session: _Session, arg: str) -> Outcome:
    field = session.current_field()
    if field is None or field.kind is not Kind.MULTI or arg not in _ids(field):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    selecting = dict(session.draft.state.get("selecting", {}))
    chosen = list(selecting.get(field.name, session.draft.answers.get(field.name) or []))
    chosen = [c for c in chosen if c != arg] if arg in chosen else [*chosen, arg]
    selecting[field.name] = chosen
    state = {**session.draft.state, "selecting": selecting}
    if not await session.save(session.draft.answers, state, new_revision=False):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    return Outcome(replies=(replace(session.ask(), edit=True),))


async def _done(session: _Session, _: str) -> Outcome:
    field = session.current_field()
    if field is None or field.kind is not Kind.MULTI:
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    default = session.draft.answers.get(field.name) or []
    chosen = list(session.draft.state.get("selecting", {}).get(field.name, default))
    if not chosen and not field.optional:
        return Outcome(alert=_plain(t(session.lang, "errors.choose_at_least_one")))
    ordered = [i for i in _ids(field) if i in chosen]
    return await session.answer(field, ordered)


async def _skip(session: _Session, _: str) -> Outcome:
    field = session.current_field()
    if field is None or not field.optional:
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    return await session.answer(field, None)


async def _back(session: _Session, _: str) -> Outcome:
    """One question back; from an edit, back to the summary."""
    state = {k: v for k, v in session.draft.state.items() if k not in ("skills", "selecting")}
    answers = dict(session.draft.answers)
    field = session.current_field()
    if state.pop("editing", None) is None:
        applicable = session.form.applicable(answers)
        index = len(applicable) if field is None else applicable.index(field)
        if index == 0:  # nothing before the first question: ask it again
            return Outcome(replies=(session.ask(),))
        answers.pop(applicable[index - 1].name, None)
    if not await session.save(answers, state):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    return Outcome(replies=(*session.leaving(field), session.ask()))


async def _edit(session: _Session, arg: str) -> Outcome:
    field = session.form.field(arg)
    if session.current_field() is not None or field is None or not field.applies(session.draft.answers):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    state = {k: v for k, v in session.draft.state.items() if k not in ("skills", "selecting")}
    if not await session.save(session.draft.answers, {**state, "editing": field.name}):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    return Outcome(replies=(session.ask(),))


async def _submit(session: _Session, _: str) -> Outcome:
    if session.current_field() is not None:
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    return await _finish(session)


async def _finish(session: _Session) -> Outcome:
    """Hand the answers to the form's submit, then drop the draft (same transaction)."""
    outcome = await session.form.submit(session.services, session.tx, session.user, session.draft,
                                        to_iso(session.now))
    await draft_rows.drop_drafts(session.tx, session.user.person_id)
    return outcome


async def _cancel(session: _Session, _: str) -> Outcome:
    await draft_rows.drop_drafts(session.tx, session.user.person_id)
    key = "cancel.done" if session.form.confirm else "cancel.decision_dropped"
    return Outcome(replies=(Reply(t(session.lang, key)),))


async def _skills_right(session: _Session, _: str) -> Outcome:
    field = session.current_field()
    pending = session.draft.state.get("skills")
    if field is None or field.kind is not Kind.SKILLS or not pending:
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    if not pending["items"]:
        return session.refuse("errors.empty")
    return await session.answer(field, skills.as_answer(pending))


async def _skills_fix(session: _Session, _: str) -> Outcome:
    state = {k: v for k, v in session.draft.state.items() if k != "skills"}
    if not await session.save(session.draft.answers, state):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    return Outcome(replies=(Reply(t(session.lang, "skills.ask_fix")), session.ask()))


async def _skills_refuse_item(session: _Session, arg: str) -> Outcome:
    """One line of the understood skills refused; the rest stay, and the same message shows
    the result. Refusing the last line asks for the skills again."""
    field = session.current_field()
    pending = session.draft.state.get("skills")
    if (field is None or field.kind is not Kind.SKILLS or not pending or not arg.isdigit()
            or int(arg) >= len(pending["items"])):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    refused = skills.refuse_item(pending, int(arg))
    if not refused["items"]:
        return await _skills_fix(session, "")
    if not await session.save(session.draft.answers, {**session.draft.state, "skills": refused}):
        return Outcome(alert=t(session.lang, "alerts.old_button"))
    return Outcome(replies=(replace(session.ask(), edit=True),))


# Typed instead of pressing Skip on an optional question (the button's label counts too).
_SKIP_WORDS = frozenset({"skip", "pass", "none", "n/a", "跳过", "略过", "不填", "不用了", "没有"}) | frozenset(
    t(lang, "common.buttons.skip") for lang in LANGUAGES)


def _says_skip(text: str) -> bool:
    return text.strip().strip(".。!！").lower() in _SKIP_WORDS


def _ids(field: Field) -> list[str]:
    return [c.id for c in field.choices()] if field.choices is not None else []


def _plain(text: str) -> str:
    """Pop-up alerts show no HTML."""
    return text.replace("<b>", "").replace("</b>", "")


_PRESS_ACTIONS = {
    "c": _choose, "t": _toggle, "d": _done, "s": _skip, "b": _back, "e": _edit,
    "ok": _submit, "x": _cancel, "y": _skills_right, "n": _skills_fix,
    "r": _skills_refuse_item,
}
_PROMPTS_KEPT = frozenset({"ok"})  # the summary submitted stays as it was
