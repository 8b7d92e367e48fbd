"""At DEBUG, with python-telegram-bot logging every update and every request, no log line holds a
person's name, username, phone or introduction (the token was already masked)."""

from __future__ import annotations

import io
import logging
import re

import pytest

from bot.logs import configure_logging

from .chat import expect, plain, submit_worker_profile

NAME = "Tom Lindqvist"
USERNAME = "tomlindq"
INTRODUCTION = "Five years in community work."  # what the form helper types


@pytest.fixture
def debug_log():
    root = logging.getLogger()
    saved = (root.level, list(root.handlers))
    stream = io.StringIO()
    configure_logging("DEBUG", secrets=("123456789:SANDBOX-token-for-the-local-emulator",), stream=stream)
    yield stream
    root.handlers[:] = saved[1]
    root.setLevel(saved[0])


async def test_a_whole_join_logged_at_debug_names_nobody(debug_log, sandbox):
    tom = sandbox.user(5550001234, NAME, lang="en", username=USERNAME, last_name="Lindqvist-Berg")
    await submit_worker_profile(tom, NAME)
    await tom.send("/profile")
    await expect(tom, INTRODUCTION)
    await tom.send_contact("+86 139 5555 0001")
    await tom.send("my phone is 139-1234-5679, mail me")
    await tom.next_message()
    log = debug_log.getvalue()
    assert "Processing update" in log or "getUpdates" in log  # DEBUG was really on
    phone = r"1\D{0,3}3\D{0,3}9\D{0,3}1\D{0,3}2\D{0,3}3\D{0,3}4\D{0,3}5\D{0,3}6\D{0,3}7\D{0,3}9"
    leaks = [line for line in log.splitlines()
             if re.search(rf"Tom|Lindqvist|{USERNAME}|community work|{phone}|5555\D?0001", line, re.IGNORECASE)]
    assert leaks == [], "\n".join(leaks[:5])
    assert plain("en", "worker_form.submitted")[:10] not in log
