"""Throughput of the real bot: N social workers fill the profile form at the same moment.

    .venv/bin/python benchmarks/bench_bot.py                      # 10, 50 and 200 people
    .venv/bin/python benchmarks/bench_bot.py --people 10,50 --limiters with

The bot runs in a process of its own, as under ``matchbot run``: the Application of
``bot.app.build_application`` on a fresh SQLite file, long polling the local Bot API emulator
over HTTP. This process runs the emulator and plays the people (``crowd.py``). "with" is that
Application as it is, with the bot's own two-lane rate limiter (``bot/channels/telegram/client.py``: at most 30
chat-bound calls a second, replies ahead of the outbox); "without" is built the same way minus
the rate limiter, to show the bot's own ceiling. Every run ends by checking that each person's
profile is stored.

    .venv/bin/python benchmarks/bench_bot.py --pace       # 100 people thinking 2-6 s, 1,000 follow-ups due
    .venv/bin/python benchmarks/bench_bot.py --rematch    # 50 people thinking 2-6 s, 10,000 x 2,000 rematches
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from telegram.ext import Application

    from bot.config import Settings

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from aiohttp import web  # noqa: E402

from bot.sandbox.emulator import DEFAULT_TOKEN, Emulator  # noqa: E402
from bot.sandbox.state import EmulatorState  # noqa: E402

DIRECTOR_ID = 9001
# Calls that name a chat: the ones the rate limiter holds to 30 a second overall.
CHAT_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto", "editmessagetext", "editmessagecaption",
                          "editmessagereplymarkup", "deletemessage", "sendchataction", "getchat"})
LIMITERS = ("with", "without")
# The human-pace run: people think 2-6 s between answers while 1,000 due follow-ups go out,
# five to each of 200 recipients who are not in the crowd (so per-chat spacing shows).
OUTBOX_CHATS = tuple(range(50_000, 50_200))
OUTBOX_TEXT = "Bulk follow-up"
# The rematch run: a 10,000 x 2,000 instance of generate.py, rematched again and again.
INSTANCE_IDS = 2_000_000
READY_SECONDS = 60.0
DRAIN_SECONDS = 30.0


# ---- the bot's process ------------------------------------------------------------------------

def build_without_rate_limiter(settings: Settings) -> Application:
    """The Application of ``bot.app.build_application``, built the same way but with no rate limiter.

    The hooks (open the database, start the follow-ups, publish the menu; close) are taken from
    the real Application, so only the limiter differs.
    """
    from telegram.ext import ApplicationBuilder

    from bot.app import build_application
    from bot.channels.telegram.routes import register_handlers
    from bot.clock import Clock
    from bot.forms_catalog import all_forms
    from bot.services import SERVICES_KEY, Services

    real = build_application(settings)
    base = settings.telegram.base_url.rstrip("/")
    app = (
        ApplicationBuilder().token(settings.telegram.token)
        .base_url(f"{base}/bot").base_file_url(f"{base}/file/bot")
        .concurrent_updates(True)
        .post_init(real.post_init).post_shutdown(real.post_shutdown)
        .build()
    )
    app.bot_data[SERVICES_KEY] = Services(settings=settings, clock=Clock(), forms=all_forms())
    register_handlers(app)
    return app


async def serve_bot(url: str, database: str, limiter: str) -> dict[str, float]:
    """Poll the emulator at ``url`` until stdin closes; return this process's peak memory."""
    from bot.app import build_application
    from bot.config import default_settings
    from bot.logs import configure_logging
    from bot.sandbox.application import polling

    settings = default_settings(telegram={"token": DEFAULT_TOKEN, "base_url": url},
                                database={"path": database}, association={"directors": [DIRECTOR_ID]},
                                followups={"quiet_hours_start": "00:00", "quiet_hours_end": "00:00"})
    configure_logging(settings.logging.level, secrets=(DEFAULT_TOKEN,))  # as `matchbot run` does
    limiter, _, also = limiter.partition("+")
    app = build_application(settings) if limiter == "with" else build_without_rate_limiter(settings)
    rematches: list[float] = []
    async with polling(app):
        stop = asyncio.Event()
        looping = asyncio.create_task(_rematch_until(app, stop, rematches)) if also == "rematch" else None
        print("ready", flush=True)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
        stop.set()
        if looping is not None:
            await looping
    return {"peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rematches": len(rematches),
            "rematch_s": statistics.median(rematches) if rematches else None}


