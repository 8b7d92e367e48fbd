"""The emulator reads every body Telegram accepts: query string, form, JSON and multipart."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
import pytest

from bot.sandbox.emulator import Emulator

ALICE = 101


@pytest.fixture
async def http() -> Any:
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
def alice(emulator: Emulator):
    return emulator.person(ALICE, "Alice")


async def _call(http, emulator: Emulator, method: str, **kwargs: Any) -> tuple[int, dict]:
    async with http.post(f"{emulator.bot_base_url}{emulator.token}/{method}", **kwargs) as reply:
        return reply.status, await reply.json()


async def test_json_body_with_a_keyboard_object(http, emulator, alice):
    markup = {"inline_keyboard": [[{"text": "是", "callback_data": "yes"}]]}
    status, body = await _call(
        http, emulator, "sendMessage", json={"chat_id": ALICE, "text": "好吗?", "reply_markup": markup}
    )
    assert status == 200 and body["ok"] is True
    assert body["result"]["reply_markup"] == markup
    assert alice.transcript()[-1].buttons == ("是",)


async def test_form_body_with_a_keyboard_as_json_text(http, emulator, alice):
    form = {"chat_id": str(ALICE), "text": "hi", "reply_markup": json.dumps({"remove_keyboard": True})}
    status, body = await _call(http, emulator, "sendMessage", data=form)
    assert status == 200 and body["result"]["text"] == "hi"
    assert alice.transcript()[-1].removes_keyboard


async def test_query_string_parameters(http, emulator, alice):
    status, body = await _call(http, emulator, "sendMessage", params={"chat_id": ALICE, "text": "q"})
    assert status == 200 and body["result"]["text"] == "q"


async def test_multipart_upload_then_download(http, emulator, alice):
    form = aiohttp.FormData()
    form.add_field("chat_id", str(ALICE))
    form.add_field("document", b"id,name\n1,\xe7\x8e\x8b\n", filename="workers.csv",
                   content_type="text/csv")
    status, body = await _call(http, emulator, "sendDocument", data=form)
    assert status == 200
    file_id = body["result"]["document"]["file_id"]
    status, info = await _call(http, emulator, "getFile", json={"file_id": file_id})
    url = f"{emulator.file_base_url}{emulator.token}/{info['result']['file_path']}"
    async with http.get(url) as download:
        assert await download.read() == b"id,name\n1,\xe7\x8e\x8b\n"


async def test_errors_have_telegrams_envelope(http, emulator, alice):
    status, body = await _call(http, emulator, "sendChatAction",
                               json={"chat_id": ALICE, "action": "dancing"})
    assert status == 400
    assert body == {"ok": False, "error_code": 400,
                    "description": "Bad Request: wrong parameter action in request"}


async def test_unknown_method_answers_404_not_found(http, emulator):
    status, body = await _call(http, emulator, "sendTelepathy", json={})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})


async def test_method_names_are_case_insensitive(http, emulator):
    status, body = await _call(http, emulator, "GETME")
    assert status == 200 and body["result"]["is_bot"] is True


async def test_a_missing_required_parameter_is_named(http, emulator, alice):
    status, body = await _call(http, emulator, "sendMessage", json={"text": "x"})
    assert (status, body["description"]) == (400, "Bad Request: chat_id is empty")
