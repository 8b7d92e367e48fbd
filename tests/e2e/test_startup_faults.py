"""Faults at start, each ending in one clear line instead of a traceback: a database that is no
database, one from a newer matchbot, one the process may not write; a Bot API that does not answer
(the bot waits, saying for what, and starts once it answers); and Telegram reached through a proxy."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.commands._database import explain
from bot.config import ConfigError, default_settings
from bot.sandbox.emulator import Emulator

from .chat import plain
from .conftest import polling_sandbox
from .processes import REPO
from .socks_proxy import Socks5Proxy
from .test_webhook import free_port


def garbage(path: Path) -> Path:
    path.write_bytes(b"this is no SQLite file, just text someone saved under the database's name\n" * 50)
    return path


def newer(path: Path) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    return path


def config_for(tmp_path: Path, database: Path, base_url: str = "http://127.0.0.1:9") -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{database}"\n[telegram]\ntoken = "1:x"\nbase_url = "{base_url}"\n',
                      encoding="utf-8")
    return config


def roster(tmp_path: Path) -> Path:
    path = tmp_path / "r.csv"
    path.write_text("roster_key,name,phone,district,skills,hours_per_week\nSW-1,王芳,13912345678,历下区,心理咨询,6\n",
                    encoding="utf-8")
    return path


async def run_command(*argv: str) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *argv, cwd=REPO,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output, _ = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, output.decode()


@pytest.mark.parametrize("spoil, said", [(garbage, "not a matchbot database"), (newer, "schema version 99")])
async def test_run_export_and_import_say_what_is_wrong_with_the_database_in_one_line(tmp_path, spoil, said):
    config = config_for(tmp_path, spoil(tmp_path / "db.sqlite3"))
    commands = (["run"], ["export", "--out", str(tmp_path / "x.xlsx")],
                ["import", "workers", str(roster(tmp_path)), "--bot-username", "b"])
    for command in commands:
        code, output = await run_command(*command, "--config", str(config))
        assert code == 1 and said in output and "Traceback" not in output, (command, output)
        assert len([line for line in output.splitlines() if line.strip()]) == 1, output


def test_a_read_only_database_is_explained_with_what_to_make_writable(tmp_path):
    path = tmp_path / "ro.sqlite3"
    sqlite3.connect(path).close()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn, pytest.raises(sqlite3.DatabaseError) as raised:
        conn.execute("CREATE TABLE t (x)")
    said = explain(path, raised.value)
    assert "read-only" in said and f"make {path} and {tmp_path} writable" in said


async def test_run_waits_for_an_unreachable_bot_api_saying_what_to_try_then_starts(tmp_path):
    port = free_port()
    config = config_for(tmp_path, tmp_path / "db.sqlite3", f"http://127.0.0.1:{port}")
    log = tmp_path / "bot.log"
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config), cwd=REPO, stdout=output, stderr=output)
    try:
        for _ in range(200):
            if log.read_text().count("cannot reach the Bot API") >= 2:
                break
            await asyncio.sleep(0.05)
        assert process.returncode is None, log.read_text()  # still waiting after 1 s, not exited
        emulator = Emulator(token="1:x")
        await emulator.start(port=port)
        try:
            started = await emulator.state.signal.wait_for(lambda: emulator.state.updates.polls_started > 0, 30)
            assert started, log.read_text()
        finally:
            await emulator.close()
    finally:
        process.kill()
        await process.wait()
    text = log.read_text()
    assert "set [telegram] proxy (socks5://… or http://…) or base_url" in text and "trying again in 2 s" in text
    assert "Traceback" not in text and "this is @" in text


def test_the_proxy_setting_takes_socks5_and_http_urls_only():
    for good in ("socks5://127.0.0.1:1080", "socks5h://u:p@proxy:1080", "http://proxy.example.org:3128"):
        assert default_settings(telegram={"proxy": good}).telegram.proxy == good
    with pytest.raises(ConfigError, match="a proxy URL"):
        default_settings(telegram={"proxy": "ftp://proxy:21"})


class ForwardingProxy:
    """A plain HTTP proxy (absolute-form requests), counting what it forwards."""

    def __init__(self) -> None:
        self.forwarded: list[str] = []

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.forwarded.append(request.path.rsplit("/", 1)[-1])
        async with aiohttp.ClientSession() as session, session.request(
                request.method, str(request.url), data=await request.read(),
                headers={"Content-Type": request.headers.get("Content-Type", "")}) as upstream:
            return web.Response(status=upstream.status, body=await upstream.read(),
                                content_type=upstream.content_type)


async def answers_start_through(emulator, tmp_path, clock, proxy: str) -> None:
    """The bot, configured with ``proxy``, answers a /start."""
    settings = default_settings(telegram={"token": emulator.token, "base_url": emulator.url, "proxy": proxy},
                                database={"path": str(tmp_path / "p.sqlite3")}, association={"directors": [9001]})
    async with polling_sandbox(emulator, settings, clock) as sandbox:
        wang = sandbox.user(201, "Wang", lang="en")
        await wang.send("/start")
        assert plain("en", "start.ask_role") in (await wang.next_message()).text


async def test_the_bot_talks_to_telegram_only_through_the_configured_proxy(emulator, tmp_path, clock):
    proxy = ForwardingProxy()
    runner = web.ServerRunner(web.Server(proxy.handle))
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        await answers_start_through(emulator, tmp_path, clock, f"http://127.0.0.1:{port}")
    finally:
        await runner.cleanup()
    assert {"getMe", "getUpdates", "sendMessage"} <= set(proxy.forwarded)


async def test_the_bot_talks_to_telegram_through_a_socks5_proxy(emulator, tmp_path, clock):
    proxy = Socks5Proxy()
    port = await proxy.start()
    try:
        await answers_start_through(emulator, tmp_path, clock, f"socks5://127.0.0.1:{port}")
    finally:
        await proxy.close()
    assert proxy.connections >= 1
