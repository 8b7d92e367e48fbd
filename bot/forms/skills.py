"""Free-text skills: normalised at once and shown back for the person to confirm or fix."""

from __future__ import annotations

import html
from typing import Any

from bot.forms.model import Button, Reply
from bot.forms.render import callback
from bot.markup import shorten
from bot.store.drafts import Draft
from bot.texts import Lang, t
from matching import normalise
from matching.vocabulary import is_canonical


def understand(text: str, cutoff: float) -> dict[str, Any]:
    """What the matcher made of the text, as JSON-ready items (id None = kept as typed)."""
    items = [
        {"id": n.id, "source": n.source, "confidence": round(n.confidence), "en": n.en, "zh": n.zh}
        for n in normalise(text, "skill", cutoff)
    ]
    return {"text": text, "items": items}


def as_answer(understood: dict[str, Any]) -> dict[str, Any]:
    """The stored answer: canonical ids and the free texts, plus what was typed."""
    ids, free = [], []
    for item in understood["items"]:
        if item["id"] is None:
            free.append(item["source"])
        elif item["id"] not in ids:
            ids.append(item["id"])
    return {"text": understood["text"], "ids": ids, "free": free}


def refuse_item(understood: dict[str, Any], index: int) -> dict[str, Any]:
    """The understanding with one line refused: a recognised skill is kept in the person's own
    words instead; a line already kept as written is dropped. The other lines stay as they are."""
    items = list(understood["items"])
    item = items[index]
    if item["id"] is None:
        del items[index]
    else:
        items[index] = {**item, "id": None}
    return {**understood, "items": items}


# A button shows at most this many characters of a skill: a phone fits about that many.
_LABEL_CHARS = 30


def _label(item: dict[str, Any], lang: Lang) -> str:
    return shorten(item["source"] if item["id"] is None else item[lang], _LABEL_CHARS)


def _refuse_buttons(understood: dict[str, Any], draft: Draft, lang: Lang) -> tuple[tuple[Button, ...], ...]:
    """One button per line: "✗ <skill>" takes a recognised skill back to the words typed,
    "🗑 <words>" drops a line kept as typed."""
    return tuple(
        (Button(t(lang, "skills.buttons.drop" if item["id"] is None else "skills.buttons.not_this",
                  label=_label(item, lang)), callback(draft, "r", str(index))),)
        for index, item in enumerate(understood["items"])
    )


def confirmation(understood: dict[str, Any], draft: Draft, lang: Lang, confirm_below: float,
                 show_confidence: bool = False) -> Reply:
    """ "I understood: Psychological counselling · 心理咨询 — right?" with Yes / Fix, and a button
    per line to refuse that line alone: the person's language first; how sure the matcher is
    only for association directors."""
    known = [i for i in understood["items"] if i["id"] is not None]
    lines = [t(lang, "skills.understood") if known else t(lang, "skills.nothing_understood")]
    for item in understood["items"]:
        text = html.escape(item["source"])
        if item["id"] is None:
            lines.append(t(lang, "skills.kept_as_text", text=text))
        elif item["confidence"] < confirm_below:
            lines.append(t(lang, "skills.did_you_mean", text=text, **_names(item, lang)))
        else:
            key = "skills.item_with_confidence" if show_confidence else "skills.item"
            lines.append(t(lang, key, confidence=item["confidence"], **_names(item, lang)))
    if known:
        lines.append(t(lang, "skills.confirm"))
        lines.append(t(lang, "skills.refuse_hint"))
    buttons = ((Button(t(lang, "skills.buttons.yes"), callback(draft, "y")),
                Button(t(lang, "skills.buttons.fix"), callback(draft, "n"))),)
    return Reply("\n".join(lines), (*_refuse_buttons(understood, draft, lang), *buttons))


def _names(item: dict[str, Any], lang: Lang) -> dict[str, str]:
    """The skill's name in the person's language, and in the other one."""
    other: Lang = "en" if lang == "zh" else "zh"
    return {"name": item[lang], "other": item[other]}


def answer_from_stored(text: str, stored: list[str]) -> dict[str, Any]:
    """A stored skills column (canonical ids and free texts mixed) as a form answer."""
    ids = [s for s in stored if is_canonical(s, "skill")]
    return {"text": text, "ids": ids, "free": [s for s in stored if s not in ids]}


def stored_from_answer(answer: dict[str, Any]) -> list[str]:
    """The skills column of a form answer: canonical ids first, then free texts."""
    return [*answer["ids"], *answer["free"]]
