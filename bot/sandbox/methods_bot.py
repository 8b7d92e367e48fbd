"""Bot API methods about the bot itself and its session: identity, updates, webhook, commands,
callback answers, chat actions, files.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.sandbox import errors
from bot.sandbox.errors import BotApiError, bad_request
from bot.sandbox.params import CallArgs
from bot.sandbox.state import EmulatorState

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_MAX_COMMAND_DESCRIPTION = 256


async def get_me(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """getMe: the bot's own User."""
    return state.bot.to_dict()


async def get_updates(state: EmulatorState, args: CallArgs) -> list[Any]:
    """getUpdates: long polling (see :class:`bot.sandbox.updates.UpdateQueue`)."""
    if state.settings.webhook_url:
        raise BotApiError(errors.WEBHOOK_ACTIVE, 409)
    timeout = args.integer("timeout") or 0
    return await state.updates.get(args.integer("offset"), args.integer("limit"), timeout)


async def set_webhook(state: EmulatorState, args: CallArgs) -> bool:
    """setWebhook: remembered only so that getUpdates refuses while it is set (and tests see the secret)."""
    state.settings.webhook_url = args.text("url") or ""
    state.settings.webhook_secret_token = args.text("secret_token") or ""
    return True


async def delete_webhook(state: EmulatorState, args: CallArgs) -> bool:
    """deleteWebhook: clears the webhook, optionally dropping pending updates."""
    state.settings.webhook_url = ""
    if args.flag("drop_pending_updates"):
        state.updates.drop_pending()
    return True


async def get_webhook_info(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """getWebhookInfo: the webhook URL (empty when polling) and the pending update count."""
    return {
        "url": state.settings.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": state.updates.pending_count,
    }


async def set_my_commands(state: EmulatorState, args: CallArgs) -> bool:
    """setMyCommands: validated like Telegram (lowercase names, non-empty descriptions)."""
    commands = args.structure("commands")
    if not isinstance(commands, list):
        raise bad_request("Bad Request: commands is empty")
    for command in commands:
        name = str(command.get("command", "")).removeprefix("/")
        if not _COMMAND_NAME.match(name):
            raise bad_request(errors.BOT_COMMAND_INVALID)
        description = str(command.get("description", ""))
        if not description.strip() or len(description) > _MAX_COMMAND_DESCRIPTION:
            raise bad_request(errors.COMMAND_DESCRIPTION_INVALID)
    state.settings.commands[_command_key(args)] = [
        {"command": str(c["command"]).removeprefix("/"), "description": str(c["description"])}
        for c in commands
    ]
    return True


async def get_my_commands(state: EmulatorState, args: CallArgs) -> list[dict[str, Any]]:
    """getMyCommands: the list set for this scope and language."""
    return list(state.settings.commands.get(_command_key(args), []))


async def delete_my_commands(state: EmulatorState, args: CallArgs) -> bool:
    """deleteMyCommands: forget the list for this scope and language."""
    state.settings.commands.pop(_command_key(args), None)
    return True


async def answer_callback_query(state: EmulatorState, args: CallArgs) -> bool:
    """answerCallbackQuery: each query may be answered once."""
    query_id = args.text("callback_query_id", required=True)
    record = state.callbacks.get(query_id or "")
    if record is None or record.answered:
        raise bad_request(errors.QUERY_TOO_OLD)
    record.answered = True
    record.answer_text = args.text("text")
    record.show_alert = args.flag("show_alert")
    state.signal.touch()
    return True


async def send_chat_action(state: EmulatorState, args: CallArgs) -> bool:
    """sendChatAction: "typing..." and friends, remembered per chat."""
    chat = state.chat_for_bot(args.text("chat_id", required=True) or "")
    action = args.text("action", required=True)
    if action not in _CHAT_ACTIONS:
        raise bad_request(errors.WRONG_ACTION)
    chat.last_action = action
    state.signal.touch()
    return True


async def get_file(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """getFile: where an uploaded file can be downloaded."""
    file_id = args.text("file_id", required=True) or ""
    try:
        return state.files.resolve(file_id).file_dict()
    except BotApiError:
        raise bad_request("Bad Request: invalid file_id") from None


async def get_chat(state: EmulatorState, args: CallArgs) -> dict[str, Any]:
    """getChat: the private chat with a known person."""
    chat = state.chat_for_bot(args.text("chat_id", required=True) or "")
    return chat.person.chat_dict()


async def log_out(state: EmulatorState, args: CallArgs) -> bool:
    """logOut / close: accepted and ignored (there is no cloud server to leave)."""
    return True


def _command_key(args: CallArgs) -> tuple[str, str]:
    scope = args.structure("scope") or {"type": "default"}
    return json.dumps(scope, sort_keys=True), args.text("language_code") or ""
