"""What a form is made of: fields with a prompt, a parser and optional buttons.

A form is data. The engine asks for the first field the draft lacks, so the draft row alone is
the conversation's state, and a restart resumes at the same question.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from bot.parsers.result import ParseResult
from bot.texts import Lang, t

if TYPE_CHECKING:
    from bot.services import Services
    from bot.store import Tx
    from bot.store.drafts import Draft
    from bot.store.users import User


class Kind(Enum):
    TEXT = "text"        # typed, checked by the field's parser
    PHONE = "phone"      # typed, or Telegram's "share contact" button
    CHOICE = "choice"    # one button; typed text only when the field has a parser
    MULTI = "multi"      # several buttons, then Done
    SKILLS = "skills"    # free text, normalised and shown back for confirmation


@dataclass(frozen=True)
class Choice:
    """One button of a choice field: the stored id and its label in each language."""

    id: str
    en: str
    zh: str

    def label(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


def text_choices(prefix: str, ids: Sequence[str]) -> tuple[Choice, ...]:
    """Choices labelled by the message catalog: ``prefix.<id>`` in both languages."""
    return tuple(Choice(i, t("en", f"{prefix}.{i}"), t("zh", f"{prefix}.{i}")) for i in ids)


Parser = Callable[[str, date], ParseResult[Any]]


def _always(_: Mapping[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Field:
    """One question of a form."""

    name: str
    prompt: str                      # text key of the question
    label: str                       # text key of the field's name in summaries
    kind: Kind = Kind.TEXT
    parse: Parser | None = None
    choices: Callable[[], tuple[Choice, ...]] | None = None
    optional: bool = False
    applies: Callable[[Mapping[str, Any]], bool] = _always
    columns: int = 2                 # buttons per row
    unit: str | None = None          # text key showing a number with its unit ("{n} weeks")
    when_empty: str = "common.not_given"  # text key shown for no answer ("not given", "no requirement")


@dataclass(frozen=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True)
class Reply:
    """A message for the person: text plus inline buttons, or a request for their contact."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    ask_contact: str | None = None   # label of a reply-keyboard "share contact" button
    keyboard: tuple[str, ...] = ()   # further reply-keyboard buttons, sent as typed text
    remove_keyboard: bool = False
    edit: bool = False               # replace the pressed message instead of sending a new one
    document: tuple[str, bytes] | None = None  # (file name, content): sent as a file, text as caption
    photo: bytes | None = None       # a PNG or JPEG image, text as its caption


@dataclass(frozen=True)
class Notice:
    """A message for someone other than the person acting (a director, the other side)."""

    person_id: int
    reply: Reply


@dataclass(frozen=True)
class Outcome:
    """What the engine decided: replies to the person, notices to others, a pop-up alert."""

    replies: tuple[Reply, ...] = ()
    notices: tuple[Notice, ...] = ()
    alert: str | None = None
    queued: bool = False             # notices went to the outbox: wake its dispatcher
    replaces_prompt: bool = False    # a press: the pressed prompt becomes the first reply (one call)
    # A press: the pressed prompt keeps its text, and the first reply (the answer: "✅ You
    # accepted", a decision, a rating) takes the place of its buttons, in one call. Further
    # replies are sent as messages of their own.
    records_on_prompt: bool = False


Submit = Callable[["Services", "Tx", "User", "Draft", str], Awaitable[Outcome]]


@dataclass(frozen=True)
class Form:
    name: str
    intro: str                       # text key shown when the form begins ("" for none)
    summary_header: str              # text key above the summary
    fields: tuple[Field, ...]
    submit: Submit
    extra: Mapping[str, Any] = field(default_factory=dict)
    confirm: bool = True             # False: submitted as soon as the last answer is in
    cancel_button: bool = False      # a Cancel button under every question (short decision forms)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def applicable(self, answers: Mapping[str, Any]) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.applies(answers))
