"""The emulator's HTTP face: ``/bot<token>/<method>`` and ``/file/bot<token>/<path>``.

Answers in Telegram's envelope (``{"ok": true, "result": ...}`` or ``{"ok": false,
"error_code", "description"[, "parameters"]}``), 401 for a wrong token and 404 for an unknown
method, and applies the injected faults of :mod:`bot.sandbox.faults` around each call.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from aiohttp import web

from bot.sandbox.errors import BotApiError, server_error, too_many_requests
from bot.sandbox.faults import FaultKind, FaultRule
from bot.sandbox.methods import find_method
from bot.sandbox.params import CallArgs
from bot.sandbox.state import EmulatorState

_LOG = logging.getLogger(__name__)
STATE_KEY: web.AppKey[EmulatorState] = web.AppKey("emulator_state", EmulatorState)


def add_bot_api_routes(app: web.Application, state: EmulatorState) -> None:
    """Mount the Bot API and file download routes on ``app``."""
    app[STATE_KEY] = state
    app.router.add_route("*", "/bot{token}/{method}", _bot_api)
    app.router.add_get("/file/bot{token}/{file_path:.+}", _download)


async def _bot_api(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    if request.match_info["token"] != state.bot.token:
        return _envelope_error(HTTPStatus.UNAUTHORIZED, "Unauthorized")
    method_name = request.match_info["method"]
    method = find_method(method_name)
    if method is None:
        return _envelope_error(HTTPStatus.NOT_FOUND, "Not Found")
    try:
        args = await CallArgs.from_request(request)
        fault = state.faults.take(method_name, _chat_id_of(args))
        if fault is not None and not fault.kind.delivers:
            raise _fault_error(fault)
        result = await method(state, args)
        if fault is not None:
            return await _fail_after_delivery(request, state, fault, result)
    except BotApiError as error:
        return web.json_response(error.payload(), status=error.status)
    return web.json_response({"ok": True, "result": result})


async def _download(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE_KEY]
    stored = state.files.by_path(request.match_info["file_path"])
    if request.match_info["token"] != state.bot.token or stored is None:
        return _envelope_error(HTTPStatus.NOT_FOUND, "Not Found")
    return web.Response(body=stored.content, headers={"Content-Type": stored.mime_type})


def _fault_error(fault: FaultRule) -> BotApiError:
    if fault.kind is FaultKind.RETRY_AFTER:
        return too_many_requests(fault.retry_after)
    return server_error(fault.status)


async def _fail_after_delivery(
    request: web.Request, state: EmulatorState, fault: FaultRule, result: Any
) -> web.StreamResponse:
    """The call took effect; now make sure the client does not learn it did."""
    if fault.kind is FaultKind.DELIVER_THEN_TIMEOUT:
        # Hold the answer past the client's read timeout (or until shutdown).
        await state.signal.wait_for(lambda: state.closed, fault.hold_seconds)
        return web.json_response({"ok": True, "result": result})
    _LOG.debug("dropping the connection after delivering %s", request.match_info["method"])
    if request.transport is not None:
        request.transport.abort()
    return web.Response(status=HTTPStatus.NO_CONTENT)


def _chat_id_of(args: CallArgs) -> int | None:
    try:
        return args.integer("chat_id")
    except BotApiError:
        return None


def _envelope_error(status: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": int(status), "description": description}, status=status
    )
