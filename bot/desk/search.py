"""What a director's search finds: members and requests by name, phone, skill, service field,
district or NGO, in either language.

Names and phones are matched as text (a name inside the query also counts, so "王芳的资料"
finds 王芳). Skills, fields and districts are read with the matcher's vocabulary, so 心理咨询,
"counseling" and 心理諮詢 find the same people; when the query names several of them
("心理咨询 历下区"), a hit must have every one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.forms.fields import TYPED_CHOICE_CUTOFF
from bot.store.members import MemberRow, NgoRow, WorkerRow
from matching import normalise

_MIN_NAME = 2      # a one-character name would be found inside almost any query (a surname alone
                   # as the query is fine: it lists everyone of that name)
_MIN_DIGITS = 4    # fewer digits of a phone number match too many people
_NON_DIGITS = re.compile(r"\D")


@dataclass(frozen=True)
class Query:
    text: str                            # casefolded, trimmed
    digits: str                          # the digits typed, for phone numbers
    wants: tuple[frozenset[str], ...]    # per term named: the canonical ids it may mean


@dataclass(frozen=True)
class Hit:
    code: str     # "w" social worker, "n" NGO, "r" talent request
    id: int
    rank: int     # 0 exact name, 1 name or phone inside, 2 skills / field / district
    row: MemberRow | dict[str, Any]   # a request is still a dict of columns, with its NGO's name


_ITEMS = re.compile(r"[,，、;；/]+")
_KINDS = ("skill", "field", "district")
_SURE = 95.0  # a whole item read this surely is one term; below, its words are read one by one


def read_query(text: str) -> Query:
    wants: list[frozenset[str]] = []
    for item in (i.strip() for i in _ITEMS.split(text) if i.strip()):
        whole, sureness = _meanings(item)
        if whole and sureness >= _SURE:
            wants.append(whole)
            continue
        for word in item.split():
            meant, _ = _meanings(word)
            if meant:
                wants.append(meant)
    return Query(text.strip().casefold(), _NON_DIGITS.sub("", text), tuple(wants))


def _meanings(text: str) -> tuple[frozenset[str], float]:
    """The ids ``text`` reads as most surely across skills, fields and districts (a word both a
    skill and a field at the same confidence means either), and that confidence."""
    read = [(n.confidence, n.id) for kind in _KINDS
            for n in normalise(text, kind, TYPED_CHOICE_CUTOFF) if n.id is not None and n.source == text]
    if not read:
        return frozenset(), 0.0
    best = max(confidence for confidence, _ in read)
    return frozenset(term for confidence, term in read if confidence == best), best


def _name_rank(query: Query, *names: str | None) -> int | None:
    """0 when the query is a name, 1 when a name holds the query or the query holds a name."""
    best = None
    for name in (n.strip().casefold() for n in names if n):
        if name == query.text:
            return 0
        if (query.text and query.text in name) or (len(name) >= _MIN_NAME and name in query.text):
            best = 1
    return best


def _phone_rank(query: Query, *phones: str | None) -> int | None:
    if len(query.digits) < _MIN_DIGITS:
        return None
    return 1 if any(query.digits in _NON_DIGITS.sub("", phone or "") for phone in phones) else None


def _terms_rank(query: Query, *terms: str) -> int | None:
    """2 when every term the query names is among the row's skills, fields and district."""
    if not query.wants:
        return None
    held = set(terms)
    return 2 if all(want & held for want in query.wants) else None


def _best(*ranks: int | None) -> int | None:
    found = [rank for rank in ranks if rank is not None]
    return min(found) if found else None


def find(query: Query, workers: Sequence[WorkerRow], ngos: Sequence[NgoRow],
         requests: list[dict[str, Any]]) -> list[Hit]:
    """Every hit, best first (exact names, then names and phones, then terms), members first."""
    hits = []
    for w in workers:
        rank = _best(_name_rank(query, w.name), _phone_rank(query, w.phone),
                     _terms_rank(query, *w.skills, *w.fields, w.district))
        if rank is not None:
            hits.append(Hit("w", w.id, rank, w))
    for n in ngos:
        rank = _best(_name_rank(query, n.name, n.director_name), _phone_rank(query, n.director_phone),
                     _terms_rank(query, *n.fields, n.district))
        if rank is not None:
            hits.append(Hit("n", n.id, rank, n))
    for r in requests:
        rank = _best(_name_rank(query, r["title"], r["ngo_name"]),
                     _terms_rank(query, *r["skills"], r["field"], r["district"]))
        if rank is not None:
            hits.append(Hit("r", r["id"], rank, r))
    order = {"w": 0, "n": 1, "r": 2}
    return sorted(hits, key=lambda hit: (hit.rank, order[hit.code], hit.id))
