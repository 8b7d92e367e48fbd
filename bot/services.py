"""What every flow and job needs: the settings, the clock, the database; built once per process.

Channel-neutral: a channel keeps one Services beside its own objects (Telegram's Application
keeps it in ``bot_data``, see ``bot.channels.telegram.context``) and hands it to every flow.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.clock import Clock
from bot.config import Settings
from bot.store import Database


@dataclass
class Services:
    """The settings, the clock and (once the Application is initialised) the database."""

    settings: Settings
    clock: Clock
    db: Database | None = None
    # Every form (bot.forms.model.Form) by its stored name, handed in at start
    # (bot.forms_catalog.all_forms) so the form engine can resume a draft without importing the
    # features that define the forms. Typed loosely: the form model itself names Services.
    forms: Mapping[str, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    # The channel's outbox sender hangs its wake-up here, so a flow that wrote rows due now can
    # ask for a pass without knowing which channel sends them (nothing happens until one does).
    outbox_bell: Callable[[], None] | None = None
    # The directors' person ids, once resolved from the configured Telegram ids (bot.people).
    director_people: frozenset[int] | None = None

    @property
    def database(self) -> Database:
        if self.db is None:
            raise RuntimeError("the database is opened in post_init; the Application is not running")
        return self.db

    def is_director(self, person_id: int) -> bool:
        """Whether the person is one of the association's directors (configured by Telegram id,
        resolved to person ids by ``bot.people.directors`` at the first event or outbox pass)."""
        return self.director_people is not None and person_id in self.director_people

    def ring_outbox(self) -> None:
        """Ask the outbox sender (if one runs) for a pass now."""
        if self.outbox_bell is not None:
            self.outbox_bell()
