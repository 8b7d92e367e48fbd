"""The people's side, driven against a real polling Application (the small test bot)."""

from __future__ import annotations

import aiohttp

from .tiny_bot import PING_ANSWER


async def test_start_is_answered_in_english(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice", lang="en")
    await alice.send("/start")
    greeting = await alice.next_message()
    assert greeting.text == "Hello, Alice! Pick one:"
    assert greeting.entities[0].type == "bold"
    assert greeting.buttons == ("Ping", "Edit me")
    assert greeting.reply_to is None


async def test_start_is_answered_in_chinese(tiny_sandbox):
    wang = tiny_sandbox.user(102, "王芳", lang="zh-hans")
    await wang.send("/start")
    assert (await wang.next_message()).text == "你好，王芳！请选择："


async def test_pressing_an_inline_button_sends_a_callback_query_the_bot_answers(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice")
    await alice.send("/start")
    await alice.next_message()
    press = await alice.press("Ping")
    answer = await alice.callback_answer(press.query_id)
    assert answer.answer_text == f"{PING_ANSWER}: ping"


async def test_an_edit_is_applied_to_the_transcript(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice")
    await alice.send("/start")
    greeting = await alice.next_message()
    await alice.press("edit")  # by callback_data this time
    chat = await alice.wait_until(
        lambda chat: chat[-1].text == "Edited", "the greeting to be edited"
    )
    assert [m.text for m in chat] == ["/start", "Edited"]
    assert chat[-1].message_id == greeting.message_id
    assert chat[-1].edited and chat[-1].buttons == ()


async def test_a_forged_press_reaches_the_bot_with_any_data(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice")
    await alice.send("/start")
    await alice.next_message()
    query_id = await alice.forge_callback("pl:approve:999999")
    answer = await alice.callback_answer(query_id)
    assert answer.answer_text == f"{PING_ANSWER}: pl:approve:999999"


async def test_the_share_contact_button_sends_the_persons_number(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice", phone="+8613800001234")
    await alice.send("/keyboard")
    offer = await alice.next_message()
    assert offer.reply_buttons == ("Share phone", "Plain")
    await alice.press("Share phone")
    reply = await alice.next_message()
    assert reply.text == "Got +8613800001234"
    assert reply.removes_keyboard


async def test_a_contact_can_be_sent_without_a_button(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice")
    await alice.send_contact("13912345678")
    assert (await alice.next_message()).text == "Got 13912345678"


async def test_a_reply_keyboard_button_sends_its_label_as_text(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice")
    await alice.send("/keyboard")
    await alice.next_message()
    await alice.press("Plain")
    assert (await alice.next_message()).text == "echo: Plain"


async def test_documents_and_photos_are_stored_and_served(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice")
    await alice.send("/files")
    document, photo = await alice.next_messages(2)
    assert (document.text, document.document.file_name) == ("Export", "export.csv")
    assert (photo.text, photo.photo.width, photo.photo.height) == ("Chart", 2, 1)
    url = tiny_sandbox.emulator.url + document.document.url_path
    async with aiohttp.ClientSession() as http, http.get(url) as reply:
        assert await reply.read() == b"name,skill\n"
        picture = tiny_sandbox.emulator.url + photo.photo.url_path
        async with http.get(picture) as shown:  # sent as bytes without a name, served as what it is
            assert shown.headers["Content-Type"] == "image/png"
            assert (await shown.read()).startswith(b"\x89PNG")


async def test_each_person_has_their_own_chat(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice")
    bob = tiny_sandbox.user(102, "Bob")
    await alice.send("hi from alice")
    await bob.send("hi from bob")
    assert (await bob.next_message()).text == "echo: hi from bob"
    assert (await alice.next_message()).text == "echo: hi from alice"
    assert [m.text for m in alice.transcript()] == ["hi from alice", "echo: hi from alice"]


async def test_sends_are_counted_per_chat_and_overall(tiny_sandbox):
    alice = tiny_sandbox.user(101, "Alice")
    bob = tiny_sandbox.user(102, "Bob")
    await alice.send("/files")
    await bob.send("hello")
    await alice.next_messages(2)
    await bob.next_message()
    rates = tiny_sandbox.emulator.state.rates
    assert (rates.count(101), rates.count(102), rates.count()) == (2, 1, 3)
    assert [r.method for r in rates.records(101)] == ["sendDocument", "sendPhoto"]
