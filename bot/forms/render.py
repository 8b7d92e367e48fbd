"""Turns a form's current question, or its summary, into a Reply with buttons."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from bot.forms.model import Button, Choice, Field, Form, Kind, Reply
from bot.parsers import example_date, format_phone
from bot.store.drafts import Draft
from bot.texts import Lang, t
from matching.vocabulary import label as term_label

CALLBACK_PREFIX = "f"


def callback(draft: Draft, action: str, arg: str = "") -> str:
    """Button data naming the draft revision it was drawn for: ``f:<revision>:<action>:<arg>``."""
    return f"{CALLBACK_PREFIX}:{draft.revision}:{action}:{arg}"


def prompt_params(today: date) -> dict[str, str]:
    """Values any prompt may use (texts ignore the ones they do not name).

    The example date is the one ``errors.bad_date`` shows, so question and error agree.
    """
    return {"example": example_date(today)}


def question(form: Form, field: Field, draft: Draft, lang: Lang, today: date) -> Reply:
    """The prompt for ``field``: step counter, question, and its buttons."""
    applicable = form.applicable(draft.answers)
    position = next(i for i, f in enumerate(applicable) if f.name == field.name) + 1
    asked = t(lang, field.prompt, **prompt_params(today), **draft.state.get("params", {}))
    # "Step 1 of 1" says nothing: a one-question form shows just the question.
    step = f"<i>{t(lang, 'common.step', n=position, total=len(applicable))}</i>\n\n" if len(applicable) > 1 else ""
    text = step + asked
    rows = list(_choice_rows(field, draft, lang))
    navigation = []
    if field.kind is Kind.MULTI:
        navigation.append(Button(t(lang, "common.buttons.done"), callback(draft, "d")))
    if field.optional and field.kind is not Kind.MULTI:
        navigation.append(Button(t(lang, "common.buttons.skip"), callback(draft, "s")))
    if position > 1 or draft.state.get("editing"):
        navigation.insert(0, Button(t(lang, "common.buttons.back"), callback(draft, "b")))
    if form.cancel_button:
        navigation.append(Button(t(lang, "common.buttons.cancel"), callback(draft, "x")))
    if field.kind is Kind.PHONE:
        # A message carries either inline buttons or a reply keyboard: here the reply keyboard,
        # whose Back button arrives as typed text.
        contact = t(lang, "common.buttons.share_contact")
        return Reply(text, ask_contact=contact, keyboard=tuple(b.label for b in navigation))
    if navigation:
        rows.append(tuple(navigation))
    return Reply(text, tuple(rows))


def _choice_rows(field: Field, draft: Draft, lang: Lang) -> list[tuple[Button, ...]]:
    if field.choices is None:
        return []
    selected = set(draft.state.get("selecting", {}).get(field.name, ()))
    buttons = []
    for choice in field.choices():
        if field.kind is Kind.MULTI:
            shown = choice.label(lang)
            if choice.id in selected:
                shown = t(lang, "common.selected", label=shown)
            buttons.append(Button(shown, callback(draft, "t", choice.id)))
        else:
            buttons.append(Button(choice.label(lang), callback(draft, "c", choice.id)))
    return [tuple(buttons[i:i + field.columns]) for i in range(0, len(buttons), field.columns)]


def summary(form: Form, draft: Draft, lang: Lang) -> Reply:
    """Every answer with an Edit button each, then Submit and Cancel."""
    lines = [t(lang, form.summary_header), ""]
    edit_buttons = []
    for field in form.applicable(draft.answers):
        label = t(lang, field.label)
        value = display(field, draft.answers.get(field.name), lang)
        lines.append(t(lang, "common.summary_line", label=label, value=value))
        edit_buttons.append(Button(t(lang, "common.buttons.edit_field", label=label),
                                   callback(draft, "e", field.name)))
    rows = [tuple(edit_buttons[i:i + 2]) for i in range(0, len(edit_buttons), 2)]
    rows.append((Button(t(lang, "common.buttons.submit"), callback(draft, "ok")),
                 Button(t(lang, "common.buttons.cancel"), callback(draft, "x"))))
    return Reply("\n".join(lines), tuple(rows))


def display(field: Field, value: Any, lang: Lang) -> str:
    """An answer as the person should read it back, HTML-escaped."""
    if value is None or value == [] or value == "":
        return t(lang, field.when_empty)
    if field.kind is Kind.SKILLS:
        return html.escape(skills_text(value, lang))
    if field.choices is not None:
        return html.escape(choice_labels(field.choices(), value, lang))
    if field.kind is Kind.PHONE:
        return html.escape(format_phone(str(value)))
    if field.unit is not None:
        return t(lang, field.unit, n=value)
    return html.escape(str(value))


def choice_labels(choices: Sequence[Choice], value: Any, lang: Lang) -> str:
    by_id = {c.id: c.label(lang) for c in choices}
    ids = value if isinstance(value, list) else [value]
    return t(lang, "common.list_separator").join(by_id.get(i, str(i)) for i in ids)


def skills_text(value: Mapping[str, Any], lang: Lang) -> str:
    """Canonical skills by their name in ``lang``, then the free text kept as typed."""
    names = [term_label(skill_id, lang) for skill_id in value.get("ids", [])]
    names += list(value.get("free", []))
    return t(lang, "common.list_separator").join(names)