async def _rematch_until(app: Application, stop: asyncio.Event, seconds: list[float]) -> None:
    """Rematch the whole database again and again (each run's wall time noted) until ``stop``."""
    from bot.channels.telegram.context import services_of
    from bot.placements.rematcher import rematcher_of

    rematcher = rematcher_of(services_of(app))
    while not stop.is_set():
        started = time.perf_counter()
        await rematcher.run()
        seconds.append(time.perf_counter() - started)


# ---- this process: emulator, people, checks ---------------------------------------------------

def _counting_calls(counts: Counter[str]) -> Callable[[web.Application, EmulatorState], None]:
    """Mounts a middleware on the emulator that counts the bot's calls by method."""
    @web.middleware
    async def count(request: web.Request, handler: Any) -> web.StreamResponse:
        counts[request.match_info.get("method", "").lower()] += 1
        return await handler(request)

    def mount(app: web.Application, _state: EmulatorState) -> None:
        app.middlewares.append(count)
    return mount


async def _start_bot(url: str, database: Path, limiter: str, log: Path) -> asyncio.subprocess.Process:
    with log.open("wb") as stderr:  # the child keeps its own descriptor
        bot = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--serve", url, str(database), limiter,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=stderr,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
    assert bot.stdout is not None
    line = await asyncio.wait_for(bot.stdout.readline(), READY_SECONDS)
    if line.strip() != b"ready":
        raise RuntimeError(f"the bot did not start; its log ends:\n{log.read_text()[-3000:]}")
    return bot


async def _stop_bot(bot: asyncio.subprocess.Process, log: Path) -> dict[str, float]:
    assert bot.stdin is not None
    bot.stdin.close()
    output, _ = await asyncio.wait_for(bot.communicate(), READY_SECONDS)
    if bot.returncode != 0:
        raise RuntimeError(f"the bot exited with {bot.returncode}; its log ends:\n{log.read_text()[-3000:]}")
    return json.loads(output.decode().strip().splitlines()[-1])


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process and its live descendants (the rematch's solver
    process, its fork server) have used so far (Linux /proc)."""
    total = 0.0
    for one in (pid, *_descendants(pid)):
        try:
            fields = Path(f"/proc/{one}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # ended meanwhile
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def _descendants(pid: int) -> list[int]:
    """The ids of a process's children, theirs, and so on (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
        for child in children:
            found += [child, *_descendants(child)]
    return found


def _descendants_peak_mib(pid: int) -> float | None:
    """The largest peak resident memory (VmHWM) among a process's live descendants."""
    peaks = []
    for child in _descendants(pid):
        try:
            status = Path(f"/proc/{child}/status").read_text().splitlines()
        except FileNotFoundError:
            continue
        peaks += [int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:")]
    return max(peaks, default=None)


def _resident_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def _stored_profiles(database: Path, people: tuple[Any, ...]) -> int:
    """How many people's profiles are in the workers table with the name and district they gave."""
    with sqlite3.connect(database) as conn:
        rows = {row[0]: row[1:] for row in conn.execute(
            "SELECT a.external_id, w.name, w.district FROM workers w "
            "JOIN accounts a ON a.person_id = w.person_id AND a.channel = 'telegram'")}
    return sum(1 for person in people if rows.get(person.telegram_id) == (person.name, person.district))


def _director_cards(database: Path) -> tuple[int, int]:
    """(queued, sent) cards telling the director of a new profile: the outbox sends them later,
    one a second to a chat, so most are still queued when the crowd is done."""
    with sqlite3.connect(database) as conn:
        queued, sent = conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(status = 'sent'), 0) FROM followups WHERE kind = 'notice' AND recipient = "
            "(SELECT person_id FROM accounts WHERE channel = 'telegram' AND external_id = ?)",
            (DIRECTOR_ID,),
        ).fetchone()
    return queued, sent


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def _seed_outbox(database: Path, count: int) -> None:
    """``count`` notices due now, spread over the outbox chats, written before the bot starts."""
    from bot.clock import Clock, to_iso
    from bot.followups.render import as_payload
    from bot.forms.model import Reply
    from bot.store import followups, open_database, users

    db = await open_database(database)
    due = to_iso(Clock().now())
    try:
        async with db.transaction() as tx:
            people = [await users.ensure_account(tx, users.TELEGRAM, chat, "zh", due) for chat in OUTBOX_CHATS]
            for n in range(count):
                await followups.insert(tx, "notice", people[n % len(people)], due, due,
                                       payload={"message": as_payload(Reply(f"{OUTBOX_TEXT} #{n:04d}"))})
    finally:
        await db.close()


