"""The values the matcher takes and returns: frozen dataclasses, shared with the bot."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Worker:
    """A social worker as the matcher sees them.

    ``skills``, ``fields``, ``district`` and ``languages`` hold free text or canonical ids;
    ``match`` normalises them. ``live_placements`` already in the database count against
    ``max_placements``.
    """

    id: str
    name: str
    skills: tuple[str, ...]
    fields: tuple[str, ...]
    district: str
    languages: tuple[str, ...]
    hours_per_week: float
    certification: str
    max_placements: int
    remote_ok: bool
    verified: bool = True
    years_experience: int = 0
    live_placements: int = 0


@dataclass(frozen=True)
class Request:
    """An NGO's talent request; ``filled`` live placements count against ``headcount``."""

    id: str
    ngo_id: str
    skills: tuple[str, ...]
    field: str
    district: str
    remote_ok: bool
    hours_per_week: float
    headcount: int
    min_certification: str
    languages: tuple[str, ...]
    filled: int = 0

    @property
    def open_slots(self) -> int:
        """Places still to fill (never negative)."""
        return max(self.headcount - self.filled, 0)


@dataclass(frozen=True)
class Reason:
    """One explanation a director reads, in both languages; ``code`` names the rule or signal."""

    code: str
    en: str
    zh: str

    def __str__(self) -> str:
        return self.en


@dataclass(frozen=True)
class Normalised:
    """One item understood from free text: a canonical ``id`` or ``None`` (kept as free text).

    ``confidence`` is the fuzzy score 0-100 of the match (0 for free text); ``source`` is the
    piece of the input it came from; ``en``/``zh`` are the labels to show back.
    """

    id: str | None
    source: str
    confidence: float
    en: str
    zh: str


@dataclass(frozen=True)
class Candidate:
    """An eligible worker for a request, with the score and the reasons behind it."""

    worker_id: str
    score: float
    reasons: tuple[str, ...]
    reasons_zh: tuple[str, ...] = ()


@dataclass(frozen=True)
class Placement:
    """A proposed placement of a worker on a request."""

    request_id: str
    worker_id: str
    score: float
    reasons: tuple[str, ...]
    reasons_zh: tuple[str, ...] = ()


@dataclass(frozen=True)
class Unfilled:
    """A request left with open slots after assignment, and why."""

    request_id: str
    open_slots: int
    reason: str
    reason_zh: str = ""


@dataclass(frozen=True)
class MatchResult:
    """Proposed placements, each request's candidates best first, and the unfilled requests."""

    placements: tuple[Placement, ...]
    candidates: dict[str, tuple[Candidate, ...]] = field(default_factory=dict)
    unfilled: tuple[Unfilled, ...] = ()
