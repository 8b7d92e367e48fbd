"""One press, one call: a press on an offer, a check-in or a director's card is answered (not
rate-limited) and the pressed message is edited once, keeping its text, its buttons giving way
to the answer; the emulator counts the calls."""

from __future__ import annotations

from datetime import timedelta

from bot.sandbox.transcript import TranscriptMessage
from bot.texts import t

from . import followups_kit as kit
from .chat import db_write, expect, open_queue, opening, plain
from .conftest import DIRECTOR_ID
from .driver import ChatUser, Sandbox
from .followups_kit import active_placement, offered_placement, seen
from .seeding import add_ngo, add_request, add_worker
from .test_director_desk import four_counsellors_for_one_place

fu_bot, day_clock = kit.fu_bot, kit.day_clock  # the fixtures these tests use


async def press_counted(sandbox: Sandbox, user: ChatUser, button: str) -> tuple[TranscriptMessage, list[str]]:
    """Press ``button``; return the pressed message as the bot edited it, and the limited calls
    (sends and edits, as the emulator counts them) the bot made to this chat for the press.

    The bot then answers /language: its reply asks for a slot after anything the press still
    had to send, so every call the press made is counted by the time it arrives."""
    log = sandbox.emulator.state.rates
    before, texts = log.count(user.id), {m.message_id: m.text for m in user.transcript()}
    press = await user.press(button)
    pressed_id = (await user.callback_answer(press.query_id)).message_id
    chat = await user.wait_until(lambda c: any(m.message_id == pressed_id and m.text != texts[pressed_id]
                                               for m in c), "the pressed message edited")
    [edited] = [m for m in chat if m.message_id == pressed_id]
    asked = plain("zh" if user.id < 1000 else "en", "language.ask")
    asks = sum(1 for m in chat if m.from_bot and asked in m.text)
    counted: list[int] = []  # the chat's calls when the /language reply came, that reply included

    def answered(c) -> bool:
        if sum(1 for m in c if m.from_bot and asked in m.text) > asks:
            counted.append(log.count(user.id))
        return bool(counted)
    await user.send("/language")
    await user.wait_until(answered, "the /language reply")
    return edited, [r.method for r in log.records(user.id)[before:counted[0] - 1]]


def shows(message: TranscriptMessage, prompt: str, answer: str) -> bool:
    """The pressed prompt's text is still there, with the answer under it."""
    return message.text.startswith(prompt) and message.text.endswith(answer)


async def test_accepting_an_offer_is_one_edit_of_the_offer_and_the_second_accept_too(fu_bot):
    cycle = await offered_placement(fu_bot)
    [offer] = await seen(cycle.worker, "社区心理支持")
    edited, calls = await press_counted(fu_bot, cycle.worker, f"o:acc:{cycle.placement_id}")
    assert calls == ["edit"]
    assert edited.message_id == offer.message_id and not edited.buttons
    assert shows(edited, offer.text, plain("zh", "offer.accepted_waiting"))

    [ngo_offer] = await seen(cycle.ngo, "社区心理支持")
    edited, calls = await press_counted(fu_bot, cycle.ngo, f"o:acc:{cycle.placement_id}")
    assert calls.count("edit") == 1 and not edited.buttons
    assert shows(edited, ngo_offer.text, plain("zh", "offer.accepted_both"))
    # The contact details are a notice of their own, from the outbox, to both sides alike.
    for side in (cycle.worker, cycle.ngo):
        await seen(side, opening("zh", "offer.active_for_worker" if side is cycle.worker else "offer.active_for_ngo"))


async def test_declining_an_offer_is_one_edit_of_the_offer(fu_bot):
    cycle = await offered_placement(fu_bot)
    [offer] = await seen(cycle.worker, "社区心理支持")
    edited, calls = await press_counted(fu_bot, cycle.worker, f"o:dec:{cycle.placement_id}")
    assert calls == ["edit"]
    assert not edited.buttons and shows(edited, offer.text, plain("zh", "offer.declined_ack"))


