"""The people a sandbox visitor can be: the director, seeded members, or someone new."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bot.sandbox.model import Person
from bot.sandbox.seed import Seed

FIRST_NEW_USER_ID = 5900000001


@dataclass(frozen=True)
class Persona:
    """One choice in the web chat's persona picker."""

    telegram_id: int
    first_name: str
    language_code: str
    role: str  # "director" | "worker" | "ngo" | "new"
    title: str
    title_en: str
    phone: str | None = None

    def person(self) -> Person:
        """The Telegram user the emulator plays for this persona."""
        return Person(
            self.telegram_id,
            self.first_name,
            language_code=self.language_code,
            phone_number=self.phone,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for the web chat."""
        return asdict(self)


def personas_from_seed(seed: Seed) -> tuple[Persona, ...]:
    """The director first, then every seeded social worker, then every NGO director."""
    director = seed.director
    chosen = [
        Persona(director.telegram_id, director.name, director.language, "director",
                director.title, director.title_en, director.phone)
    ]
    chosen += [
        Persona(w.telegram_id, w.name, w.language, "worker",
                f"社工 · {w.district} · {'、'.join(w.skills)}",
                f"Social worker · {w.name_en} · {w.status}", w.phone)
        for w in seed.workers
    ]
    chosen += [
        Persona(n.director_telegram_id, n.director_name, n.language, "ngo",
                f"机构负责人 · {n.name}", f"NGO director · {n.name_en}", n.director_phone)
        for n in seed.ngos
    ]
    return tuple(chosen)


def new_user_persona(number: int, language_code: str) -> Persona:
    """The ``number``-th brand-new user: never seen by the bot, no profile."""
    chinese = language_code.startswith("zh")
    return Persona(
        FIRST_NEW_USER_ID + number,
        f"新用户{number + 1}" if chinese else f"Newcomer {number + 1}",
        language_code,
        "new",
        "新用户 · 第一次打开机器人",
        "New user · opening the bot for the first time",
    )
