"""The web chat: a page and a small JSON API over the emulator's people side.

    GET  /                                  the page (static/index.html)
    GET  /sandbox/api/personas              who one can be, and the clock offset
    POST /sandbox/api/personas/new          a brand-new user {"language_code": "zh"}
    GET  /sandbox/api/chats/{id}?after=V    the chat, once its version is above V (long poll)
    POST /sandbox/api/chats/{id}/text       {"text": "..."}
    POST /sandbox/api/chats/{id}/contact    share the persona's phone
    POST /sandbox/api/chats/{id}/press      {"message_id": 7, "data": "pl:approve:3"}
    POST /sandbox/api/chats/{id}/reply      {"text": "..."}: a reply-keyboard button
    POST /sandbox/api/clock                 {"days": 7}: move the bot's clock forward
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.clock import Clock
from bot.sandbox.keyboards import Markup
from bot.sandbox.people import PersonActions
from bot.sandbox.personas import FIRST_NEW_USER_ID, Persona, new_user_persona
from bot.sandbox.state import EmulatorState
from bot.sandbox.transcript import transcript_of

STATIC_DIR = Path(__file__).with_name("static")
LONG_POLL_SECONDS = 20.0
MAX_SKIP_DAYS = 365


@dataclass
class WebChat:
    """What the page needs: the personas, and the clock it may move."""

    personas: list[Persona]
    clock: Clock
    after_clock_moved: Callable[[], Awaitable[None]] | None = None
    _new_users: int = field(default=0)

    def mount(self, app: web.Application, state: EmulatorState) -> None:
        """Register the personas with the emulator and add the page and API routes."""
        for persona in self.personas:
            state.register(persona.person())
        app[_WEBCHAT_KEY] = self
        app[_STATE_KEY] = state
        app.router.add_get("/", _index)
        app.router.add_static("/static/", STATIC_DIR)
        app.router.add_get("/sandbox/api/personas", _personas)
        app.router.add_post("/sandbox/api/personas/new", _new_persona)
        app.router.add_get("/sandbox/api/chats/{person_id:\\d+}", _chat)
        app.router.add_post("/sandbox/api/chats/{person_id:\\d+}/{action}", _act)
        app.router.add_post("/sandbox/api/clock", _move_clock)

    def continue_new_users_after(self, highest_id: int | None) -> None:
        """New users get ids after those an earlier sandbox run created on the same database,
        so a new user never walks into someone else's half-filled form."""
        if highest_id is not None:
            self._new_users = max(self._new_users, highest_id - FIRST_NEW_USER_ID + 1)

    def new_persona(self, language_code: str) -> Persona:
        persona = new_user_persona(self._new_users, language_code)
        self._new_users += 1
        self.personas.append(persona)
        return persona


_WEBCHAT_KEY: web.AppKey[WebChat] = web.AppKey("webchat", WebChat)
_STATE_KEY: web.AppKey[EmulatorState] = web.AppKey("webchat_state", EmulatorState)


async def _index(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(STATIC_DIR / "index.html")


async def _personas(request: web.Request) -> web.Response:
    webchat = request.app[_WEBCHAT_KEY]
    return web.json_response(
        {
            "personas": [persona.to_dict() for persona in webchat.personas],
            "clock_offset_days": webchat.clock.offset / timedelta(days=1),
        }
    )


async def _new_persona(request: web.Request) -> web.Response:
    body = await _json_body(request)
    language = str(body.get("language_code") or "zh")
    persona = request.app[_WEBCHAT_KEY].new_persona(language)
    request.app[_STATE_KEY].register(persona.person())
    return web.json_response(persona.to_dict())


async def _chat(request: web.Request) -> web.Response:
    state = request.app[_STATE_KEY]
    person_id = int(request.match_info["person_id"])
    if person_id not in state.chats:
        raise web.HTTPNotFound(text="no such persona")
    after = int(request.query.get("after", "-1"))
    await state.signal.wait_for(
        lambda: state.signal.version > after or state.closed, LONG_POLL_SECONDS
    )
    return web.json_response(chat_view(state, person_id))


async def _act(request: web.Request) -> web.Response:
    state = request.app[_STATE_KEY]
    person_id = int(request.match_info["person_id"])
    if person_id not in state.chats:
        raise web.HTTPNotFound(text="no such persona")
    actions = PersonActions(state, person_id)
    body = await _json_body(request)
    action = request.match_info["action"]
    try:
        if action == "text":
            result: Any = actions.send_text(str(body["text"]))
        elif action == "contact":
            result = actions.send_contact()
        elif action == "press":
            result = actions.forge_callback(str(body["data"]), int(body["message_id"]))
        elif action == "reply":
            result = actions.press(str(body["text"])).message_id
        else:
            raise web.HTTPNotFound(text=f"unknown action {action}")
    except (KeyError, ValueError, LookupError) as error:
        return web.json_response({"error": str(error)}, status=400)
    return web.json_response({"ok": True, "result": result})


async def _move_clock(request: web.Request) -> web.Response:
    webchat = request.app[_WEBCHAT_KEY]
    body = await _json_body(request)
    try:
        days = float(body["days"])
    except (KeyError, TypeError, ValueError):
        return web.json_response({"error": "days must be a number"}, status=400)
    if not 0 < days <= MAX_SKIP_DAYS:
        return web.json_response({"error": f"days must be from 1 to {MAX_SKIP_DAYS}"}, status=400)
    webchat.clock.advance(timedelta(days=days))
    if webchat.after_clock_moved is not None:
        await webchat.after_clock_moved()
    request.app[_STATE_KEY].signal.touch()
    return web.json_response({"clock_offset_days": webchat.clock.offset / timedelta(days=1)})


def chat_view(state: EmulatorState, person_id: int) -> dict[str, Any]:
    """Everything the page draws for one chat, as JSON."""
    chat = state.chat(person_id)
    toasts = [
        {"query_id": record.query_id, "text": record.answer_text, "show_alert": record.show_alert}
        for record in state.callbacks.values()
        if record.chat_id == person_id and record.answered and record.answer_text
    ]
    return {
        "version": state.signal.version,
        "blocked": chat.person.blocked_bot,
        "messages": [message.to_dict() for message in transcript_of(chat, state.bot.token)],
        "reply_keyboard": _keyboard_rows(chat.reply_keyboard),
        "placeholder": chat.reply_keyboard.placeholder if chat.reply_keyboard else None,
        "toasts": toasts,
    }


def _keyboard_rows(markup: Markup | None) -> list[list[dict[str, Any]]] | None:
    if markup is None:
        return None
    return [[button.to_dict() for button in row] for row in markup.rows]


async def _json_body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="JSON body expected") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="JSON object expected")
    return body
