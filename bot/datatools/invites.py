"""One-time invite links that tie a Telegram account to a worker imported from the roster.

A link is ``https://t.me/<bot>?start=<code>``: Telegram sends the code as the /start payload.
The code is 144 random bits; only its SHA-256 is stored. A link works once, until it expires,
and only while it is the worker's newest one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
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
    return (await issue_invites(tx, [worker_id], created_by, now))[worker_id]


async def issue_invites(tx: Tx, worker_ids: Sequence[int], created_by: int | None,
                        now: datetime) -> dict[int, IssuedInvite]:
    """:func:`issue_invite` for many workers in a few statements (a roster import issues thousands)."""
    codes = {worker_id: secrets.token_urlsafe(_CODE_BYTES) for worker_id in worker_ids}
    stamp, expires_at = to_iso(now), to_iso(now + timedelta(days=INVITE_VALID_DAYS))
    issued = await invites.insert_invites(tx, [(w, code_hash(code)) for w, code in codes.items()],
                                          created_by, stamp, expires_at)
    await audit.record_many(tx, created_by, "issued", "invite",
                            [(invite_id, None, "issued", f"worker {w}") for invite_id, w in issued], stamp)
    return {w: IssuedInvite(w, code, expires_at) for w, code in codes.items()}


async def redeem(services: Services, tx: Tx, user: User, payload: str) -> Outcome:
    """``/start <code>``: link the sender's account to the imported profile, or say why not."""
    lang, now = user.language, to_iso(services.clock.now())
    refusal = await _refusal(services, tx, user, payload, now)
    if isinstance(refusal, str):
        return _reply(lang, refusal)
    invite, worker = refusal
    if not await invites.use_invite(tx, invite.id, user.person_id, now):
        return _reply(lang, "invite.used")
    if not await invites.link_worker(tx, worker.worker_id, user.person_id, now):
        raise RuntimeError(f"worker {worker.worker_id} was checked unlinked in this transaction")
    await users.set_role(tx, user.person_id, "worker", now)
    await engine.cancel(tx, user)  # a half-filled profile form is replaced by the imported profile
    await audit.record(tx, actor=user.person_id, action="used", entity="invite", entity_id=invite.id, at=now,
                       old="issued", new="used", detail=f"worker {worker.worker_id}")
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
    if services.is_director(user.person_id) or user.role is not None:
        return "invite.already_member"
    worker = await invites.invitee(tx, invite.worker_id)
    return "invite.used" if worker is None else (invite, worker)


def _reply(lang: Lang, key: str, **params: object) -> Outcome:
    return Outcome(replies=(Reply(t(lang, key, **params)),))


def link_reply(services: Services, lang: Lang, bot_username: str, name: str, issued: IssuedInvite) -> Reply:
    """The director's message with a fresh link to pass on."""
    return Reply(t(lang, "invite.made", name=escape(name), link=escape(invite_link(bot_username, issued.code)),
                   expires=local_time(services, issued.expires_at)))
