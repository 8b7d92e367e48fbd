"""Workers and requests with their free text replaced by canonical ids (or kept as free text).

Done in bulk: every distinct text of a kind is understood once, in one fuzzy pass.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from matching.models import Request, Worker
from matching.vocabulary import vocabulary

_NO_CERTIFICATE = "none"


class _Understood:
    """Distinct texts of one kind, understood together, then looked up per record."""

    def __init__(self, kind: str, texts: Iterable[str], cutoff: float) -> None:
        distinct = list(dict.fromkeys(texts))
        results = vocabulary(kind).normalise_many(distinct, cutoff)
        self._values = {
            text: tuple(item.id if item.id is not None else item.source for item in result)
            for text, result in zip(distinct, results, strict=True)
        }

    def many(self, texts: Sequence[str]) -> tuple[str, ...]:
        """Every value named in ``texts``, first mention first, without repeats."""
        return tuple(dict.fromkeys(value for text in texts for value in self._values[text]))

    def one(self, text: str, default: str = "") -> str:
        """The first value named in ``text`` (a district or a certificate is one value)."""
        values = self._values[text]
        return values[0] if values else default


def normalise_workers(workers: Sequence[Worker], cutoff: float) -> list[Worker]:
    """Copies of ``workers`` with skills, fields, district, languages and certificate normalised."""
    skills = _Understood("skill", (s for w in workers for s in w.skills), cutoff)
    fields = _Understood("field", (f for w in workers for f in w.fields), cutoff)
    districts = _Understood("district", (w.district for w in workers), cutoff)
    languages = _Understood("language", (lang for w in workers for lang in w.languages), cutoff)
    levels = _Understood("certification", (w.certification for w in workers), cutoff)
    return [
        dataclasses.replace(
            worker,
            skills=skills.many(worker.skills),
            fields=fields.many(worker.fields),
            district=districts.one(worker.district),
            languages=languages.many(worker.languages),
            certification=levels.one(worker.certification, _NO_CERTIFICATE),
        )
        for worker in workers
    ]


def normalise_requests(requests: Sequence[Request], cutoff: float) -> list[Request]:
    """Copies of ``requests`` with skills, field, district, languages and minimum normalised."""
    skills = _Understood("skill", (s for r in requests for s in r.skills), cutoff)
    fields = _Understood("field", (r.field for r in requests), cutoff)
    districts = _Understood("district", (r.district for r in requests), cutoff)
    languages = _Understood("language", (lang for r in requests for lang in r.languages), cutoff)
    levels = _Understood("certification", (r.min_certification for r in requests), cutoff)
    return [
        dataclasses.replace(
            request,
            skills=skills.many(request.skills),
            field=fields.one(request.field),
            district=districts.one(request.district),
            languages=languages.many(request.languages),
            min_certification=levels.one(request.min_certification, _NO_CERTIFICATE),
        )
        for request in requests
    ]
