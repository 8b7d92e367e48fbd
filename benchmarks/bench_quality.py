"""Match quality on the seeded evaluation set (``quality_set.py``): does the right person come first?

    .venv/bin/python benchmarks/bench_quality.py              # 600 cases, about 2,400 workers
    .venv/bin/python benchmarks/bench_quality.py --cases 1200

For each request with a right answer: the rank of the worker it was written for among its candidates (1 + the
number scored strictly higher), hence top-1, hit@3, "listed at all" and the mean reciprocal
rank; and over the assignment, placements of a worker who has none of the requested skills
(by the true ids behind the text) or who lives in another district. Figures per variation
show which kind of messy text costs the most.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

from benchmarks.quality_set import VARIATIONS, build
from matching import MatchSettings, match


def evaluate(cases: int) -> dict[str, dict[str, float]]:
    """Figures per variation, plus "all"."""
    data = build(cases)
    result = match(data.workers, [case.request for case in data.cases], MatchSettings())
    truth = {key: value for case in data.cases for key, value in case.truth.items()}
    variation_of = {case.request.id: case.variation for case in data.cases}
    tallies: dict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    for case in data.cases:
        if case.intended is None:
            continue
        rank = _rank(result.candidates.get(case.request.id, ()), case.intended)
        for group in (case.variation, "all"):
            tally = tallies[group]
            tally["requests"] += 1
            tally["top1"] += rank == 1
            tally["hit3"] += rank is not None and rank <= 3
            tally["listed"] += rank is not None
            tally["mrr"] += 1 / rank if rank else 0.0
    for placement in result.placements:
        wanted, district = truth[placement.request_id]
        offered, lives = truth[placement.worker_id]
        for group in (variation_of[placement.request_id], "all"):
            tallies[group]["placements"] += 1
            tallies[group]["irrelevant"] += not (wanted & offered)
            tallies[group]["cross_district"] += lives != district
    return {group: dict(tally) for group, tally in tallies.items()}


def _rank(candidates, worker_id: str) -> int | None:
    scores = {c.worker_id: c.score for c in candidates}
    if worker_id not in scores:
        return None
    return 1 + sum(score > scores[worker_id] for score in scores.values())


def table(figures: dict[str, dict[str, float]]) -> str:
    lines = [
        "| variation | requests | top-1 | hit@3 | listed | MRR | placements | irrelevant | other district |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for group in (*VARIATIONS, "all"):
        f = figures[group]
        n = f["requests"]
        lines.append(
            f"| {group} | {n:.0f} | {f['top1'] / n:.1%} | {f['hit3'] / n:.1%} | {f['listed'] / n:.1%} "
            f"| {f['mrr'] / n:.3f} | {f.get('placements', 0):.0f} | {f.get('irrelevant', 0):.0f} "
            f"| {f.get('cross_district', 0):.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=600, help="requests in the set (default 600)")
    print(table(evaluate(parser.parse_args().cases)))


if __name__ == "__main__":
    main()
