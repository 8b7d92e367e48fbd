"""A member's profile as text: the form's questions and the stored answers, with the status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.forms import render
from bot.forms.model import Field
from bot.markup import escape
from bot.members import ngo_form as ngo
from bot.members import worker_form as worker
from bot.store.members import MemberKind, MemberRow
from bot.texts import Lang, t

# role -> (member kind, the form's questions, stored row -> form answers, header key)
PROFILES: dict[str, tuple[MemberKind, tuple[Field, ...], Callable[[Any], dict[str, Any]], str]] = {
    "worker": (MemberKind.WORKER, worker.FIELDS, worker.answers_from_columns, "profile.worker_header"),
    "ngo": (MemberKind.NGO, ngo.FIELDS, ngo.answers_from_columns, "profile.ngo_header"),
}


def profile_text(role: str, row: MemberRow, lang: Lang) -> str:
    """Header with the status, one line per applicable field, and a rejection's reason."""
    header = PROFILES[role][3]
    return "\n".join((t(lang, header, status=t(lang, f"member_status.{row.status}")), "",
                      profile_lines(role, row, lang)))


def profile_lines(role: str, row: MemberRow, lang: Lang) -> str:
    """One line per applicable field of the profile, and a rejection's reason (no header)."""
    _, fields, to_answers, _ = PROFILES[role]
    answers = to_answers(row)
    lines = [t(lang, "common.summary_line", label=t(lang, field.label),
               value=render.display(field, answers.get(field.name), lang))
             for field in fields if field.applies(answers)]
    if row.status == "paused" and row.paused_until:
        lines += ["", t(lang, "profile.paused_until", date=row.paused_until)]
    if row.status == "rejected" and row.status_reason:
        lines += ["", t(lang, "profile.rejected_reason", reason=escape(row.status_reason))]
    return "\n".join(lines)
