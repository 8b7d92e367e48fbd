"""Start and stop the emulator: an aiohttp server on the running event loop.

``async with Emulator(token) as emulator:`` serves the Bot API on 127.0.0.1 at a free port;
point python-telegram-bot at ``emulator.bot_base_url`` / ``emulator.file_base_url``. Extra
routes (the web chat) can be mounted before start through ``extra_routes``.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from aiohttp import web

from bot.clock import Clock
from bot.sandbox.files import MAX_REQUEST_BYTES
from bot.sandbox.model import Person
from bot.sandbox.people import PersonActions
from bot.sandbox.server import add_bot_api_routes
from bot.sandbox.state import EmulatorState

DEFAULT_TOKEN = "123456789:SANDBOX-token-for-the-local-emulator"
_SHUTDOWN_SECONDS = 5.0


class Emulator:
    """A running (once started) Telegram Bot API emulator."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        clock: Clock | None = None,
        extra_routes: Callable[[web.Application, EmulatorState], None] | None = None,
    ) -> None:
        self.state = EmulatorState(token, clock=clock)
        self._extra_routes = extra_routes
        self._runner: web.AppRunner | None = None
        self._port: int | None = None

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on ``host:port`` (port 0 picks a free one)."""
        # aiohttp's default (1 MiB a request) would refuse uploads Telegram takes.
        app = web.Application(client_max_size=MAX_REQUEST_BYTES)
        add_bot_api_routes(app, self.state)
        if self._extra_routes is not None:
            self._extra_routes(app, self.state)
        self._runner = web.AppRunner(
            app, access_log=None, handle_signals=False, shutdown_timeout=_SHUTDOWN_SECONDS
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self._host = host
        self._port = self._runner.addresses[0][1]

    async def close(self) -> None:
        """Release waiting polls and held responses, then stop the server."""
        self.state.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def url(self) -> str:
        """``http://host:port`` of the running server."""
        if self._port is None:
            raise RuntimeError("the emulator is not started")
        return f"http://{self._host}:{self._port}"

    @property
    def token(self) -> str:
        return self.state.bot.token

    @property
    def bot_base_url(self) -> str:
        """What python-telegram-bot takes as ``base_url`` (it appends the token)."""
        return f"{self.url}/bot"

    @property
    def file_base_url(self) -> str:
        """What python-telegram-bot takes as ``base_file_url``."""
        return f"{self.url}/file/bot"

    def person(
        self,
        person_id: int,
        first_name: str,
        *,
        language_code: str | None = "en",
        username: str | None = None,
        last_name: str | None = None,
        phone_number: str | None = None,
    ) -> PersonActions:
        """Register a person (as if they had opened the bot) and return their side of the chat."""
        person = Person(
            person_id, first_name, last_name, username, language_code, phone_number
        )
        self.state.register(person)
        return PersonActions(self.state, person_id)
