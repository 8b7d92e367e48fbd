"""Webhook mode through our own listener: only Telegram's posts, with the secret, are handled.

A post without the secret header or with a wrong one is refused (403) before its body is read,
so it changes nothing; a body over 1 MiB is refused (413); the real post is answered in chat.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest

from bot.app import build_application
from bot.channels.telegram.webhook import MAX_BODY_BYTES, SECRET_HEADER, serving_webhook
from bot.config import default_settings
from bot.sandbox.emulator import Emulator

from .chat import db_rows, plain
from .driver import Sandbox
from .processes import REPO, write_config

SECRET = "right-secret_0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_update(update_id: int, user_id: int) -> dict:
    sender = {"id": user_id, "is_bot": False, "first_name": "Wang", "language_code": "en"}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": 1796174236, "text": "/start",
                                                "chat": {"id": user_id, "type": "private"}, "from": sender,
                                                "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}


@pytest.fixture
async def hooked(emulator: Emulator, tmp_path) -> AsyncIterator[tuple[Sandbox, str]]:
    port = free_port()
    settings = default_settings(
        telegram={"token": emulator.token, "base_url": emulator.url, "mode": "webhook",
                  "webhook_url": "https://bot.example.org/tg/hook", "webhook_listen": "127.0.0.1",
                  "webhook_port": port, "webhook_secret_token": SECRET},
        database={"path": str(tmp_path / "hook.sqlite3")}, association={"directors": [9001]})
    app = build_application(settings)
    async with serving_webhook(app, settings.telegram, SECRET):
        yield Sandbox(emulator, app), f"http://127.0.0.1:{port}/tg/hook"


async def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    async with aiohttp.ClientSession() as session, session.post(url, data=body, headers=headers) as response:
        return response.status


async def test_a_forged_post_is_refused_and_changes_nothing_while_telegrams_is_answered(hooked):
    sandbox, url = hooked
    wang = sandbox.user(201, "Wang", lang="en")
    body = json.dumps(start_update(1, 201)).encode()
    json_type = {"Content-Type": "application/json"}
    assert await post(url, body, json_type) == 403
    assert await post(url, body, {**json_type, SECRET_HEADER: "wrong"}) == 403
    assert await post(url, body, {**json_type, SECRET_HEADER: SECRET[:-1]}) == 403
    # Refused before anything was queued: nothing to wait for.
    assert not wang.transcript()
    assert db_rows(sandbox, "SELECT count(*) FROM accounts WHERE external_id = 201")[0][0] == 0
    assert await post(url, body, {**json_type, SECRET_HEADER: SECRET}) == 200
    assert plain("en", "start.ask_role") in (await wang.next_message()).text


async def test_a_body_over_one_mib_is_refused_and_garbage_is_a_bad_request(hooked):
    _, url = hooked
    headers = {"Content-Type": "application/json", SECRET_HEADER: SECRET}
    assert await post(url, b"{" + b" " * MAX_BODY_BYTES + b"}", headers) == 413
    assert await post(url, b"\x00not json", headers) == 400


async def test_a_wrong_secret_is_refused_before_the_body_is_sent(hooked):
    _, url = hooked
    host, port = url.split("//")[1].split("/")[0].split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(f"POST /tg/hook HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                 f"{SECRET_HEADER}: wrong\r\nContent-Length: 104857600\r\n\r\n{{".encode())
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), timeout=3)  # 100 MB never follow
    assert status_line.startswith(b"HTTP/1.1 403")
    writer.close()


async def registered_secret(emulator: Emulator, process, log) -> str:
    """The secret the bot gave setWebhook, once it has (the emulator remembers it)."""
    for _ in range(300):
        if emulator.state.settings.webhook_secret_token:
            await asyncio.sleep(0.2)  # setWebhook comes after the listener started
            return emulator.state.settings.webhook_secret_token
        assert process.returncode is None, log.read_text()
        await asyncio.sleep(0.1)
    pytest.fail(f"the bot never set its webhook; its log:\n{log.read_text()}")


async def test_matchbot_run_without_a_secret_generates_one_says_so_and_refuses_posts_without_it(emulator, tmp_path):
    port = free_port()
    config = write_config(tmp_path, emulator, tmp_path / "run.sqlite3",
                          telegram={"token": emulator.token, "base_url": emulator.url, "mode": "webhook",
                                    "webhook_url": "https://bot.example.org/tg/hook", "webhook_port": port})
    log = tmp_path / "bot.log"
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "run", "--config", str(config), cwd=REPO, stdout=output, stderr=output)
    try:
        secret = await registered_secret(emulator, process, log)
        url = f"http://127.0.0.1:{port}/tg/hook"
        assert await post(url, json.dumps(start_update(1, 201)).encode(), {}) == 403
        assert await post(url, b"{}", {SECRET_HEADER: secret}) in (200, 400)
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 20) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    text = log.read_text()
    assert "webhook_secret_token is not set: generated one for this run" in text
    assert secret not in text and "Traceback" not in text
