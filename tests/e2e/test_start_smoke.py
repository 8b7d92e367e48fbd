"""The real Application, through HTTP and the emulator: /start greets in the person's language
and asks for their role."""

from __future__ import annotations

from .driver import ChatUser


async def _until_buttons(person: ChatUser) -> tuple[list[str], tuple[str, ...]]:
    """The bot's messages up to the first one carrying inline buttons."""
    texts: list[str] = []
    while True:
        message = await person.next_message()
        texts.append(message.text)
        if message.buttons:
            return texts, message.buttons


async def test_start_in_english_greets_and_offers_the_two_roles(sandbox):
    alice = sandbox.user(101, "Alice", lang="en")
    await alice.send("/start")
    texts, buttons = await _until_buttons(alice)
    assert "Hello, Alice" in texts[0]
    assert "Social worker" in buttons and "NGO director" in buttons


async def test_start_in_chinese_greets_and_offers_the_two_roles(sandbox):
    wang = sandbox.user(102, "王芳", lang="zh-hans")
    await wang.send("/start")
    texts, buttons = await _until_buttons(wang)
    assert "王芳，您好" in texts[0]
    assert "社工" in buttons and "机构负责人" in buttons


async def test_choosing_a_role_takes_the_buttons_away_and_moves_on(sandbox):
    wang = sandbox.user(102, "王芳", lang="zh")
    await wang.send("/start")
    await _until_buttons(wang)
    await wang.press("社工")
    assert (await wang.next_message()).text
    chat = wang.transcript()
    assert all("社工" not in message.buttons for message in chat)
