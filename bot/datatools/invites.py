"""One-time invite links that tie a Telegram account to a worker imported from the roster.

A link is ``https://t.me/<bot>?start=<code>``: Telegram sends the code as the /start payload.
The code is 144 random bits; only its SHA-256 is stored. A link works once, until it expires,
and only while it is the worker's newest one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import to_iso
from bot.forms import engine
from bot.forms.model import Outcome, Reply
from bot.markup import escape
from bot.placements.common import local_time
from bot.services import Services
from bot.store import Tx, audit, invites, users
from bot.store.users import User
from bot.texts import Lang, t

INVITE_VALID_DAYS = 30
_CODE_BYTES = 18                      # 24 characters of A-Z a-z 0-9 _ -
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{16,64}")


@dataclass(frozen=True)
class IssuedInvite:
    """A fresh code (shown once, never stored) and when it stops working."""

    worker_id: int
    code: str
    expires_at: str


def code_hash(code: str) -> str:
    return hashlib.sha256(code.encode("ascii")).hexdigest()


def invite_link(bot_username: str, code: str) -> str:
    """The deep link that opens the bot and sends ``/start <code>``."""
    return f"https://t.me/{bot_username.lstrip('@')}?start={code}"


async def issue_invite(tx: Tx, worker_id: int, created_by: int | None, now: datetime) -> IssuedInvite:
    """A new single-use code for the worker; their older unused links stop working."""
    code = secrets.token_urlsafe(_CODE_BYTES)
    expires_at = to_iso(now + timedelta(days=INVITE_VALID_DAYS))
    invite_id = await invites.insert_invite(tx, worker_id, code_hash(code), created_by, to_iso(now), expires_at)
    await audit.record(tx, created_by, "issued", "invite", invite_id, to_iso(now), None, "issued",
                       f"worker {worker_id}")
    return IssuedInvite(worker_id, code, expires_at)


async def redeem(services: Services, tx: Tx, user: User, payload: str) -> Outcome:
    """``/start <code>``: link the sender's account to the imported profile, or say why not."""
    lang, now = user.language, to_iso(services.clock.now())
    refusal = await _refusal(services, tx, user, payload, now)
    if isinstance(refusal, str):
        return _reply(lang, refusal)
    invite, worker = refusal
    if not await invites.use_invite(tx, invite.id, user.telegram_id, now):
        return _reply(lang, "invite.used")
    if not await invites.link_worker(tx, worker.worker_id, user.telegram_id, now):
        raise RuntimeError(f"worker {worker.worker_id} was checked unlinked in this transaction")
    await users.set_role(tx, user.telegram_id, "worker", now)
    await engine.cancel(tx, user)  # a half-filled profile form is replaced by the imported profile
    await audit.record(tx, user.telegram_id, "used", "invite", invite.id, now, "issued", "used",
                       f"worker {worker.worker_id}")
    return _reply(lang, "invite.linked", name=escape(worker.name))


async def _refusal(services: Services, tx: Tx, user: User, payload: str,
                   now: str) -> str | tuple[invites.Invite, invites.Invitee]:
    """The text key that refuses this payload, or the invite and worker it links to."""
    if not _PAYLOAD.fullmatch(payload):
        return "invite.invalid"
    invite = await invites.invite_by_hash(tx, code_hash(payload))
    if invite is None:
        return "invite.invalid"
    if invite.used_at is not None:
        return "invite.used"
    if invite.revoked_at is not None:
        return "invite.replaced"
    if invite.expires_at <= now:
        return "invite.expired"
    if services.is_director(user.telegram_id) or user.role is not None:
        return "invite.already_member"
    worker = await invites.invitee(tx, invite.worker_id)
    return "invite.used" if worker is None else (invite, worker)


def _reply(lang: Lang, key: str, **params: object) -> Outcome:
    return Outcome(replies=(Reply(t(lang, key, **params)),))


def link_reply(services: Services, lang: Lang, bot_username: str, name: str, issued: IssuedInvite) -> Reply:
    """The director's message with a fresh link to pass on."""
    return Reply(t(lang, "invite.made", name=escape(name), link=escape(invite_link(bot_username, issued.code)),
                   expires=local_time(services, issued.expires_at)))
