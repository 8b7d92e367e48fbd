"""What happens when a person writes or presses a button: one transaction per event.

Handlers turn an update into a call here and send back the Outcome; nothing here knows
telegram's types, and every change is committed before the reply goes out.
"""

from __future__ import annotations

from dataclasses import replace

from bot.clock import to_iso
from bot.conversation import guidance
from bot.datatools.invites import redeem as redeem_invite
from bot.desk import find as director_search
from bot.forms import engine
from bot.forms.model import Button, Outcome, Reply
from bot.forms_catalog import NGO_FORM, WORKER_FORM
from bot.markup import escape
from bot.people import Sender, remember
from bot.services import Services
from bot.store import users
from bot.texts import LANGUAGES, t


async def start(services: Services, sender: Sender, payload: str = "") -> Outcome:
    """Greet; resume a form in progress; or ask a newcomer whether they are a worker or an NGO.

    ``/start <code>`` (an invite link) links the sender to a profile imported from the roster.
    """
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        if payload:
            return await redeem_invite(services, tx, user, payload)
        lang, name = user.language, escape(sender.name)
        role = guidance.role_of(services, user)
        if role == "director":
            return Outcome(replies=(Reply(t(lang, "start.welcome_director", name=name)),))
        resumed = await engine.resume(services, tx, user)
        if resumed is not None:
            return Outcome(replies=(Reply(t(lang, "start.resume_form")), *resumed.replies))
        if role in ("worker", "ngo"):
            return Outcome(replies=(Reply(t(lang, f"start.welcome_back_{role}", name=name)),))
    buttons = ((Button(t(lang, "start.buttons.worker"), "role:worker"),
                Button(t(lang, "start.buttons.ngo"), "role:ngo")),)
    association = escape(services.settings.association.name) or t(lang, "start.our_association")
    text = f"{t(lang, 'start.greeting', name=name, association=association)}\n\n{t(lang, 'start.ask_role')}"
    return Outcome(replies=(Reply(text, buttons),))


async def choose_role(services: Services, sender: Sender, role: str) -> Outcome:
    """A newcomer's role button: begin the worker profile or the NGO registration."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        if (role not in ("worker", "ngo") or user.role is not None
                or services.is_director(user.telegram_id) or await engine.in_form(tx, user)):
            # Already chosen: a second tap, or the greeting's buttons pressed again later.
            return Outcome(alert=t(user.language, "alerts.old_button"))
        begun = await engine.begin(services, tx, user, WORKER_FORM if role == "worker" else NGO_FORM)
        *intros, question = begun.replies
        # What comes, then the first question, under the greeting in place of its role buttons:
        # one call. A first question with buttons of its own gets a message of its own instead
        # (its buttons edit it into the next step, which must not take the greeting away).
        texts = (t(user.language, f"start.role_chosen_{role}"), *(intro.text for intro in intros), question.text)
        return Outcome(replies=(replace(question, text="\n\n".join(texts)),), records_on_prompt=not question.buttons)


async def show_help(services: Services, sender: Sender) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
    return Outcome(replies=(Reply(t(user.language, f"help.{guidance.role_of(services, user)}")),))


async def ask_language(services: Services, sender: Sender) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
    buttons = (tuple(Button(t(lang, f"language.buttons.{lang}"), f"lang:{lang}") for lang in LANGUAGES),)
    return Outcome(replies=(Reply(t(user.language, "language.ask"), buttons),))


async def choose_language(services: Services, sender: Sender, lang: str) -> Outcome:
    """Remember the language; every later message uses it, starting with a form's question."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        if lang not in LANGUAGES:
            return Outcome(alert=t(user.language, "alerts.old_button"))
        await users.set_language(tx, user.telegram_id, lang, to_iso(services.clock.now()))
        resumed = await engine.resume(services, tx, replace(user, language=lang))
    changed = Reply(t(lang, "language.changed"))  # type: ignore[arg-type]
    return Outcome(replies=(changed, *(resumed.replies if resumed else ())))


async def cancel(services: Services, sender: Sender) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        cancelled = await engine.cancel(tx, user)
    key = "cancel.done" if cancelled else "cancel.nothing"
    return Outcome(replies=(Reply(t(user.language, key), remove_keyboard=True),))


async def text_received(services: Services, sender: Sender, text: str,
                        message_id: int | None = None) -> Outcome:
    """Typed text: an answer to the current form question, or a hint at what to do."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        outcome = await engine.on_text(services, tx, user, text, message_id)
        if outcome is None and services.is_director(user.telegram_id):
            found = director_search.results(await director_search.search(tx, text), text, user.language)
            outcome = Outcome(replies=(found,)) if found else None
        if outcome is None:
            outcome = await guidance.free_text(services, tx, user, text)
    return outcome


async def contact_received(services: Services, sender: Sender, phone: str) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        outcome = await engine.on_contact(services, tx, user, phone)
        if outcome is None:
            outcome = await guidance.free_text(services, tx, user, "")
    return outcome


async def other_received(services: Services, sender: Sender) -> Outcome:
    """A sticker, photo, file or anything else that is not text."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        outcome = await engine.on_other(services, tx, user)
    return outcome or Outcome(replies=(Reply(t(user.language, "errors.not_text")),))


async def form_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        return await engine.on_press(services, tx, user, data)


async def unknown_press(services: Services, sender: Sender, _data: str) -> Outcome:
    """A button this bot does not (or no longer) know: forged, or from a very old message."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
    return Outcome(alert=t(user.language, "alerts.old_button"))
