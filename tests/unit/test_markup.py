"""Long messages are split into pieces Telegram accepts, each valid HTML."""

from hypothesis import given
from hypothesis import strategies as st

from bot.markup import escape, shorten, split_message, telegram_length
from bot.sandbox.formatting import parse_html


def test_a_short_message_is_one_piece():
    assert split_message("<b>Hi</b>\nthere") == ["<b>Hi</b>\nthere"]


def test_a_long_list_is_split_at_line_breaks_and_nothing_is_lost():
    lines = [f"• <b>placement {n}</b> — 王芳 with 阳光心理服务中心: active" for n in range(400)]
    text = "\n".join(lines)
    pieces = split_message(text)
    assert len(pieces) > 1
    assert all(telegram_length(p) <= 4096 for p in pieces)
    assert "\n".join(pieces) == text


def test_emoji_count_twice_as_telegram_counts_them():
    pieces = split_message("😀" * 3000)
    assert all(telegram_length(p) <= 4096 for p in pieces) and "".join(pieces) == "😀" * 3000


def test_one_huge_line_is_never_cut_inside_an_entity():
    text = escape("a&b<c>" * 2000)
    pieces = split_message(text)
    assert "".join(pieces) == text
    for piece in pieces:
        parse_html(piece)  # raises on a broken entity or tag


def test_a_bold_line_longer_than_a_message_is_closed_and_reopened_at_the_cut():
    text = "<b>" + "长" * 5000 + "</b>"
    pieces = split_message(text)
    assert len(pieces) == 2 and all(telegram_length(p) <= 4096 for p in pieces)
    for piece in pieces:
        parse_html(piece)


# Telegram's texts are UTF-8, which cannot hold a lone surrogate: the lines are drawn without one.
@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\n\r", blacklist_categories=("Cs",)),
                        max_size=300), max_size=60))
def test_any_escaped_lines_split_into_valid_pieces_within_the_limit(lines):
    text = "\n".join(f"<b>{escape(line)}</b> <i>{escape(line[:50])}</i>" for line in lines)
    pieces = split_message(text, limit=500)
    for piece in pieces:
        assert telegram_length(piece) <= 500
        parse_html(piece)


def test_a_lone_surrogate_counts_as_one_utf16_unit_as_telegram_counts_it():
    # JSON may carry "\ud800" on its own; Python decodes it to a lone surrogate that UTF-16 cannot
    # encode strictly. Telegram counts it as one code unit.
    assert telegram_length("a\ud800b") == 3
    text = "\n".join(f"<b>{escape('x' * 40 + chr(0xD800))}</b>" for _ in range(30))
    pieces = split_message(text, limit=500)
    assert "\n".join(pieces) == text and all(telegram_length(p) <= 500 for p in pieces)
    for piece in pieces:
        parse_html(piece)


def test_a_long_title_is_shortened_after_a_whole_word_for_a_button():
    assert shorten("Weekend counselling for families", 24) == "Weekend counselling for…"
    assert shorten("Weekend counselling sessions", 24) == "Weekend counselling…"
    assert shorten("周末家庭心理咨询与个案跟进服务项目", 10) == "周末家庭心理咨询与…"
    assert shorten("Short title", 24) == "Short title"
    assert shorten("Supercalifragilisticexpialidocious", 10) == "Supercali…"
    assert len(shorten("x " * 50, 24)) <= 24
