"""Free-text skills: normalised at once and shown back for the person to confirm or fix."""

from __future__ import annotations

import html
from typing import Any

from bot.forms.model import Button, Reply
from bot.forms.render import callback
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


def confirmation(understood: dict[str, Any], draft: Draft, lang: Lang, confirm_below: float) -> Reply:
    """ "I understood: 心理咨询 · Psychological counselling (92%) — right?" with Yes / Fix."""
    known = [i for i in understood["items"] if i["id"] is not None]
    lines = [t(lang, "skills.understood") if known else t(lang, "skills.nothing_understood")]
    for item in understood["items"]:
        text = html.escape(item["source"])
        if item["id"] is None:
            lines.append(t(lang, "skills.kept_as_text", text=text))
        elif item["confidence"] < confirm_below:
            lines.append(t(lang, "skills.did_you_mean", text=text, zh=item["zh"], en=item["en"]))
        else:
            lines.append(t(lang, "skills.item", zh=item["zh"], en=item["en"],
                           confidence=item["confidence"]))
    if known:
        lines.append(t(lang, "skills.confirm"))
    buttons = ((Button(t(lang, "skills.buttons.yes"), callback(draft, "y")),
                Button(t(lang, "skills.buttons.fix"), callback(draft, "n"))),)
    return Reply("\n".join(lines), buttons)


def answer_from_stored(text: str, stored: list[str]) -> dict[str, Any]:
    """A stored skills column (canonical ids and free texts mixed) as a form answer."""
    ids = [s for s in stored if is_canonical(s, "skill")]
    return {"text": text, "ids": ids, "free": [s for s in stored if s not in ids]}


def stored_from_answer(answer: dict[str, Any]) -> list[str]:
    """The skills column of a form answer: canonical ids first, then free texts."""
    return [*answer["ids"], *answer["free"]]
