"""SQL of the ``drafts`` table: forms in progress, one row per (person, form)."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any

from bot.store.database import Tx


@dataclass(frozen=True)
class Draft:
    person_id: int
    form: str
    target_id: int | None
    answers: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    revision: int = 0


_COLUMNS = "person_id, form, target_id, answers, state, revision"


def _draft(row) -> Draft:
    return Draft(row[0], row[1], row[2], json.loads(row[3]), json.loads(row[4]), row[5])


async def current_draft(tx: Tx, person_id: int) -> Draft | None:
    """The form the person is in: their most recently changed draft."""
    row = await tx.fetchone(
        f"SELECT {_COLUMNS} FROM drafts WHERE person_id = ? ORDER BY updated_at DESC, rowid DESC LIMIT 1",
        (person_id,),
    )
    return None if row is None else _draft(row)


async def start_draft(tx: Tx, person_id: int, form: str, target_id: int | None,
                      answers: dict[str, Any], state: dict[str, Any], now: str) -> Draft:
    """Begin (or restart) a form; any other draft of the person is dropped, one form at a time.

    The first revision is random, not 1: buttons carry it, and the prompt of an earlier form
    (rejecting proposal A, say) must not pass for the current one (rejecting B).
    """
    revision = _first_revision()
    await tx.execute("DELETE FROM drafts WHERE person_id = ?", (person_id,))
    await tx.execute(
        "INSERT INTO drafts (person_id, form, target_id, answers, state, revision, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (person_id, form, target_id, _json(answers), _json(state), revision, now),
    )
    return Draft(person_id, form, target_id, answers, state, revision)


def _first_revision() -> int:
    """Room for a million later revisions under 2**31; two forms colliding is a 1-in-2000 million chance."""
    return secrets.randbelow(2**31 - 10**6) + 1


async def save_draft(tx: Tx, draft: Draft, now: str, *, new_revision: bool = True) -> Draft | None:
    """Write new answers/state if nobody changed the draft since it was read.

    ``new_revision`` retires the buttons drawn so far (the question moved on); ticking boxes of
    a multi-select keeps them, so a quick Done after a tick still counts. Returns the saved
    draft, or None when the stored revision moved on (a concurrent update won).
    """
    step = 1 if new_revision else 0
    changed = await tx.execute(
        "UPDATE drafts SET answers = ?, state = ?, revision = revision + ?, updated_at = ? "
        "WHERE person_id = ? AND form = ? AND revision = ?",
        (_json(draft.answers), _json(draft.state), step, now, draft.person_id, draft.form,
         draft.revision),
    )
    if not changed:
        return None
    return Draft(draft.person_id, draft.form, draft.target_id, draft.answers, draft.state,
                 draft.revision + step)


async def drop_drafts(tx: Tx, person_id: int) -> int:
    return await tx.execute("DELETE FROM drafts WHERE person_id = ?", (person_id,))


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
