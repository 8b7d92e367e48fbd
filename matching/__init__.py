"""The matching engine: bilingual vocabulary, hard rules, explained scores, optimal assignment.

A pure, synchronous library: it imports only the standard library, rapidfuzz, numpy, scipy
and itself, and reads nothing but its own data files.
"""

from matching.engine import match
from matching.models import (
    Candidate,
    MatchResult,
    Normalised,
    Placement,
    Reason,
    Request,
    Unfilled,
    Worker,
)
from matching.profiles import normalise_requests, normalise_workers
from matching.settings import MatchSettings
from matching.vocabulary import (
    CERTIFICATION_LEVELS,
    KINDS,
    Term,
    certification_rank,
    entries,
    label,
    normalise,
)

__all__ = [
    "CERTIFICATION_LEVELS",
    "KINDS",
    "Candidate",
    "MatchResult",
    "MatchSettings",
    "Normalised",
    "Placement",
    "Reason",
    "Request",
    "Term",
    "Unfilled",
    "Worker",
    "certification_rank",
    "entries",
    "label",
    "match",
    "normalise",
    "normalise_requests",
    "normalise_workers",
]
