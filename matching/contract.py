"""The JSON contract of ``matchbot match``: validate IN.json, build OUT.json.

Validation collects every problem, each naming the record and field
(``requests[3].headcount: expected a positive integer, got -1``), instead of stopping at the
first one.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from matching.models import MatchResult, Request, Worker
from matching.vocabulary import CERTIFICATION_LEVELS


class ContractError(ValueError):
    """The input breaks the contract; ``problems`` lists every broken field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class _Field:
    name: str
    check: Callable[[Any], str | None]  # None when valid, else what was expected
    required: bool = True


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else "a string"


def _id(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "a non-empty string"


def _texts(value: Any) -> str | None:
    ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
    return None if ok else "a list of strings"


def _flag(value: Any) -> str | None:
    return None if isinstance(value, bool) else "true or false"


def _hours(value: Any) -> str | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    return None if ok and math.isfinite(value) and 0 <= value <= 168 else "a number of hours from 0 to 168"


def _positive(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value > 0
    return None if ok else "a positive integer"


def _count(value: Any) -> str | None:
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if ok else "a non-negative integer"


def _level(value: Any) -> str | None:
    return None if value in CERTIFICATION_LEVELS else f"one of {', '.join(CERTIFICATION_LEVELS)}"


_WORKER_FIELDS = (
    _Field("id", _id),
    _Field("name", _text),
    _Field("skills", _texts),
    _Field("fields", _texts),
    _Field("district", _text),
    _Field("languages", _texts),
    _Field("hours_per_week", _hours),
    _Field("certification", _level),
    _Field("max_placements", _count),
    _Field("remote_ok", _flag),
    _Field("verified", _flag, required=False),
    _Field("years_experience", _count, required=False),
    _Field("live_placements", _count, required=False),
)
_REQUEST_FIELDS = (
    _Field("id", _id),
    _Field("ngo_id", _text),
    _Field("skills", _texts),
    _Field("field", _text),
    _Field("district", _text),
    _Field("remote_ok", _flag),
    _Field("hours_per_week", _hours),
    _Field("headcount", _positive),
    _Field("min_certification", _level),
    _Field("languages", _texts),
    _Field("filled", _count, required=False),
)


def parse_input(text: str) -> tuple[list[Worker], list[Request]]:
    """Workers and requests from IN.json text; raises ContractError listing every problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ContractError(
            [f"input: not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"]
        ) from None
    if not isinstance(data, dict):
        raise ContractError([f"input: expected an object with workers and requests, got {_show(data)}"])
    problems: list[str] = []
    workers = _records(data, "workers", _WORKER_FIELDS, problems)
    requests = _records(data, "requests", _REQUEST_FIELDS, problems)
    problems.extend(f"input: unknown key {key!r}" for key in data if key not in ("workers", "requests"))
    if problems:
        raise ContractError(problems)
    return [_worker(w) for w in workers], [_request(r) for r in requests]


def _records(
    data: dict[str, Any], key: str, schema: tuple[_Field, ...], problems: list[str]
) -> list[dict[str, Any]]:
    records = data.get(key)
    if not isinstance(records, list):
        problems.append(f"{key}: expected a list, got {_show(records)}")
        return []
    known = {field.name for field in schema}
    seen: dict[str, int] = {}
    for position, record in enumerate(records):
        where = f"{key}[{position}]"
        if not isinstance(record, dict):
            problems.append(f"{where}: expected an object, got {_show(record)}")
            continue
        for field in schema:
            if field.name not in record:
                if field.required:
                    problems.append(f"{where}.{field.name}: missing")
            elif (expected := field.check(record[field.name])) is not None:
                problems.append(f"{where}.{field.name}: expected {expected}, got {_show(record[field.name])}")
        problems.extend(f"{where}: unknown field {name!r}" for name in record if name not in known)
        identifier = record.get("id")
        if isinstance(identifier, str) and identifier in seen:
            problems.append(f"{where}.id: duplicate of {key}[{seen[identifier]}].id {identifier!r}")
        elif isinstance(identifier, str):
            seen[identifier] = position
    return records


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if value is not None else "nothing"
    return text if len(text) <= 60 else text[:57] + "..."


def _worker(record: dict[str, Any]) -> Worker:
    return Worker(
        id=record["id"],
        name=record["name"],
        skills=tuple(record["skills"]),
        fields=tuple(record["fields"]),
        district=record["district"],
        languages=tuple(record["languages"]),
        hours_per_week=float(record["hours_per_week"]),
        certification=record["certification"],
        max_placements=record["max_placements"],
        remote_ok=record["remote_ok"],
        verified=record.get("verified", True),
        years_experience=record.get("years_experience", 0),
        live_placements=record.get("live_placements", 0),
    )


def _request(record: dict[str, Any]) -> Request:
    return Request(
        id=record["id"],
        ngo_id=record["ngo_id"],
        skills=tuple(record["skills"]),
        field=record["field"],
        district=record["district"],
        remote_ok=record["remote_ok"],
        hours_per_week=float(record["hours_per_week"]),
        headcount=record["headcount"],
        min_certification=record["min_certification"],
        languages=tuple(record["languages"]),
        filled=record.get("filled", 0),
    )


def result_to_json(result: MatchResult) -> dict[str, Any]:
    """OUT.json as a dict: placements, candidates per request (best first), unfilled."""
    return {
        "placements": [
            {
                "request_id": p.request_id,
                "worker_id": p.worker_id,
                "score": p.score,
                "reasons": list(p.reasons),
            }
            for p in result.placements
        ],
        "candidates": {
            request_id: [
                {"worker_id": c.worker_id, "score": c.score, "reasons": list(c.reasons)} for c in candidates
            ]
            for request_id, candidates in result.candidates.items()
        },
        "unfilled": [
            {"request_id": u.request_id, "open_slots": u.open_slots, "reason": u.reason}
            for u in result.unfilled
        ],
    }


def result_to_text(result: MatchResult) -> str:
    """OUT.json text with one record per line (a placement, a request's candidates, an unfilled
    request): easy to read and grep, and written by json's C encoder, where an indented dump goes
    through the pure-Python one (0.8 s of a 10,000 x 2,000 run)."""
    document = result_to_json(result)

    def compact(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def records(items: list[str], opening: str, closing: str) -> str:
        return opening + ("\n  " + ",\n  ".join(items) + "\n " if items else "") + closing

    placements = records([compact(p) for p in document["placements"]], "[", "]")
    candidates = records([f"{compact(key)}: {compact(value)}" for key, value in document["candidates"].items()],
                         "{", "}")
    unfilled = records([compact(u) for u in document["unfilled"]], "[", "]")
    return f'{{"placements": {placements},\n "candidates": {candidates},\n "unfilled": {unfilled}}}\n'

