"""Each limit Telegram enforces is enforced by the emulator, with Telegram's own error text."""

from __future__ import annotations

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, EndPointNotFound, Forbidden, InvalidToken, NetworkError

from bot.sandbox.emulator import Emulator

ALICE = 101


@pytest.fixture
def alice(emulator: Emulator):
    return emulator.person(ALICE, "Alice", language_code="en")


def _keyboard(data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data=data)]])


async def test_text_of_4096_characters_is_sent_and_4097_is_too_long(bot_client, alice):
    sent = await bot_client.send_message(ALICE, "字" * 4096)
    assert len(sent.text) == 4096
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot_client.send_message(ALICE, "字" * 4097)


async def test_length_counts_the_text_after_html_parsing(bot_client, alice):
    sent = await bot_client.send_message(ALICE, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")
    assert sent.text == "x" * 4096


async def test_caption_over_1024_characters_is_refused(bot_client, alice):
    with pytest.raises(BadRequest, match=r"^Message caption is too long$"):
        await bot_client.send_document(ALICE, b"data", filename="a.txt", caption="c" * 1025)


async def test_empty_text_is_refused(bot_client, alice):
    with pytest.raises(BadRequest, match=r"^Message text is empty$"):
        await bot_client.send_message(ALICE, "  ")


async def test_callback_data_over_64_bytes_is_button_data_invalid(bot_client, alice):
    # 22 Chinese characters are 66 bytes of UTF-8: fine for Python's len(), too long for Telegram.
    with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
        await bot_client.send_message(ALICE, "pick", reply_markup=_keyboard("批" * 22))
    sent = await bot_client.send_message(ALICE, "pick", reply_markup=_keyboard("x" * 64))
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "x" * 64


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("<b>bold", 'Can\'t parse entities: can\'t find end tag corresponding to start tag "b"'),
        ("1 < 2", 'Can\'t parse entities: unsupported start tag "" at byte offset 2'),
        ("<div>x</div>", 'Can\'t parse entities: unsupported start tag "div" at byte offset 0'),
        ("社工</b>", "Can't parse entities: unexpected end tag at byte offset 6"),
        (
            "<b><i>x</b></i>",
            'Can\'t parse entities: unmatched end tag at byte offset 7, expected "</i>", '
            'found "</b>"',
        ),
        ("<a href='x>link</a>", "Can't parse entities: unclosed start tag at byte offset 0"),
        ('<span class="red">x</span>', "Can't parse entities: tag \"span\" must have class"),
    ],
)
async def test_malformed_html_is_refused_with_telegrams_description(
    bot_client, alice, markup, error
):
    with pytest.raises(BadRequest) as failure:
        await bot_client.send_message(ALICE, markup, parse_mode="HTML")
    assert failure.value.message.startswith(error)


async def test_escaped_html_from_a_user_is_accepted(bot_client, alice):
    sent = await bot_client.send_message(
        ALICE, "<b>王芳</b> wrote: 1 &lt; 2 &amp; &quot;ok&quot;", parse_mode="HTML"
    )
    assert sent.text == '王芳 wrote: 1 < 2 & "ok"'
    assert sent.entities[0].type == "bold"


async def test_editing_to_identical_content_is_not_modified(bot_client, alice):
    sent = await bot_client.send_message(ALICE, "<i>hi</i>", parse_mode="HTML",
                                         reply_markup=_keyboard("a"))
    with pytest.raises(BadRequest, match=r"^Message is not modified: specified new message"):
        await bot_client.edit_message_text(
            "<i>hi</i>", ALICE, sent.message_id, parse_mode="HTML", reply_markup=_keyboard("a")
        )
    with pytest.raises(BadRequest, match=r"^Message is not modified"):
        await bot_client.edit_message_reply_markup(ALICE, sent.message_id,
                                                   reply_markup=_keyboard("a"))
    edited = await bot_client.edit_message_reply_markup(ALICE, sent.message_id)
    assert edited.reply_markup is None


