"""``matchbot match``: run the matching engine on a JSON file, outside the bot."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path

from matching import MatchSettings, match
from matching.contract import ContractError, parse_input, result_to_text
from matching.models import Request, Worker
from matching.vocabulary import vocabulary

_DESCRIPTION = """\
Match social workers to NGO requests from a JSON file.

IN.json holds {"workers": [...], "requests": [...]} (see the README for every field).
OUT.json gets the proposed placements, each request's candidates best first, and the
requests left with open slots with the reason. Workers in IN.json count as verified.
Malformed input is reported field by field on stderr, with exit code 2.
"""


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``match`` subcommand to the ``matchbot`` parser."""
    parser = subparsers.add_parser(
        "match",
        help="match workers to requests from a JSON file",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--input", required=True, metavar="IN.json", help="workers and requests")
    parser.add_argument("--output", metavar="OUT.json", help="where to write the result (default: stdout)")
    parser.add_argument(
        "--top",
        type=_positive_int,
        default=MatchSettings().top_n,
        metavar="N",
        help="candidates listed per request (default: %(default)s)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read IN.json, match, write OUT.json; 0 on success, 2 on unreadable or malformed input."""
    try:
        text = Path(args.input).read_text(encoding="utf-8-sig")  # a BOM (Windows editors) is fine
    except (OSError, UnicodeDecodeError) as error:
        print(f"input: cannot read {args.input}: {error}", file=sys.stderr)
        return 2
    try:
        workers, requests = parse_input(text)
    except ContractError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 2
    settings = dataclasses.replace(MatchSettings(), top_n=args.top)
    for warning in doubtful_values(workers, requests, settings.fuzzy_cutoff):
        print(f"warning: {warning}", file=sys.stderr)
    output = result_to_text(match(workers, requests, settings))
    if args.output is None:
        sys.stdout.write(output)
        return 0
    try:
        Path(args.output).write_text(output, encoding="utf-8")
    except OSError as error:
        print(f"output: cannot write {args.output}: {error}", file=sys.stderr)
        return 2
    return 0


def doubtful_values(workers: Sequence[Worker], requests: Sequence[Request], cutoff: float) -> list[str]:
    """Values that are valid JSON but probably mistakes: an empty name, or a district or service
    field the vocabulary does not read at the matcher's ``cutoff`` (it is then compared as free
    text, and rarely matches). Read at that cutoff, the look-ups are cached for the match itself."""
    known = _known_values(cutoff, {
        "district": [w.district for w in workers] + [r.district for r in requests],
        "field": [f for w in workers for f in w.fields] + [r.field for r in requests if r.field],
    })
    found = []
    for position, worker in enumerate(workers):
        where = f"workers[{position}] (id {worker.id!r})"
        if not worker.name.strip():
            found.append(f"{where}.name: empty")
        found += _unknown(where, "district", "district", (worker.district,), known)
        found += _unknown(where, "fields", "field", worker.fields, known)
    for position, request in enumerate(requests):
        where = f"requests[{position}] (id {request.id!r})"
        found += _unknown(where, "district", "district", (request.district,), known)
        found += _unknown(where, "field", "field", (request.field,) if request.field else (), known)
    return found


def _known_values(cutoff: float, values: dict[str, list[str]]) -> dict[str, set[str]]:
    """Per kind, the values the vocabulary reads as a term: each distinct spelling read once,
    all of a kind in one batch (thousands of records share a few hundred spellings)."""
    known = {}
    for kind, texts in values.items():
        distinct = sorted(set(texts))
        read = vocabulary(kind).normalise_many(distinct, cutoff)
        known[kind] = {text for text, found in zip(distinct, read, strict=True) if any(n.id for n in found)}
    return known


def _unknown(where: str, name: str, kind: str, values: Sequence[str], known: dict[str, set[str]]) -> list[str]:
    article = {"district": "a district of Jinan", "field": "a known service field"}[kind]
    return [f"{where}.{name}: {value!r} is not {article}; it is compared as free text"
            for value in values if value not in known[kind]]


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value
