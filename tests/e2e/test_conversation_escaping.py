"""What people type comes back exactly as typed: escaped for Telegram's HTML, never read as markup
(the emulator, like Telegram, refuses a message whose HTML is malformed)."""

from bot.channels.telegram.errors import SORRY
from bot.texts import t

from .chat import (
    answer,
    choose,
    edit_button,
    expect,
    ngo_form_to_summary,
    plain,
    post_request,
    register_ngo,
    submit_worker_profile,
    worker_profile_to_skills,
)
from .driver import ChatUser

MARKUP_NAME = "<b>Bob</b> & <i>Co</i>"


def assert_nothing_failed(user: ChatUser) -> None:
    assert all(SORRY not in message.text for message in user.transcript())


async def test_a_name_typed_with_html_shows_literally_in_the_summary_and_the_profile(sandbox):
    bob = sandbox.user(701, "Bob", lang="en")
    await submit_worker_profile(bob, name=MARKUP_NAME)
    summaries = [m for m in bob.transcript() if plain("en", "worker_form.summary_header") in m.text]
    assert MARKUP_NAME in summaries[-1].text
    assert all(entity.type == "bold" for entity in summaries[-1].entities)  # the labels, not Bob

    await bob.send("/profile")
    pending = plain("en", "member_status.pending")
    profile = await expect(bob, plain("en", "profile.worker_header", status=pending))
    assert f"Name: {MARKUP_NAME}\n" in profile.text
    assert "Time per week: 10 hours\n" in profile.text  # as typed (not 10.0, as the REAL column holds it)
    assert_nothing_failed(bob)


async def test_a_display_name_with_html_is_greeted_literally(sandbox):
    odd = sandbox.user(702, "<script>alert(1)</script> & <b", lang="en")
    await odd.send("/start")
    greeting = await expect(odd, plain("en", "start.ask_role"), within=1)
    assert "Hello, <script>alert(1)</script> & <b" in greeting.text


async def test_skills_typed_with_html_are_shown_back_literally(sandbox):
    bob = sandbox.user(703, "Bob", lang="en")
    await worker_profile_to_skills(bob)
    typed = "<u>juggling<u> & fire <eating>"
    shown = await answer(bob, f"counselling, {typed}", f"“{typed}”", within=1)
    assert "Psychological counselling" in shown.text or "心理咨询" in shown.text
    assert_nothing_failed(bob)


async def test_an_ngo_name_and_a_request_title_with_html_show_literally(sandbox):
    li = sandbox.user(704, "李主任", lang="zh")
    await ngo_form_to_summary(li)
    await choose(li, edit_button("zh", "labels.ngo_name"),
                 plain("zh", "ngo_form.ask_name"))
    summary = await answer(li, "阳光<社工>&服务中心", plain("zh", "ngo_form.summary_header"), within=1)
    assert "阳光<社工>&服务中心" in summary.text
    await choose(li, t("zh", "common.buttons.submit"), plain("zh", "ngo_form.submitted"))

    await post_request(li, "<b>周末</b>助老 & 陪伴", "明天")
    await li.send("/requests")
    listing = await expect(li, plain("zh", "requests.header"))
    assert "<b>周末</b>助老 & 陪伴" in listing.text
    assert_nothing_failed(li)


async def test_a_typed_character_quoted_in_an_error_is_escaped(sandbox):
    li = sandbox.user(705, "李主任", lang="zh")
    await register_ngo(li)  # a registered NGO, for a clean start of the next one
    mallory = sandbox.user(706, "Mallory", lang="en")
    await mallory.send("/start")
    await expect(mallory, plain("en", "start.ask_role"))
    await choose(mallory, t("en", "start.buttons.ngo"), plain("en", "ngo_form.ask_name"), within=3)
    await answer(mallory, "Mallory's NGO", plain("en", "ngo_form.ask_registration"))
    await choose(mallory, t("en", "registration.registered"), plain("en", "ngo_form.ask_registration_number"))
    await mallory.send("51370100MJD12345<8")
    reason = await mallory.next_message()
    assert plain("en", "errors.uscc_character", char="<") in reason.text
    assert_nothing_failed(mallory)
