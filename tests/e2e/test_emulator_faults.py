"""Injected faults fail calls the way Telegram's servers do, and only the calls they target."""

from __future__ import annotations

import pytest
import telegram
from telegram.error import NetworkError, RetryAfter, TimedOut
from telegram.request import HTTPXRequest

from bot.sandbox.emulator import Emulator
from bot.sandbox.faults import FaultKind

ALICE, BOB = 101, 102


@pytest.fixture
def people(emulator: Emulator):
    return emulator.person(ALICE, "Alice"), emulator.person(BOB, "Bob")


async def test_flood_control_answers_429_with_retry_after(bot_client, emulator, people,
                                                          monkeypatch):
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB 22 warns on int retry_after otherwise
    emulator.state.faults.retry_after("sendMessage", seconds=7)
    with pytest.raises(RetryAfter) as flood:
        await bot_client.send_message(ALICE, "too fast")
    assert flood.value.retry_after.total_seconds() == 7
    assert (await bot_client.send_message(ALICE, "later")).text == "later"
    alice, _ = people
    assert [m.text for m in alice.transcript()] == ["later"]


async def test_a_server_error_hits_the_next_n_calls_then_stops(bot_client, emulator, people):
    emulator.state.faults.server_error("sendMessage", times=2, status=500)
    for _ in range(2):
        with pytest.raises(NetworkError, match="Internal Server Error"):
            await bot_client.send_message(ALICE, "lost")
    assert (await bot_client.send_message(ALICE, "ok")).text == "ok"
    assert [hit.kind for hit in emulator.state.faults.hits] == [FaultKind.SERVER_ERROR] * 2


async def test_a_fault_for_one_chat_leaves_other_chats_alone(bot_client, emulator, people):
    emulator.state.faults.server_error(chat_id=BOB, times=None)
    assert (await bot_client.send_message(ALICE, "fine")).text == "fine"
    with pytest.raises(NetworkError):
        await bot_client.send_message(BOB, "fails")
    with pytest.raises(NetworkError):
        await bot_client.send_chat_action(BOB, "typing")
    emulator.state.faults.clear()
    assert (await bot_client.send_message(BOB, "works again")).text == "works again"


async def test_deliver_then_drop_delivers_but_the_client_sees_a_network_error(
    bot_client, emulator, people
):
    emulator.state.faults.deliver_then_drop("sendMessage")
    with pytest.raises(NetworkError):
        await bot_client.send_message(ALICE, "did it arrive?")
    alice, _ = people
    assert [m.text for m in alice.transcript()] == ["did it arrive?"]


async def test_deliver_then_timeout_delivers_but_the_client_times_out(emulator, people):
    emulator.state.faults.deliver_then_timeout("sendMessage", hold_seconds=30)
    impatient = telegram.Bot(
        emulator.token, base_url=emulator.bot_base_url, request=HTTPXRequest(read_timeout=0.2)
    )
    async with impatient:
        with pytest.raises(TimedOut):
            await impatient.send_message(ALICE, "delivered in silence")
    alice, _ = people
    assert [m.text for m in alice.transcript()] == ["delivered in silence"]
