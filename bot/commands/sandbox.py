"""`matchbot sandbox`: try the bot offline, in a browser, as any person, with no token."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from bot.commands._common import CommandFailed, add_config_argument, load_config

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.sandbox.runner import SandboxPlan

READY = """\
matchbot sandbox is running: open {url} in a browser.
  Pick a persona on the left (the association director, a social worker, an NGO director or
  a brand-new user) and chat with the bot. Database: {database}
  Press Ctrl+C to stop."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``sandbox`` subcommand."""
    parser = subparsers.add_parser(
        "sandbox",
        help="try the bot in a browser against a local Telegram emulator (no token needed)",
        description="Start a local Telegram Bot API emulator, the bot on a sandbox database "
        "seeded with demo members, and a web chat where you play any person. "
        "Runs until Ctrl+C.",
    )
    add_config_argument(parser)
    parser.add_argument(
        "--port", type=int, default=None, metavar="N",
        help="port of the web chat on 127.0.0.1 (default: [sandbox] port, 8765)",
    )
    parser.add_argument(
        "--db", type=Path, default=None, metavar="PATH",
        help="sandbox database file, seeded on first start "
        "(default: [sandbox] database, data/sandbox.sqlite3)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Run the sandbox until interrupted; 0 after a clean stop."""
    from bot.logs import configure_logging
    from bot.sandbox.runner import SandboxPlan

    settings = load_config(args)
    configure_logging(settings.logging.level, secrets=(settings.telegram.token,))
    plan = SandboxPlan(
        database=args.db or settings.sandbox.database,
        port=args.port if args.port is not None else settings.sandbox.port,
    )
    if not 0 <= plan.port <= 65535:
        raise CommandFailed(f"--port: expected a port number from 0 to 65535, got {plan.port}")
    try:
        asyncio.run(_serve(settings, plan))
    except OSError as error:
        raise CommandFailed(_cannot_listen(plan, error), code=1) from None
    return 0


def _cannot_listen(plan: SandboxPlan, error: OSError) -> str:
    """Why the web chat cannot start, and the command that picks another port."""
    if error.errno == errno.EADDRINUSE:
        other = plan.port + 1 if 0 < plan.port < 65535 else 8766
        return (f"port {plan.port} on {plan.host} is already in use (another sandbox, or another program).\n"
                f"Choose another port: make sandbox PORT={other}   (or: matchbot sandbox --port {other})")
    return f"cannot listen on {plan.host}:{plan.port}: {error.strerror or error}"


async def _serve(settings: Settings, plan: SandboxPlan) -> None:
    # Imported here so that `matchbot --help` does not load the Telegram stack.
    from bot.sandbox.runner import run_sandbox

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # signal handlers need a Unix loop
            loop.add_signal_handler(signum, stop.set)

    def announce(url: str) -> None:
        print(READY.format(url=url, database=plan.database), flush=True)

    await run_sandbox(settings, plan, stop, on_ready=announce)
    print("matchbot sandbox stopped.", flush=True)
