"""The job that empties the outbox: claim a due row, send it, record what happened.

One repeating job on python-telegram-bot's JobQueue wakes every ``dispatch_interval_seconds``.
Each pass recovers rows a crash left in 'sending', carries out due actions, schedules digests and
nudges, then sends every due message the pacer allows, several at once. A claim is its own
transaction (``pending -> sending``), the send happens outside any transaction, and the outcome
is recorded in another: a crash between send and record leaves the row in 'sending', which the
next start counts as one unknown outcome (so a message goes out at most twice).

The schedule lives in the table, not in APScheduler: its job store is in memory and its default
misfire grace drops late jobs, so the job only says "look at the table now".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Sequence
from datetime import timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import Application, CallbackContext

from bot.channels.telegram import client as telegram_client
from bot.channels.telegram.context import SERVICES_KEY, services_of
from bot.channels.telegram.delivery import classify
from bot.channels.telegram.pacing import SendPacer, SendTicket
from bot.channels.telegram.sending import send_html
from bot.followups import claims, housekeeping, outcomes
from bot.followups.render import from_payload
from bot.forms.model import Button
from bot.services import Services

log = logging.getLogger(__name__)

DISPATCHER_KEY = "followups"
# A row in 'sending' this long, and not in flight in this process, was lost by another run.
CLAIM_TIMEOUT = timedelta(minutes=10)
_LONGEST_IDLE_WAIT = 0.5


class Dispatcher:
    """Sends the outbox of one Application; see the module docstring."""

    def __init__(self, app: Application, pacer: SendPacer | None = None) -> None:
        self._app = app
        # The bot's rate limiter's pacer when it has one: one budget for replies and the outbox.
        self._pacer = pacer or telegram_client.shared_pacer(app.bot) or SendPacer()
        self._in_flight: set[int] = set()
        self._passing = False
        self.passes = 0     # completed passes, for whoever wants to wait for one

    @property
    def services(self) -> Services:
        return services_of(self._app)

    async def start(self) -> None:
        """Recover what a crash left in 'sending', make sure digests are scheduled, start the job."""
        services = self.services
        recovered = await housekeeping.at_start(services)
        if recovered:
            log.warning("%s follow-ups were being sent when the bot stopped; each counts one unknown outcome",
                        recovered)
        assert self._app.job_queue is not None, "install python-telegram-bot[job-queue]"
        self._app.job_queue.run_repeating(
            self._tick, interval=services.settings.followups.dispatch_interval_seconds, first=0,
            name="followups", job_kwargs={"max_instances": 2, "coalesce": True, "misfire_grace_time": None})

    def wake(self) -> None:
        """Run a pass now rather than at the next tick: notices of an action just taken are due."""
        assert self._app.job_queue is not None
        self._app.job_queue.run_once(self._tick, 0, name="followups-now")

    async def _tick(self, _context: CallbackContext[Any, Any, Any, Any]) -> None:
        if self._passing:  # the previous pass is still sending; it picks up new rows itself
            return
        self._passing = True
        try:
            await self.run_pass()
        finally:
            self._passing = False

    async def run_pass(self) -> None:
        """Housekeeping, then send until nothing is due that may be sent now."""
        services = self.services
        now = services.clock.now()
        await housekeeping.before_a_pass(services, now, claimed_before=now - CLAIM_TIMEOUT,
                                         in_flight=frozenset(self._in_flight))
        await self._drain()
        self.passes += 1

    async def _drain(self) -> None:
        sending: set[asyncio.Task[None]] = set()
        try:
            while self._app.running:
                await self._pacer.wait_for_slot()
                row = await claims.claim_next(self.services, self._pacer.busy_chats())
                if row is None:
                    if not await claims.anything_due(self.services):
                        break
                    wait = self._pacer.seconds_until_a_chat_frees()
                    await self._pacer.wait_for_change(min(wait if wait is not None else 1.0, _LONGEST_IDLE_WAIT))
                    continue
                self._in_flight.add(row.id)
                # Replies may have taken the free slots while the row was claimed: look again,
                # and count the send in the same step (no await between the look and the count).
                await self._pacer.wait_for_slot()
                task = asyncio.create_task(self._send(row, self._pacer.start(row.address)))
                sending.add(task)
                task.add_done_callback(sending.discard)
        finally:
            if sending:
                await asyncio.gather(*sending, return_exceptions=True)

    async def _send(self, row: claims.Claim, ticket: SendTicket) -> None:
        services = self.services
        try:
            try:
                reply = from_payload(row.payload["message"])
                with telegram_client.outbox_lane():  # counted by the pacer when claimed: the limiter lets it through
                    await send_html(self._app.bot, row.address, reply.text, _markup(reply.buttons))
            finally:
                self._pacer.finish(ticket)
        except Exception as error:  # every error is an answer: classified and recorded
            failure = classify(error)
            log.info("follow-up %s to %s not confirmed: %s (%s)", row.id, row.recipient,
                     failure.description, failure.verdict.value)
            await self._record(outcomes.record_failure(services, row, failure, services.clock.now()))
        else:
            await self._record(outcomes.record_sent(services, row.id, services.clock.now()))
        finally:
            self._in_flight.discard(row.id)

    async def _record(self, recording: Awaitable[None]) -> None:
        try:
            await recording
        except Exception:  # the row stays in 'sending' and is recovered as an unknown outcome
            log.exception("could not record the outcome of a follow-up")


def _markup(rows: Sequence[Sequence[Button]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
                                 for row in rows])


async def start_followups(app: Application) -> Dispatcher:
    """Create the Application's dispatcher and start its job (call once the database is open)."""
    dispatcher = Dispatcher(app)
    services = services_of(app)
    services.extras[DISPATCHER_KEY] = dispatcher
    services.outbox_bell = dispatcher.wake
    await dispatcher.start()
    return dispatcher


def wake_dispatcher(app: Application) -> None:
    """Ask the Application's dispatcher (if it runs) for a pass now."""
    services = app.bot_data.get(SERVICES_KEY)
    dispatcher = None if services is None else services.extras.get(DISPATCHER_KEY)
    if dispatcher is not None:
        dispatcher.wake()


def dispatcher_of(app: Application) -> Dispatcher:
    """The running Application's dispatcher (to wait for a pass, or to look at it)."""
    return services_of(app).extras[DISPATCHER_KEY]
