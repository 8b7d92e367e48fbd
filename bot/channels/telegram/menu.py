"""The command menu Telegram shows beside the text box, in English and in Chinese.

Members see their commands; each association director gets a menu of their own (a per-chat
scope) with the director's commands added.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.texts import LANGUAGES, Lang, t

log = logging.getLogger(__name__)

MEMBER_COMMANDS = ("start", "profile", "requests", "status", "placements", "help", "language", "cancel",
                   "mydata", "deleteme")
DIRECTOR_COMMANDS = ("queue", "members", "find", "match", "placements", "status", "stats", "export", "invite",
                     "notice", "pause", "resume", "help", "language", "cancel")


def commands(lang: Lang, names: tuple[str, ...]) -> list[BotCommand]:
    return [BotCommand(name, t(lang, f"commands.{name}")) for name in names]


async def publish_command_menu(bot: Bot, directors: tuple[int, ...]) -> None:
    """Set the menus; English is the default, Chinese for apps set to Chinese."""
    for lang in LANGUAGES:
        code = "zh" if lang == "zh" else None
        await bot.set_my_commands(commands(lang, MEMBER_COMMANDS), scope=BotCommandScopeDefault(),
                                  language_code=code)
        for director in directors:
            try:
                await bot.set_my_commands(commands(lang, DIRECTOR_COMMANDS),
                                          scope=BotCommandScopeChat(director), language_code=code)
            except TelegramError as error:  # a director who never opened the bot has no chat yet
                log.warning("no command menu for director %s: %s", director, error)