async def measure(count: int, limiter: str, seed: int, timeout: float, *, outbox: int = 0,
                  think: tuple[float, float] | None = None, instance: tuple[int, int] | None = None) -> dict[str, Any]:
    """One run: a fresh emulator, database and bot process; ``count`` people fill the form, at
    once or pausing ``think`` seconds between answers, while ``outbox`` due follow-ups go out."""
    from crowd import social_workers

    people = social_workers(count, seed)
    with tempfile.TemporaryDirectory(prefix="bench-bot-") as folder:
        database, log = Path(folder) / "bench.sqlite3", Path(folder) / "bot.log"
        if outbox:
            await _seed_outbox(database, outbox)
        if instance:
            await _seed_instance(database, *instance)
            limiter += "+rematch"
        run = await _crowd_against_bot(people, limiter, timeout, database, log, outbox=outbox, think=think)
        run["errors_logged"] = sum(" ERROR " in line for line in log.read_text(errors="replace").splitlines())
        run["stored"] = _stored_profiles(database, people)
        run["cards_queued"], run["cards_sent"] = _director_cards(database)
    wall, latencies = run["wall_s"], run.pop("latencies") or [float("nan")]
    return {
        "people": count, "limiter": limiter, **run,
        "updates_per_s": run["updates"] / wall, "chat_calls_per_s": run["chat_calls"] / wall,
        "calls_per_update": run["reply_calls"] / run["updates"],
        "cpu_ms_per_update": 1000 * run["bot_cpu_s"] / run["updates"],
        "p50_ms": 1000 * statistics.median(latencies), "p95_ms": 1000 * _percentile(latencies, 0.95),
        "p99_ms": 1000 * _percentile(latencies, 0.99), "max_ms": 1000 * max(latencies),
    }


async def _crowd_against_bot(people: tuple[Any, ...], limiter: str, timeout: float, database: Path,
                             log: Path, *, outbox: int, think: tuple[float, float] | None) -> dict[str, Any]:
    """Start the emulator and the bot, play the crowd, wait until every update is taken, stop."""
    from crowd import play_crowd

    calls: Counter[str] = Counter()
    async with Emulator(extra_routes=_counting_calls(calls)) as emulator:
        emulator.person(DIRECTOR_ID, "Director", language_code="zh-hans")
        for chat_id in OUTBOX_CHATS if outbox else ():
            emulator.person(chat_id, f"Recipient {chat_id}", language_code="en")
        bot = await _start_bot(emulator.url, database, limiter, log)
        calls.clear()  # start-up calls (getMe, setMyCommands...) are not part of the load
        idle_mib, bot_cpu, own_cpu = _resident_mib(bot.pid), _cpu_seconds(bot.pid), time.process_time()
        result = await play_crowd(emulator, people, timeout, think)
        bot_cpu, own_cpu = _cpu_seconds(bot.pid) - bot_cpu, time.process_time() - own_cpu
        chat_calls = sum(n for method, n in calls.items() if method in CHAT_METHODS)
        calls_by_method = dict(calls.most_common())
        updates = emulator.state.updates
        drained = await emulator.state.signal.wait_for(lambda: updates.pending_count == 0, DRAIN_SECONDS)
        if outbox:
            await emulator.state.signal.wait_for(lambda: len(_outbox_sends(emulator)) >= outbox, 120)
        limits = _limits_counted(emulator, people, outbox)
        solver_peak_mib = _descendants_peak_mib(bot.pid)
        bot_usage = await _stop_bot(bot, log)
    return {
        **limits,
        "updates": result.actions, "wall_s": result.wall_seconds, "latencies": list(result.latencies),
        "failures": list(result.failures), "chat_calls": chat_calls, "calls": calls_by_method,
        "bot_cpu_s": bot_cpu, "bot_idle_mib": idle_mib, "bot_peak_mib": bot_usage["peak_mib"],
        "rematches": bot_usage["rematches"], "rematch_s": bot_usage["rematch_s"],
        "solver_peak_mib": solver_peak_mib, "emulator_cpu_s": own_cpu, "drained": drained,
    }


