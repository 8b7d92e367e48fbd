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


def test_personal_fields_are_masked_however_they_are_quoted(captured):
    log = logging.getLogger("telegram.ext.Application")
    log.debug("Processing update %s", "User(first_name='Tom', last_name=\"O'Hara\", username='tomlindq', id=5550001)")
    log.debug("params %s", {"chat_id": 5550001, "text": "Hi Tom, 'quoted' \\ here", "caption": "x"})
    log.debug('json {"phone_number": "+8613955550001", "introduction": "Five years"}')
    err = captured.text()
    for personal in ("Tom", "O'Hara", "tomlindq", "quoted", "13955550001", "Five years"):
        assert personal not in err
    assert "id=5550001" in err and "'chat_id': 5550001" in err  # ids stay, to follow a conversation


def test_a_phone_in_free_text_is_masked_but_dates_times_and_ids_are_not(captured):
    logging.getLogger("bot").warning("could not reach 139 5555 0001 or +86 531 8888 6666 or 0531-88886666")
    logging.getLogger("bot").warning("follow-up 17 to 5550001234 due 2026-12-02T01:17:16Z, epoch 1796174236")
    first, second = captured.text().splitlines()
    assert "5555" not in first and "8888" not in first
    assert second.endswith("follow-up 17 to 5550001234 due 2026-12-02T01:17:16Z, epoch 1796174236")
