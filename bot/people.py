"""Who is writing: the Telegram sender as the bot knows them, kept up to date on every message."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import to_iso
from bot.services import Services
from bot.store import Tx, users
from bot.store.users import User
from bot.texts import language_from_code


@dataclass(frozen=True)
class Sender:
    """The fields of a Telegram user the bot uses, free of telegram types."""

    telegram_id: int
    name: str
    username: str | None = None
    language_code: str | None = None


def first_language(services: Services, language_code: str | None) -> str:
    """Telegram's language_code (zh* -> Chinese, else English); the config's default when absent."""
    if not language_code:
        return services.settings.association.default_language
    return language_from_code(language_code)


async def remember(services: Services, tx: Tx, sender: Sender) -> User:
    """The sender's user row, created on first contact with their app's language."""
    return await users.touch_user(
        tx, sender.telegram_id, sender.name, sender.username,
        first_language(services, sender.language_code), to_iso(services.clock.now()))
