"""How a press's answer is recorded on the pressed prompt: its text kept, the answer under it, in
one edit when the two fit in one Telegram message."""

from __future__ import annotations

from types import SimpleNamespace

from bot.channels.telegram.reply import _recorded_under
from bot.forms.model import Button, Reply


def pressed(text: str) -> SimpleNamespace:
    return SimpleNamespace(message=SimpleNamespace(text=text, text_html=text))


def test_the_answer_goes_under_the_prompt_with_its_own_buttons_in_place_of_the_prompts():
    undo = ((Button("↩️ Undo", "q:undo:7"),),)
    recorded = _recorded_under(pressed("<b>Proposal</b> 王芳"), Reply("✅ Approved.", undo))
    assert recorded == Reply("<b>Proposal</b> 王芳\n\n✅ Approved.", undo, edit=True)


def test_a_prompt_and_answer_past_4096_characters_are_not_one_edit():
    assert _recorded_under(pressed("x" * 4090), Reply("✅ Accepted.")) is None


def test_a_prompt_without_text_or_an_answer_with_a_reply_keyboard_is_not_one_edit():
    assert _recorded_under(SimpleNamespace(message=None), Reply("✅")) is None
    assert _recorded_under(pressed("Offer"), Reply("Share", ask_contact="📱")) is None
