"""The pacer keeps every window of arrivals within Telegram's limits, whatever the network's delays.

A small event simulation drives the pacer with a fake monotonic clock; the arrivals are counted
with the emulator's own :class:`SendLog`, as the end-to-end tests count them.
"""

from __future__ import annotations

import asyncio
import heapq

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.telegram.pacing import SendPacer
from bot.sandbox.rates import SendLog


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def simulate(chats: list[int], latencies: list[float], arrival_at: list[float]) -> list[tuple[float, int]]:
    """Send to ``chats`` in order as fast as the pacer allows; (arrival time, chat) of each send."""
    time = FakeTime()
    pacer = SendPacer(monotonic=time)
    waiting = list(chats)
    finishing: list[tuple[float, int, object]] = []
    arrivals: list[tuple[float, int]] = []
    sent = 0
    while waiting or finishing:
        while waiting and pacer.seconds_until_slot() == 0.0:
            busy = pacer.busy_chats()
            pick = next((i for i, c in enumerate(waiting) if c not in busy), None)
            if pick is None:
                break
            chat = waiting.pop(pick)
            latency = latencies[sent % len(latencies)]
            ticket = pacer.start(chat)
            arrivals.append((time.now + latency * arrival_at[sent % len(arrival_at)], chat))
            heapq.heappush(finishing, (time.now + latency, ticket.number, ticket))
            sent += 1
        waits = [w for w in (pacer.seconds_until_slot(), pacer.seconds_until_a_chat_frees()) if w]
        next_finish = finishing[0][0] if finishing else None
        step = min([time.now + w for w in waits] + ([next_finish] if next_finish is not None else []))
        time.now = max(step, time.now + 1e-6)
        while finishing and finishing[0][0] <= time.now:
            pacer.finish(heapq.heappop(finishing)[2])
    return sorted(arrivals)


def counted(arrivals: list[tuple[float, int]]) -> SendLog:
    times = iter([at for at, _ in arrivals])
    log = SendLog(monotonic=lambda: next(times))
    for _, chat in arrivals:
        log.record(chat, "sendMessage")
    return log


@settings(max_examples=60, deadline=None)
@given(chats=st.lists(st.integers(1, 40), min_size=1, max_size=300),
       latencies=st.lists(st.floats(0.001, 2.5), min_size=1, max_size=20),
       arrival_at=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=20))
def test_no_window_of_arrivals_holds_more_than_telegram_allows(chats, latencies, arrival_at):
    log = counted(simulate(chats, latencies, arrival_at))
    assert log.count() == len(chats)
    assert log.peak(1.0) <= 30
    assert all(log.peak(1.0, chat) <= 1 for chat in set(chats))


def test_a_chat_rests_after_each_answer_and_others_go_meanwhile():
    time = FakeTime()
    pacer = SendPacer(monotonic=time)
    ticket = pacer.start(7)
    assert pacer.busy_chats() == {7}
    time.now = 0.3
    pacer.finish(ticket)
    time.now = 1.0
    assert pacer.busy_chats() == {7}
    assert pacer.seconds_until_a_chat_frees() is not None
    time.now = 1.4
    assert pacer.busy_chats() == set()


def test_the_overall_limit_waits_for_the_oldest_answer_to_leave_the_window():
    time = FakeTime()
    pacer = SendPacer(per_window=3, window=1.0, monotonic=time)
    tickets = [pacer.start(chat) for chat in (1, 2, 3)]
    assert pacer.seconds_until_slot() is None        # all in flight: wait for an answer
    time.now = 0.2
    pacer.finish(tickets[0])
    assert pacer.seconds_until_slot() == 1.0          # counted until a window after its answer
    time.now = 1.25
    assert pacer.seconds_until_slot() == 0.0


def test_a_thousand_sends_to_a_hundred_chats_keep_within_the_limits():
    chats = [n % 100 for n in range(1000)]
    log = counted(simulate(chats, [0.004, 0.02, 0.3], [0.5, 0.1, 0.9]))
    assert log.count() == 1000 and log.peak(1.0) <= 30


async def test_a_waiting_reply_takes_the_next_free_slot_before_the_outbox():
    time = FakeTime()
    pacer = SendPacer(per_window=4, window=1.0, reserve=1, monotonic=time)
    outbox = [pacer.start(chat) for chat in (1, 2, 3)]
    assert pacer.seconds_until_slot() != 0.0          # the outbox leaves the reserve free
    assert pacer.seconds_until_slot(reply=True) == 0.0  # a reply may take it
    taken = [await pacer.start_reply(10)]
    reply = asyncio.create_task(pacer.start_reply(11))
    await asyncio.sleep(0)
    assert not reply.done()                            # the window is full for everyone
    for ticket in outbox:
        pacer.finish(ticket)
    time.now = 1.5                                     # the window moves on: slots free up
    assert pacer.seconds_until_slot() != 0.0           # ...but the outbox yields to the waiting reply
    pacer.finish(taken[0])
    await asyncio.wait_for(reply, 1)
    assert pacer.seconds_until_slot() == 0.0           # the reply served, the outbox goes on


def test_retry_after_pauses_both_lanes():
    time = FakeTime()
    pacer = SendPacer(reserve=3, monotonic=time)
    pacer.pause(5.0)
    assert pacer.seconds_until_slot() == 5.0
    assert pacer.seconds_until_slot(reply=True) == 5.0
    time.now = 5.0
    assert pacer.seconds_until_slot(reply=True) == 0.0


async def test_waiting_replies_are_served_in_the_order_they_asked():
    time = FakeTime()
    pacer = SendPacer(per_window=1, window=1.0, monotonic=time)
    held = pacer.start(1)  # the only slot is taken
    tickets: asyncio.Queue = asyncio.Queue()

    async def reply(chat: int) -> None:
        tickets.put_nowait(await pacer.start_reply(chat))

    waiting = [asyncio.create_task(reply(chat)) for chat in (30, 10, 20)]
    await asyncio.sleep(0)
    served = []
    for _ in waiting:
        pacer.finish(held)
        time.now += 2.0  # the window moves on: the slot frees for the next reply
        held = await asyncio.wait_for(tickets.get(), 2)
        served.append(held.chat_id)
    assert served == [30, 10, 20]