async def _seed_instance(database: Path, worker_count: int, request_count: int) -> None:
    """Verified workers and open requests of ``generate.py`` (free text, as people write it),
    written before the bot starts, for a rematch of that size to run while people chat."""
    from generate import requests as generated_requests
    from generate import workers as generated_workers

    from bot.clock import Clock, to_iso
    from bot.store import members, open_database, users
    from bot.store import requests as request_rows

    db, now = await open_database(database), to_iso(Clock().now())
    try:
        async with db.transaction() as tx:
            for n, worker in enumerate(generated_workers(worker_count)):
                values = {"name": worker.name, "phone": "+8613900000000", "district": worker.district,
                          "skills_text": "、".join(worker.skills), "skills": list(worker.skills),
                          "fields": list(worker.fields), "languages": list(worker.languages),
                          "certification": worker.certification, "years_experience": worker.years_experience,
                          "hours_per_week": worker.hours_per_week, "max_placements": worker.max_placements,
                          "remote_ok": int(worker.remote_ok), "introduction": ""}
                await _verified_member(tx, members, users, "workers", INSTANCE_IDS + n, values, now)
            ngos: dict[str, int] = {}
            for request in generated_requests(request_count):
                if request.ngo_id not in ngos:
                    values = {"name": request.ngo_id, "registration": "not_yet", "registration_number": None,
                              "fields": [request.field], "district": request.district, "incubated": 1,
                              "director_name": request.ngo_id, "director_phone": "+8613900000001"}
                    ngos[request.ngo_id] = await _verified_member(
                        tx, members, users, "ngos", INSTANCE_IDS + worker_count + len(ngos), values, now)
                await request_rows.insert_request(tx, ngos[request.ngo_id], {
                    "title": request.id, "description": "", "skills_text": "、".join(request.skills),
                    "skills": list(request.skills), "field": request.field, "district": request.district,
                    "remote_ok": int(request.remote_ok), "hours_per_week": request.hours_per_week,
                    "headcount": request.headcount, "min_certification": request.min_certification,
                    "languages": list(request.languages), "start_date": now[:10], "duration_weeks": 12}, now)
    finally:
        await db.close()


async def _verified_member(tx: Any, members: Any, users: Any, table: str, telegram_id: int,
                           values: dict[str, Any], now: str) -> int:
    person = await users.touch_account(tx, users.TELEGRAM, telegram_id, values["name"], None, "zh", now)
    kind = members.MemberKind.from_table(table)
    await users.set_role(tx, person.person_id, kind.entity, now)
    member_id = await members.insert_member(tx, kind, person.person_id, values, now)
    await members.update_member(tx, kind, member_id, values, "verified", now)
    return member_id


def _outbox_sends(emulator: Emulator) -> list[float]:
    """When (emulator monotonic seconds) each outbox message arrived, in order."""
    chats = set(OUTBOX_CHATS)
    return [record.at for record in emulator.state.rates.records() if record.chat_id in chats]


def _limits_counted(emulator: Emulator, people: tuple[Any, ...], outbox: int) -> dict[str, Any]:
    """What the emulator counted: the busiest second overall and per chat, the outbox's rate."""
    rates = emulator.state.rates
    sent = _outbox_sends(emulator)
    people_chats = {p.telegram_id for p in people}
    counted: dict[str, Any] = {
        "reply_calls": sum(1 for record in rates.records() if record.chat_id in people_chats),
        "peak_per_s": rates.peak(1.0),
        "peak_per_s_people_chat": max(rates.peak(1.0, p.telegram_id) for p in people),
        "outbox_sent": len(sent), "outbox_per_s": None, "peak_per_s_outbox_chat": None,
    }
    if outbox and len(sent) > 1:
        counted["outbox_per_s"] = (len(sent) - 1) / (sent[-1] - sent[0])
        counted["peak_per_s_outbox_chat"] = max(rates.peak(1.0, chat) for chat in OUTBOX_CHATS)
    return counted


# ---- report -----------------------------------------------------------------------------------

HEADER = ("people", "limiter", "updates", "chat calls", "wall s", "updates/s", "calls/s", "calls/upd", "p50 ms",
          "p95 ms",
          "bot CPU s", "idle MiB", "peak MiB", "emu CPU s", "stored")


PACE_HEADER = ("people", "updates", "p50 ms", "p95 ms", "p99 ms", "outbox/s", "outbox sent", "peak/s",
               "peak/s chat", "calls/upd", "CPU ms/upd", "peak MiB", "stored")


def format_pace_row(row: dict[str, Any]) -> str:
    outbox_rate = row["outbox_per_s"]
    cells = (row["people"], row["updates"], f"{row['p50_ms']:.0f}", f"{row['p95_ms']:.0f}", f"{row['p99_ms']:.0f}",
             "-" if outbox_rate is None else f"{outbox_rate:.1f}", row["outbox_sent"], row["peak_per_s"],
             f"{row['peak_per_s_outbox_chat']}/{row['peak_per_s_people_chat']}", f"{row['calls_per_update']:.2f}",
             f"{row['cpu_ms_per_update']:.1f}", f"{row['bot_peak_mib']:.0f}", f"{row['stored']}/{row['people']}")
    return " ".join(f"{cell:>11}" for cell in cells)


