"""Who is writing: the sender of a channel as the bot knows them, kept up to date on every message.

People have ids of their own; a channel account (a Telegram user) points at one. The association's
directors are configured by Telegram id and resolved here to person ids.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import to_iso
from bot.services import Services
from bot.store import Tx, users
from bot.store.users import TELEGRAM, User
from bot.texts import language_from_code


@dataclass(frozen=True)
class Sender:
    """The fields of a channel's user the bot uses, free of the channel's types."""

    external_id: int  # the account's id on its channel: a Telegram user id
    name: str
    username: str | None = None
    language_code: str | None = None
    channel: str = TELEGRAM


def first_language(services: Services, language_code: str | None) -> str:
    """Telegram's language_code (zh* -> Chinese, else English); the config's default when absent."""
    if not language_code:
        return services.settings.association.default_language
    return language_from_code(language_code)


async def remember(services: Services, tx: Tx, sender: Sender) -> User:
    """The sender's person, created with an account on first contact with their app's language."""
    user = await users.touch_account(
        tx, sender.channel, sender.external_id, sender.name, sender.username,
        first_language(services, sender.language_code), to_iso(services.clock.now()))
    if services.director_people is None:
        await directors(services, tx)
    if sender.channel == TELEGRAM and sender.external_id in services.settings.association.directors:
        services.director_people = (services.director_people or frozenset()) | {user.person_id}
    return user


async def directors(services: Services, tx: Tx) -> frozenset[int]:
    """The configured directors' person ids; a director the bot has not met gets a person and an
    account now, so notices to directors are addressed like any other. Kept on the services for
    ``services.is_director``."""
    now, language = to_iso(services.clock.now()), services.settings.association.default_language
    found = frozenset([await users.ensure_account(tx, TELEGRAM, telegram_id, language, now)
                       for telegram_id in services.settings.association.directors])
    services.director_people = found
    return found
