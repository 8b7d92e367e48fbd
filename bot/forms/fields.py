"""Field builders the forms share: names, phones, districts, vocabulary choices, yes/no."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any

from bot.forms.model import Choice, Field, Form, Kind, Parser, Submit, text_choices
from bot.parsers import parse_reason, parse_yes_no
from bot.parsers.result import Invalid, Ok, ParseResult
from bot.texts import t
from matching import normalise
from matching.vocabulary import entries

# A typed district or certification must match the vocabulary at least this closely.
TYPED_CHOICE_CUTOFF = 85.0


def ignoring_today(parser: Callable[[str], ParseResult[Any]]) -> Parser:
    """Adapt a parser that needs no date to the form's (text, today) signature."""
    def parse(text: str, _today: date) -> ParseResult[Any]:
        return parser(text)
    return parse


def hours_answer(stored: float) -> float:
    """An hours column (REAL) as the parser would have answered: 10.0 -> 10, 7.5 stays 7.5."""
    return int(stored) if float(stored).is_integer() else stored


@cache
def vocabulary_choices(kind: str) -> tuple[Choice, ...]:
    """Buttons for every term of a matching vocabulary (districts, fields, languages...)."""
    return tuple(Choice(term.id, term.en, term.zh) for term in entries(kind))


def typed_term(kind: str) -> Parser:
    """Accept a typed name of a vocabulary term ("市中区", "shizhong qu") as that button."""
    def parse(text: str, _today: date) -> ParseResult[str]:
        found = [n for n in normalise(text, kind, TYPED_CHOICE_CUTOFF) if n.id is not None]
        if len(found) == 1:
            return Ok(found[0].id)
        return Invalid("errors.use_buttons")
    return parse


def _yes_no_id(text: str, _today: date) -> ParseResult[str]:
    result = parse_yes_no(text)
    return result if isinstance(result, Invalid) else Ok("yes" if result.value else "no")


def yes_no_choices() -> tuple[Choice, ...]:
    return (Choice("yes", t("en", "common.yes"), t("zh", "common.yes")),
            Choice("no", t("en", "common.no"), t("zh", "common.no")))


def yes_no(name: str, prompt: str, label: str) -> Field:
    return Field(name, prompt, label, Kind.CHOICE, parse=_yes_no_id, choices=yes_no_choices)


def vocabulary_choice(name: str, prompt: str, label: str, kind: str, columns: int = 2) -> Field:
    """One button of a vocabulary, or its name typed."""
    return Field(name, prompt, label, Kind.CHOICE, parse=typed_term(kind),
                 choices=lambda: vocabulary_choices(kind), columns=columns)


def vocabulary_multi(name: str, prompt: str, label: str, kind: str, optional: bool = False,
                     when_empty: str = "common.not_given") -> Field:
    return Field(name, prompt, label, Kind.MULTI, choices=lambda: vocabulary_choices(kind),
                 optional=optional, when_empty=when_empty)


def choice_then_note(name: str, choice: tuple[str, str, tuple[str, ...]], note: tuple[str, str],
                     submit: Submit) -> Form:
    """A short form answered in two steps: one button, then an optional note; no summary.

    ``choice`` is (field name, prompt key, (label table, *ids)): each button is labelled by
    the text ``<label table>.<id>``. ``note`` is (field name, prompt key).
    """
    (choice_name, choice_prompt, (prefix, *ids)), (note_name, note_prompt) = choice, note
    return Form(name, "", "", (
        Field(choice_name, choice_prompt, choice_prompt, Kind.CHOICE,
              choices=lambda: text_choices(prefix, tuple(ids)), columns=2),
        Field(note_name, note_prompt, note_prompt, parse=ignoring_today(parse_reason), optional=True),
    ), submit, confirm=False, cancel_button=True)