def format_row(row: dict[str, Any]) -> str:
    cells = (row["people"], row["limiter"], row["updates"], row["chat_calls"], f"{row['wall_s']:.1f}",
             f"{row['updates_per_s']:.0f}", f"{row['chat_calls_per_s']:.1f}", f"{row['calls_per_update']:.2f}",
             f"{row['p50_ms']:.0f}",
             f"{row['p95_ms']:.0f}", f"{row['bot_cpu_s']:.1f}", f"{row['bot_idle_mib']:.0f}",
             f"{row['bot_peak_mib']:.0f}", f"{row['emulator_cpu_s']:.1f}", f"{row['stored']}/{row['people']}")
    return " ".join(f"{cell:>10}" for cell in cells)


def problems_of(row: dict[str, Any]) -> list[str]:
    """Everything that makes a run's figures meaningless: lost replies, lost profiles, errors."""
    problems = [f"no reply: {failure}" for failure in row["failures"][:5]]
    if row["stored"] != row["people"]:
        problems.append(f"only {row['stored']} of {row['people']} profiles stored as given")
    # A rematch run also queues one "new proposals wait" notice, after the first rematch.
    if row["cards_queued"] != row["people"] + (1 if row.get("rematches") else 0):
        problems.append(f"{row['cards_queued']} cards to the director queued for {row['people']} profiles")
    if not row["drained"]:
        problems.append("the bot left updates unconfirmed")
    if row["errors_logged"]:
        problems.append(f"the bot logged {row['errors_logged']} errors")
    return problems


def _machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cpus ({model}), python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", default="10,50,200", help="comma-separated crowd sizes (default: %(default)s)")
    parser.add_argument("--limiters", default="with,without",
                        help='"with" (the Application as built), "without" (no rate limiter), or both')
    parser.add_argument("--seed", type=int, default=7, help="default: %(default)s")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for any one reply")
    parser.add_argument("--json", action="store_true", help="also print each row as JSON")
    parser.add_argument("--pace", action="store_true",
                        help="people think 2-6 s between answers while 1,000 due follow-ups go out (limiter on)")
    parser.add_argument("--outbox", type=int, default=1000,
                        help="with --pace: how many follow-ups are due as it starts (default: %(default)s)")
    parser.add_argument("--rematch", action="store_true",
                        help="people think 2-6 s between answers while a 10,000 x 2,000 rematch runs again and again")
    parser.add_argument("--serve", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        print(json.dumps(asyncio.run(serve_bot(*args.serve))), flush=True)
        return
    if args.pace or args.rematch:
        run_pace(args)
        return
    limiters, sizes = args.limiters.split(","), [int(n) for n in args.people.split(",")]
    if not set(limiters) <= set(LIMITERS):
        parser.error(f"--limiters takes {', '.join(LIMITERS)}")
    print(_machine())
    print(" ".join(f"{cell:>10}" for cell in HEADER))
    problems: list[str] = []
    for limiter in limiters:
        for count in sizes:
            row = asyncio.run(measure(count, limiter, args.seed, args.timeout))
            print(format_row(row), flush=True)
            if args.json:
                print(json.dumps(row), flush=True)
            problems += [f"{count} people, limiter {limiter}: {p}" for p in problems_of(row)]
    if problems:
        sys.exit("\n".join(problems))


def run_pace(args: argparse.Namespace) -> None:
    """People at human pace (``--people`` defaults to 100 here, 50 with a rematch running),
    with a burst of 1,000 follow-ups going out, or a 10,000 x 2,000 rematch running."""
    default = [50] if args.rematch else [100]
    sizes = default if args.people == "10,50,200" else [int(n) for n in args.people.split(",")]
    outbox, instance = (0, (10_000, 2_000)) if args.rematch else (args.outbox, None)
    print(_machine())
    print(" ".join(f"{cell:>11}" for cell in PACE_HEADER))
    problems: list[str] = []
    for count in sizes:
        row = asyncio.run(measure(count, "with", args.seed, args.timeout, outbox=outbox, think=(2.0, 6.0),
                                  instance=instance))
        print(format_pace_row(row), flush=True)
        if row["rematches"]:
            solver = f"; solver process peak {row['solver_peak_mib']:.0f} MiB" if row["solver_peak_mib"] else ""
            print(f"rematches during the run: {row['rematches']}, median {row['rematch_s']:.1f} s each{solver}")
        if args.json:
            print(json.dumps(row), flush=True)
        problems += [f"{count} people at human pace: {p}" for p in problems_of(row)]
        if row["outbox_sent"] != outbox:
            problems.append(f"{row['outbox_sent']} of {outbox} follow-ups arrived")
    if problems:
        sys.exit("\n".join(problems))


if __name__ == "__main__":
    main()
