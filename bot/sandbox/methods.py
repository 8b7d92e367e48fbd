"""The Bot API methods the emulator answers, by (case-insensitive) name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.sandbox import methods_bot, methods_messages
from bot.sandbox.params import CallArgs
from bot.sandbox.state import EmulatorState

Method = Callable[[EmulatorState, CallArgs], Awaitable[Any]]

METHODS: dict[str, Method] = {
    name.lower(): method
    for name, method in {
        "getMe": methods_bot.get_me,
        "getUpdates": methods_bot.get_updates,
        "setWebhook": methods_bot.set_webhook,
        "deleteWebhook": methods_bot.delete_webhook,
        "getWebhookInfo": methods_bot.get_webhook_info,
        "setMyCommands": methods_bot.set_my_commands,
        "getMyCommands": methods_bot.get_my_commands,
        "deleteMyCommands": methods_bot.delete_my_commands,
        "answerCallbackQuery": methods_bot.answer_callback_query,
        "sendChatAction": methods_bot.send_chat_action,
        "getFile": methods_bot.get_file,
        "getChat": methods_bot.get_chat,
        "logOut": methods_bot.log_out,
        "close": methods_bot.log_out,
        "sendMessage": methods_messages.send_message,
        "sendDocument": methods_messages.send_document,
        "sendPhoto": methods_messages.send_photo,
        "editMessageText": methods_messages.edit_message_text,
        "editMessageCaption": methods_messages.edit_message_caption,
        "editMessageReplyMarkup": methods_messages.edit_message_reply_markup,
        "deleteMessage": methods_messages.delete_message,
    }.items()
}


def find_method(name: str) -> Method | None:
    """The implementation of a Bot API method, or None (Telegram then answers 404)."""
    return METHODS.get(name.lower())
