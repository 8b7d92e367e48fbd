"""Reading what a person seems to want from free text, for their role only."""

from __future__ import annotations

import pytest

from bot.conversation.guidance import wish_of


@pytest.mark.parametrize(
    ("text", "role", "wish"),
    [
        ("我想暂停一段时间，最近没空", "worker", "pause"),
        ("I'm busy next month", "worker", "pause"),
        ("我想改一下手机号", "worker", "profile"),
        ("这个岗位已经招满了，不需要了", "ngo", "close_request"),
        ("how do I post a new role?", "ngo", "request"),
        ("I want to find a volunteer for next month", "ngo", "request"),
        ("我们想找个社工帮忙做活动", "ngo", "request"),
        ("请删除我的信息", "ngo", "delete"),
        ("能导出 excel 吗", "director", "export"),
        ("我是社工，想加入", "newcomer", "join"),
        ("你好", "newcomer", "join"),          # a newcomer saying hello is shown how to start
        ("你好", "worker", None),
        ("我想暂停一段时间", "ngo", None),  # pausing offers is for social workers
        ("breakfast", "worker", None),      # whole English words only
    ],
)
def test_the_wish_is_read_from_the_words_and_the_role(text: str, role: str, wish: str | None) -> None:
    assert wish_of(text, role) == wish
