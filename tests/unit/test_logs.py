"""No log line ever holds the bot token, whoever logs it and however."""

import io
import logging

import pytest

from bot.logs import MASK, configure_logging

TOKEN = "123456:AAH-secret_token_value"


class Captured:
    def __init__(self) -> None:
        self.stream = io.StringIO()

    def text(self) -> str:
        return self.stream.getvalue()


@pytest.fixture
def captured():
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    sink = Captured()
    configure_logging("DEBUG", secrets=(TOKEN,), stream=sink.stream)
    yield sink
    root.handlers[:] = saved[1]
    root.setLevel(saved[0])


def test_a_request_url_with_the_token_is_masked(captured):
    logging.getLogger("telegram.ext").info("POST https://api.telegram.org/bot%s/getMe", TOKEN)
    err = captured.text()
    assert TOKEN not in err and f"/bot{MASK}/getMe" in err


def test_a_traceback_with_the_token_is_masked(captured):
    try:
        raise RuntimeError(f"cannot reach /bot{TOKEN}/sendMessage")
    except RuntimeError:
        logging.getLogger("bot").exception("send failed")
    err = captured.text()
    assert TOKEN not in err and "RuntimeError" in err and MASK in err


def test_httpx_request_lines_are_held_back(captured):
    logging.getLogger("httpx").info('HTTP Request: POST https://x/bot%s/getUpdates "200"', TOKEN)
    assert captured.text() == ""
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING


def test_one_line_per_event(captured):
    logging.getLogger("bot.store").warning("migrated to %d", 3)
    lines = captured.text().splitlines()
    assert len(lines) == 1 and lines[0].endswith("WARNING bot.store: migrated to 3")
