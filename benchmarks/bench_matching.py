"""Benchmark of ``matching.match`` (normalise, rules, score, assign) at three sizes.

    .venv/bin/python benchmarks/bench_matching.py            # 1,000x200 and 10,000x2,000
    .venv/bin/python benchmarks/bench_matching.py --large    # also 50,000x10,000

Besides the call itself, each size is timed as a whole ``matchbot match`` process: the
interpreter starting, reading and validating IN.json, matching and writing OUT.json, with the
process's own peak memory.

Each measurement runs in its own subprocess, so the peak memory (``ru_maxrss``) is that of
one run alone. The pure-Python baseline (``baseline.py``) runs beside the engine on sizes up
to ``--baseline-max-pairs`` pairs; it needs minutes beyond that.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

SIZES = {"small": (1_000, 200), "medium": (10_000, 2_000), "large": (50_000, 10_000)}


def measure(size: str, implementation: str) -> dict[str, float]:
    """Generate one instance and match it, in this process; wall time of the match only."""
    import generate

    from matching import MatchSettings, match

    workers_count, requests_count = SIZES[size]
    workers, requests = generate.workers(workers_count), generate.requests(requests_count)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    if implementation == "engine":
        result = match(workers, requests, MatchSettings())
        placed = [(p.request_id, p.worker_id, p.score) for p in result.placements]
    else:
        from baseline import baseline_match

        placed = baseline_match(workers, requests, MatchSettings())
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "input_mib": rss_before / 1024,
        "placements": len(placed),
        "total_score": round(sum(score for _, _, score in placed), 4),
        "slots": sum(r.open_slots for r in requests),
    }


def write_input(size: str, path: Path) -> None:
    """The generated instance as ``matchbot match`` IN.json (its fields are the dataclasses')."""
    import dataclasses

    import generate

    workers_count, requests_count = SIZES[size]
    document = {
        "workers": [dataclasses.asdict(w) for w in generate.workers(workers_count)],
        "requests": [dataclasses.asdict(r) for r in generate.requests(requests_count)],
    }
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def measure_process(size: str, folder: Path) -> dict[str, float]:
    """Wall time and peak memory of one whole ``matchbot match`` process on the instance."""
    source, target = folder / f"{size}-in.json", folder / f"{size}-out.json"
    write_input(size, source)
    command = [str(Path(sys.executable).with_name("matchbot")), "match", "--input", str(source),
               "--output", str(target)]
    start = time.perf_counter()
    # The generated instance has fields no vocabulary knows on purpose: their warnings are not shown.
    process = subprocess.Popen(command, env={**os.environ, "PYTHONHASHSEED": "0"}, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"matchbot match failed on {size} ({status})")
    placements = len(json.loads(target.read_text(encoding="utf-8"))["placements"])
    return {"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime,
            "peak_mib": usage.ru_maxrss / 1024, "placements": placements,
            "input_mib": source.stat().st_size / 2**20}


def run_child(size: str, implementation: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", size, implementation],
        check=True, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
    )  # fmt: skip
    return json.loads(output.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--large", action="store_true", help="also run 50,000 x 10,000")
    parser.add_argument("--baseline-max-pairs", type=int, default=2_000_000, help="default: %(default)s")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(*args.child)))
        return
    print(f"python {platform.python_version()}, {os.cpu_count()} cpus, {platform.machine()}")
    header = ("size", "impl", "wall s", "peak MiB", "input MiB", "filled", "total score")
    print("{:>16} {:>8} {:>8} {:>9} {:>9} {:>13} {:>12}".format(*header))
    for size in ("small", "medium", "large") if args.large else ("small", "medium"):
        workers_count, requests_count = SIZES[size]
        implementations = ["engine"]
        if workers_count * requests_count <= args.baseline_max_pairs:
            implementations.append("baseline")
        for implementation in implementations:
            row = run_child(size, implementation)
            print(
                f"{workers_count:>7,} x {requests_count:<6,} {implementation:>8} {row['seconds']:>8.2f}"
                f" {row['peak_mib']:>9.0f} {row['input_mib']:>9.0f}"
                f" {row['placements']:>6}/{row['slots']:<6} {row['total_score']:>12.4f}",
                flush=True,
            )
    print("\nwhole `matchbot match` process (start-up, IN.json read and checked, OUT.json written)")
    print("{:>16} {:>8} {:>7} {:>9} {:>12} {:>7}".format(
        "size", "wall s", "cpu s", "peak MiB", "IN.json MiB", "filled"))
    with tempfile.TemporaryDirectory() as folder:
        for size in ("small", "medium", "large") if args.large else ("small", "medium"):
            workers_count, requests_count = SIZES[size]
            row = measure_process(size, Path(folder))
            print(f"{workers_count:>7,} x {requests_count:<6,} {row['seconds']:>8.2f} {row['cpu_seconds']:>7.2f}"
                  f" {row['peak_mib']:>9.0f}"
                  f" {row['input_mib']:>12.1f} {row['placements']:>7}", flush=True)


if __name__ == "__main__":
    main()
