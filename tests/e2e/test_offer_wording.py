"""What the two sides of an offer read: contacts without stray punctuation, a clear word on a
second press of their own answer."""

from __future__ import annotations

import pytest

from bot.texts import t

from . import followups_kit as kit
from .followups_kit import active_placement, offered_placement, seen

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use


async def test_contacts_without_a_username_show_the_phone_alone(fu_bot, day_clock):
    cycle = await active_placement(fu_bot)  # nobody in this placement has a Telegram @username
    [to_worker] = await seen(cycle.worker, "+86 531 8888 6666")
    [to_ngo] = await seen(cycle.ngo, "+86 139 1234 0000")
    for message in (to_worker, to_ngo):
        assert "—" not in message.text and "，，" not in message.text
        assert message.text.splitlines()[1].endswith(("8888 6666", "1234 0000"))


@pytest.mark.parametrize(("side", "first", "ack", "told"), [
    ("worker", "acc", "offer.accepted_waiting", "alerts.you_accepted"),
    ("ngo", "dec", "offer.declined_ack", "alerts.you_declined"),
])
async def test_pressing_accept_again_says_what_you_answered_before(fu_bot, day_clock, side, first, ack, told):
    cycle = await offered_placement(fu_bot)
    person = getattr(cycle, side)
    await person.press(f"o:{first}:{cycle.placement_id}")
    await seen(person, t("zh", ack))
    again = await person.forge_callback(f"o:acc:{cycle.placement_id}")
    assert (await person.callback_answer(again)).answer_text == t("zh", told)


async def test_an_offer_for_a_worker_without_an_introduction_has_no_blank_gap(fu_bot, day_clock):
    cycle = await offered_placement(fu_bot)  # the seeded workers wrote no introduction
    [offer] = await seen(cycle.ngo, "社区心理支持")
    assert "\n\n\n" not in offer.text
