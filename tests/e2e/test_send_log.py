"""Counting sends: the busiest window, per chat and overall, on a controlled clock."""

from __future__ import annotations

from bot.sandbox.rates import SendLog


class _FakeMonotonic:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_peak_is_the_most_sends_within_any_window():
    clock = _FakeMonotonic()
    log = SendLog(clock)
    for moment, chat in [(0.0, 1), (0.3, 2), (0.9, 1), (1.2, 1), (1.25, 2), (3.0, 1)]:
        clock.now = moment
        log.record(chat, "sendMessage")
    assert log.peak(1.0) == 4  # 0.3, 0.9, 1.2, 1.25
    assert log.peak(1.0, chat_id=1) == 2
    assert log.peak(60.0) == 6
    assert (log.count(), log.count(1), log.count(2)) == (6, 4, 2)


def test_an_empty_log_has_no_peak():
    assert SendLog().peak() == 0