async def test_a_check_in_keeps_its_question_with_the_rating_and_the_form_asks_in_a_message_of_its_own(
        fu_bot, day_clock):
    cycle = await active_placement(fu_bot)
    day_clock.advance(timedelta(days=7, minutes=1))
    [checkin] = await seen(cycle.ngo, opening("zh", "followups.checkin_ngo"))
    edited, calls = await press_counted(fu_bot, cycle.ngo, "4")
    # The comment question is a message of its own: its Skip turns it into the next step, and
    # the check-in must stay in the chat.
    assert calls == ["edit", "sendMessage"]
    assert edited.message_id == checkin.message_id and not edited.buttons
    assert shows(edited, checkin.text, plain("zh", "followups.rating_recorded", rating=4))
    await seen(cycle.ngo, plain("zh", "followups.ask_comment"))


async def test_approving_a_proposal_is_one_edit_of_its_card_and_so_is_its_undo(cycle):
    director, _ = await four_counsellors_for_one_place(cycle)
    card = await open_queue(director, "王芳")
    edited, calls = await press_counted(cycle, director, t("en", "queue.buttons.approve"))
    assert calls == ["edit"]  # no other proposal waits: nothing follows
    done = plain("en", "queue.approved_done", worker="王芳", ngo="阳光心理服务中心")
    assert edited.message_id == card.message_id and shows(edited, card.text, done)
    assert edited.buttons == (t("en", "queue.buttons.undo"),)
    undone, calls = await press_counted(cycle, director, t("en", "queue.buttons.undo"))
    assert calls == ["edit"] and not undone.buttons
    assert shows(undone, edited.text, plain("en", "queue.undone", worker="王芳", title="社区心理支持"))


async def test_verifying_the_last_member_waiting_is_one_edit_of_their_card(sandbox):
    await add_worker(sandbox.application.bot_data["services"], 201, "王芳")
    director = sandbox.user(DIRECTOR_ID, "Director Chen", lang="en")
    await director.send("/members")
    card = await expect(director, plain("en", "members.header", position=1, count=1), within=5)
    edited, calls = await press_counted(sandbox, director, t("en", "verify.buttons.verify"))
    assert calls == ["edit"]
    assert edited.message_id == card.message_id and not edited.buttons
    assert shows(edited, card.text, plain("en", "verify.verified_done", name="王芳"))


async def test_pausing_a_request_from_its_card_is_one_edit_of_the_card(cycle):
    s = cycle.application.bot_data["services"]
    request_id = await add_request(s, await add_ngo(s, 301, "阳光心理服务中心"), "社区心理支持")
    await db_write(cycle, "UPDATE ngos SET status = 'verified'")
    director = cycle.user(DIRECTOR_ID, "Director Chen", lang="en")
    await director.send("/find 社区心理支持")
    results = await expect(director, "社区心理支持", within=5)
    await director.press(results.buttons[0])
    card = await expect(director, "📋 ", within=3)
    edited, calls = await press_counted(cycle, director, f"rd:pause:{request_id}")
    assert calls == ["edit"] and not edited.buttons
    assert shows(edited, card.text, plain("en", "request_desk.paused", title="社区心理支持"))


async def test_an_offer_that_can_no_longer_be_edited_gets_its_answer_as_a_new_message(fu_bot):
    cycle = await offered_placement(fu_bot)
    [offer] = await seen(cycle.worker, "社区心理支持")
    fu_bot.emulator.state.chat(cycle.worker.id).messages[offer.message_id].deleted = True  # gone from the chat
    await cycle.worker.callback_answer(await cycle.worker.forge_callback(f"o:dec:{cycle.placement_id}",
                                                                         offer.message_id))
    [answer] = await seen(cycle.worker, plain("zh", "offer.declined_ack"))
    assert answer.message_id != offer.message_id and answer.text == plain("zh", "offer.declined_ack")
