"""Which send errors may have delivered the message, which surely did not, and which mean a block."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.channels.telegram.delivery import classify
from bot.followups.outcomes import backoff
from bot.followups.verdicts import Verdict


def raised(error: Exception, cause: Exception | None = None) -> Exception:
    """``error`` as python-telegram-bot raises it (``raise error from cause``)."""
    try:
        raise error from cause
    except Exception as caught:  # any error: that is the point
        return caught


@pytest.mark.parametrize(("error", "verdict"), [
    (raised(TimedOut(), httpx.ReadTimeout("read")), Verdict.UNKNOWN),
    (raised(NetworkError("httpx.RemoteProtocolError"), httpx.RemoteProtocolError("dropped")), Verdict.UNKNOWN),
    (raised(NetworkError("httpx.ReadError"), httpx.ReadError("reset")), Verdict.UNKNOWN),
    (raised(TimedOut(), httpx.ConnectTimeout("connect")), Verdict.RETRY),
    (raised(TimedOut("Pool timeout"), httpx.PoolTimeout("pool")), Verdict.RETRY),
    (raised(NetworkError("httpx.ConnectError"), httpx.ConnectError("refused")), Verdict.RETRY),
    (raised(NetworkError("Bad Gateway")), Verdict.RETRY),
    (raised(BadRequest("Can't parse entities: unsupported start tag")), Verdict.RETRY),
    (raised(RuntimeError("a bug of ours")), Verdict.RETRY),
    (raised(Forbidden("Forbidden: bot was blocked by the user")), Verdict.UNREACHABLE),
    (raised(BadRequest("Chat not found")), Verdict.UNREACHABLE),
])
def test_each_error_gets_the_verdict_its_delivery_chances_call_for(error, verdict):
    assert classify(error).verdict is verdict


def test_flood_control_carries_telegrams_retry_after():
    failure = classify(raised(RetryAfter(7)))
    assert failure.verdict is Verdict.RETRY and failure.retry_after == 7.0


def test_backoff_doubles_from_thirty_seconds_up_to_an_hour():
    assert [backoff(n) for n in (1, 2, 3)] == [timedelta(seconds=30), timedelta(minutes=1), timedelta(minutes=2)]
    assert backoff(20) == timedelta(hours=1)
