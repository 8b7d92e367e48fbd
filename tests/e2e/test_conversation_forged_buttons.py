"""Buttons are typed by the client: forged data of every shape gets an alert, never a failure."""

import pytest

from bot.channels.telegram.errors import SORRY
from bot.texts import t

from .chat import db_rows, register_ngo

FORGED_REQUEST_BUTTONS = ("rq:edit:²", "rq:close:١٢", "rq:edit:" + "9" * 40, "rq:yes:-1", "rq:edit:",
                          "rq:new:1", "rq::", "rq:yes:1:2", "rq:keep:0x1")


@pytest.mark.parametrize("data", FORGED_REQUEST_BUTTONS)
async def test_a_forged_request_button_is_refused_with_an_alert(sandbox, data):
    li = sandbox.user(901, "李主任", lang="zh")
    await register_ngo(li)
    pressed = await li.forge_callback(data)
    answered = await li.callback_answer(pressed)
    assert answered.answer_text in (t("zh", "alerts.not_allowed"), t("zh", "alerts.old_button"))
    assert all(SORRY not in m.text for m in li.transcript())
    assert db_rows(sandbox, "SELECT * FROM drafts") == []
