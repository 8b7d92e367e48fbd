"""What happens when a person writes or presses a button: one transaction per event.

The commands and buttons take an ``Event`` (``bot.conversation.routes`` wraps them); messages
are run as one event here. Nothing here knows telegram's types, and every change is committed
before the reply goes out.
"""

from __future__ import annotations

from dataclasses import replace

from bot.conversation import guidance
from bot.conversation.callbacks import language_data, role_data
from bot.datatools.invites import redeem as redeem_invite
from bot.desk import find as director_search
from bot.events import Event, Role, run
from bot.forms import engine
from bot.forms.model import Button, Outcome, Reply
from bot.forms_catalog import NGO_FORM, WORKER_FORM
from bot.markup import escape
from bot.people import Sender
from bot.refusals import OldButton
from bot.services import Services
from bot.store import users
from bot.texts import LANGUAGES, t


async def start(event: Event, payload: str = "") -> Outcome:
    """Greet; resume a form in progress; or ask a newcomer whether they are a worker or an NGO.

    ``/start <code>`` (an invite link) links the sender to a profile imported from the roster.
    """
    services, tx, user = event.services, event.tx, event.user
    if payload:
        return await redeem_invite(services, tx, user, payload)
    lang, name = user.language, escape(user.display_name)
    role = guidance.role_of(services, user)
    if role == "director":
        return Outcome(replies=(Reply(t(lang, "start.welcome_director", name=name)),))
    resumed = await engine.resume(services, tx, user)
    if resumed is not None:
        return Outcome(replies=(Reply(t(lang, "start.resume_form")), *resumed.replies))
    if role in ("worker", "ngo"):
        return Outcome(replies=(Reply(t(lang, f"start.welcome_back_{role}", name=name)),))
    buttons = ((Button(t(lang, "start.buttons.worker"), role_data("worker")),
                Button(t(lang, "start.buttons.ngo"), role_data("ngo"))),)
    association = escape(services.settings.association.name) or t(lang, "start.our_association")
    text = f"{t(lang, 'start.greeting', name=name, association=association)}\n\n{t(lang, 'start.ask_role')}"
    return Outcome(replies=(Reply(text, buttons),))


async def choose_role(event: Event, role: str) -> Outcome:
    """A newcomer's role button: begin the worker profile or the NGO registration."""
    services, tx, user = event.services, event.tx, event.user
    if user.role is not None or services.is_director(user.person_id) or await engine.in_form(tx, user):
        raise OldButton  # already chosen: a second tap, or the greeting's buttons pressed again later
    begun = await engine.begin(services, tx, user, WORKER_FORM if role == "worker" else NGO_FORM)
    *intros, question = begun.replies
    # What comes, then the first question, under the greeting in place of its role buttons:
    # one call. A first question with buttons of its own gets a message of its own instead
    # (its buttons edit it into the next step, which must not take the greeting away).
    texts = (t(event.lang, f"start.role_chosen_{role}"), *(intro.text for intro in intros), question.text)
    return Outcome(replies=(replace(question, text="\n\n".join(texts)),), records_on_prompt=not question.buttons)


async def show_help(event: Event) -> Outcome:
    return Outcome(replies=(Reply(t(event.lang, f"help.{guidance.role_of(event.services, event.user)}")),))


async def ask_language(event: Event) -> Outcome:
    buttons = (tuple(Button(t(lang, f"language.buttons.{lang}"), language_data(lang)) for lang in LANGUAGES),)
    return Outcome(replies=(Reply(t(event.lang, "language.ask"), buttons),))


async def choose_language(event: Event, lang: str) -> Outcome:
    """Remember the language; every later message uses it, starting with a form's question."""
    await users.set_language(event.tx, event.user.person_id, lang, event.now)
    resumed = await engine.resume(event.services, event.tx, replace(event.user, language=lang))
    changed = Reply(t(lang, "language.changed"))  # type: ignore[arg-type]
    return Outcome(replies=(changed, *(resumed.replies if resumed else ())))


async def cancel(event: Event) -> Outcome:
    cancelled = await engine.cancel(event.tx, event.user)
    key = "cancel.done" if cancelled else "cancel.nothing"
    return Outcome(replies=(Reply(t(event.lang, key), remove_keyboard=True),))


async def text_received(services: Services, sender: Sender, text: str,
                        message_id: int | None = None) -> Outcome:
    """Typed text: an answer to the current form question, or a hint at what to do."""
    async def answer(event: Event) -> Outcome:
        tx, user = event.tx, event.user
        outcome = await engine.on_text(services, tx, user, text, message_id)
        if outcome is None and services.is_director(user.person_id):
            found = director_search.results(await director_search.search(tx, text), text, event.lang)
            outcome = Outcome(replies=(found,)) if found else None
        return outcome or await guidance.free_text(services, tx, user, text)
    return await run(services, sender, Role.ANYONE, False, answer)


async def contact_received(services: Services, sender: Sender, phone: str) -> Outcome:
    async def answer(event: Event) -> Outcome:
        outcome = await engine.on_contact(services, event.tx, event.user, phone)
        return outcome or await guidance.free_text(services, event.tx, event.user, "")
    return await run(services, sender, Role.ANYONE, False, answer)


async def other_received(services: Services, sender: Sender) -> Outcome:
    """A sticker, photo, file or anything else that is not text."""
    async def answer(event: Event) -> Outcome:
        outcome = await engine.on_other(services, event.tx, event.user)
        return outcome or Outcome(replies=(Reply(t(event.lang, "errors.not_text")),))
    return await run(services, sender, Role.ANYONE, False, answer)


async def form_pressed(event: Event, data: str) -> Outcome:
    """``f:<revision>:<action>:<argument>``: the form engine reads its own buttons."""
    return await engine.on_press(event.services, event.tx, event.user, data)


async def unknown_press(event: Event, _data: str) -> Outcome:
    """A button this bot does not (or no longer) know: forged, or from a very old message."""
    raise OldButton
