"""Telegram's HTML parse mode: text and entities out, Telegram's errors for bad markup."""

from __future__ import annotations

import pytest

from bot.sandbox.errors import BotApiError
from bot.sandbox.formatting import Entity, command_entities, parse_html


def test_nested_tags_become_entities_with_utf16_offsets():
    parsed = parse_html("😀 <b>王<i>芳</i></b> <a href=\"https://example.org/?a=1&amp;b=2\">site</a>")
    assert parsed.text == "😀 王芳 site"
    assert parsed.entities == (
        Entity("bold", 3, 2),
        Entity("italic", 4, 1),
        Entity("text_link", 6, 4, url="https://example.org/?a=1&b=2"),
    )


def test_pre_with_a_language_is_one_entity():
    parsed = parse_html('<pre><code class="language-python">print(1)</code></pre>')
    assert parsed.entities == (Entity("pre", 0, 8, language="python"),)


def test_entities_and_unknown_ampersands():
    assert parse_html("&lt;&gt;&amp;&quot;&#20320;&#x597D; &copy; R&D").text == '<>&"你好 &copy; R&D'


def test_empty_tags_make_no_entity_and_closing_by_bare_slash_works():
    assert parse_html("<b></b>x<i>y</>").entities == (Entity("italic", 1, 1),)


def test_spoiler_and_expandable_blockquote():
    parsed = parse_html('<tg-spoiler>a</tg-spoiler><blockquote expandable>b</blockquote>')
    assert [e.type for e in parsed.entities] == ["spoiler", "expandable_blockquote"]


@pytest.mark.parametrize(
    ("markup", "detail"),
    [
        ("社工 <x>", 'Unsupported start tag "x" at byte offset 7'),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ("<a href>x</a>", 'Expected equal sign in declaration of an attribute of the tag "a"'),
    ],
)
def test_errors_name_the_byte_offset(markup, detail):
    with pytest.raises(BotApiError) as failure:
        parse_html(markup)
    assert failure.value.description.startswith(f"Bad Request: can't parse entities: {detail}")
    assert failure.value.status == 400


def test_commands_typed_by_a_person_are_marked():
    assert command_entities("/start") == (Entity("bot_command", 0, 6),)
    assert command_entities("请 /help now") == (Entity("bot_command", 2, 5),)
    assert command_entities("a/b http://x/y") == ()