async def test_a_changed_keyboard_alone_is_a_modification(bot_client, alice):
    sent = await bot_client.send_message(ALICE, "hi", reply_markup=_keyboard("a"))
    edited = await bot_client.edit_message_text("hi", ALICE, sent.message_id,
                                                reply_markup=_keyboard("b"))
    assert edited.reply_markup.inline_keyboard[0][0].callback_data == "b"
    assert edited.edit_date is not None


async def test_unknown_chat_is_chat_not_found(bot_client, alice):
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot_client.send_message(424242, "hello")


async def test_a_person_who_blocked_the_bot_gives_403(bot_client, emulator, alice):
    emulator.state.set_blocked(ALICE)
    with pytest.raises(Forbidden, match=r"^Forbidden: bot was blocked by the user$"):
        await bot_client.send_message(ALICE, "hello")


async def test_missing_and_deleted_messages_cannot_be_edited_or_deleted(bot_client, alice):
    sent = await bot_client.send_message(ALICE, "soon gone")
    assert await bot_client.delete_message(ALICE, sent.message_id) is True
    with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
        await bot_client.edit_message_text("new", ALICE, sent.message_id)
    with pytest.raises(BadRequest, match=r"^Message to delete not found$"):
        await bot_client.delete_message(ALICE, sent.message_id)


async def test_a_callback_query_can_be_answered_once(bot_client, alice):
    sent = await bot_client.send_message(ALICE, "pick", reply_markup=_keyboard("a"))
    query_id = alice.press("a").query_id
    assert await bot_client.answer_callback_query(query_id, text="ok") is True
    assert alice.callback_answer(query_id).answer_text == "ok"
    with pytest.raises(BadRequest, match=r"^Query is too old"):
        await bot_client.answer_callback_query(query_id)
    assert sent.message_id == alice.callback_answer(query_id).message_id


async def test_a_photo_must_be_an_image_and_a_file_id_must_exist(bot_client, alice):
    with pytest.raises(BadRequest, match=r"^Image_process_failed$"):
        await bot_client.send_photo(ALICE, b"not an image")
    with pytest.raises(BadRequest, match=r"^Wrong file identifier/http url specified$"):
        await bot_client.send_document(ALICE, "no-such-file-id")


async def test_unknown_method_is_not_found(bot_client, alice):
    with pytest.raises(EndPointNotFound):
        await bot_client.do_api_request("sendTelepathy", api_kwargs={"chat_id": ALICE})


async def test_a_wrong_token_is_unauthorized(emulator):
    stranger = telegram.Bot("999:wrong", base_url=emulator.bot_base_url)
    with pytest.raises(InvalidToken):
        await stranger.initialize()
    await stranger.shutdown()


def png_of(size: int) -> bytes:
    """A PNG header (10 x 10) padded to ``size`` bytes: enough for the emulator to read its size."""
    header = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (10).to_bytes(4, "big") * 2
    return header + b"\x00" * (size - len(header))


async def test_documents_up_to_50_mb_and_photos_up_to_10_mb_go_through_as_on_telegram(bot_client, alice, emulator):
    five_mb = bytes(range(256)) * (5 * 1024 * 1024 // 256)
    sent = await bot_client.send_document(ALICE, five_mb, filename="export.xlsx")
    assert sent.document.file_size == len(five_mb)
    assert emulator.state.files.resolve(sent.document.file_id).content == five_mb
    photo = await bot_client.send_photo(ALICE, png_of(9 * 1024 * 1024))
    assert photo.photo[-1].width == 10


async def test_a_photo_over_10_mb_and_a_document_over_50_mb_are_refused(bot_client, alice):
    with pytest.raises(NetworkError, match=r"(?i)too large"):
        await bot_client.send_photo(ALICE, png_of(10 * 1024 * 1024 + 1))
    with pytest.raises(NetworkError, match=r"(?i)too large"):
        await bot_client.send_document(ALICE, b"\x00" * (50 * 1024 * 1024 + 1), filename="big.bin")
