"""What association directors do in chat: /queue, /match, verify members, decide proposals.

Every flow checks that the sender is a director (ids from the config) inside its transaction;
forged or replayed director buttons from anyone else get "not allowed" and change nothing.
"""

from __future__ import annotations

from dataclasses import replace

from bot.clock import to_iso
from bot.followups.schedule import send_after_commit
from bot.forms.model import Button, Outcome, Reply
from bot.markup import escape
from bot.members.verification import member_page, pending_count, start_rejection, tell_ngo, verify
from bot.parsers import parse_row_id
from bot.people import Sender, remember
from bot.placements import by_hand, decisions, relay, undo
from bot.placements.common import director_pressing, not_allowed, old_button
from bot.placements.rematcher import rematcher_of
from bot.services import Services
from bot.store import placements, requests
from bot.talent_requests import desk as request_desk
from bot.talent_requests.posting import close_request
from bot.texts import t


async def show_queue(services: Services, sender: Sender) -> Outcome:
    """How many members wait for /members, then the requests with proposals waiting, a button
    each; a request opens into its proposal cards, edited in place from there on."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        lang = user.language
        if not services.is_director(user.telegram_id):
            return Outcome(replies=(Reply(t(lang, "alerts.not_allowed")),))
        waiting_members = await pending_count(tx)
        proposals = len(await placements.proposals(tx))
        listing = await decisions.request_list(services, tx, lang)
    if not waiting_members and listing is None:
        return Outcome(replies=(Reply(t(lang, "queue.empty")),))
    summary = Reply(t(lang, "queue.summary", members=waiting_members, proposals=proposals))
    return Outcome(replies=(summary, *([listing] if listing else [])))


async def message_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """``pm:<placement id>``: write one message to both sides of a placement."""
    async with services.database.transaction() as tx:
        user = await director_pressing(services, tx, sender)
        if isinstance(user, Outcome):
            return user
        placement_id = parse_row_id(data.removeprefix("pm:"))
        if placement_id is None:
            return old_button(user.language)
        return await relay.start_message(services, tx, user, placement_id)


async def request_close_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """``rc:<close|yes|keep>:<request id>``: a director closes any NGO's request, after a
    confirmation; the NGO director and everyone holding an offer for it are told."""
    _, action, raw_id = [*data.split(":"), "", ""][:3]
    async with services.database.transaction() as tx:
        user = await director_pressing(services, tx, sender)
        if isinstance(user, Outcome):
            return user
        lang, request_id = user.language, parse_row_id(raw_id)
        row = None if request_id is None else await requests.request_by_id(tx, request_id)
        if row is None or action not in ("close", "yes", "keep"):
            return old_button(lang)
        title = escape(row["title"])
        if row["status"] == "closed":
            return Outcome(replies=(Reply(t(lang, "requests.already_closed", title=title)),))
        if action == "close":
            buttons = ((Button(t(lang, "requests.buttons.confirm_close"), f"rc:yes:{row['id']}"),
                        Button(t(lang, "requests.buttons.keep_open"), f"rc:keep:{row['id']}")),)
            return Outcome(replies=(Reply(t(lang, "requests.close_confirm", title=title), buttons),),
                           records_on_prompt=True)  # the question under the card, in its buttons' place
        if action == "keep":
            return Outcome()
        now = to_iso(services.clock.now())
        notices = await close_request(tx, user, row["id"], now, as_director=True) or []
        notices += await tell_ngo(services, tx, row["ngo_id"],
                                  lambda m_lang: t(m_lang, "requests.closed_by_association", title=title))
        closed = Outcome(replies=(Reply(t(lang, "requests.closed", title=title)),), notices=tuple(notices),
                         records_on_prompt=True)
        return await send_after_commit(tx, closed, now)


async def request_desk_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """``rd:<edit|pause|resume>:<request id>`` on a request's card."""
    _, action, raw_id = [*data.split(":"), "", ""][:3]
    async with services.database.transaction() as tx:
        user = await director_pressing(services, tx, sender)
        if isinstance(user, Outcome):
            return user
        request_id = parse_row_id(raw_id)
        if request_id is None or action not in ("edit", "pause", "resume"):
            return old_button(user.language)
        if action == "edit":
            return await request_desk.start_edit(services, tx, user, request_id)
        return await request_desk.switch_pause(services, tx, user, request_id, action == "pause",
                                               to_iso(services.clock.now()))


async def queue_listing_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """``qr:<request id>`` opens a request's best proposal card; ``ql:<page>`` shows the list."""
    kind, _, raw = data.partition(":")
    async with services.database.transaction() as tx:
        user = await director_pressing(services, tx, sender)
        if isinstance(user, Outcome):
            return user
        lang, number = user.language, parse_row_id(raw) if raw != "0" else 0
        if number is None:
            return old_button(lang)
        if kind == "qr":
            shown = await decisions.first_card_of_request(services, tx, lang, number)
        else:
            shown = await decisions.request_list(services, tx, lang, number)
    return Outcome(replies=(replace(shown or Reply(t(lang, "queue.empty")), edit=True),))


async def show_members(services: Services, sender: Sender) -> Outcome:
    """The first member waiting for verification, one card paged with ◀️ ▶️ in place."""
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        lang = user.language
        if not services.is_director(user.telegram_id):
            return Outcome(replies=(Reply(t(lang, "alerts.not_allowed")),))
        page = await member_page(tx, lang)
    return Outcome(replies=(page or Reply(t(lang, "members.empty")),))


async def members_paged(services: Services, sender: Sender, data: str) -> Outcome:
    """``vm:<prev|next>:<w|n>:<id>``: the member before or after, in the same message."""
    _, direction, code, raw_id = [*data.split(":"), "", "", ""][:4]
    async with services.database.transaction() as tx:
        user = await director_pressing(services, tx, sender)
        if isinstance(user, Outcome):
            return user
        lang, member_id = user.language, parse_row_id(raw_id)
        if direction not in ("prev", "next") or code not in ("w", "n") or member_id is None:
            return old_button(lang)
        page = await member_page(tx, lang, (code, member_id), -1 if direction == "prev" else 1)
    return Outcome(replies=(replace(page or Reply(t(lang, "members.empty")), edit=True),))


async def match_now(services: Services, sender: Sender) -> Outcome:
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        if not services.is_director(user.telegram_id):
            return Outcome(replies=(Reply(t(user.language, "alerts.not_allowed")),))
    result = await rematcher_of(services).run()
    done = t(user.language, "queue.match_done", new=result.proposed, withdrawn=result.withdrawn)
    return Outcome(replies=(Reply(done),))


async def verify_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """``v:ok:<w|n>:<id>`` verifies, ``v:no:<w|n>:<id>`` asks for the reason to reject."""
    action, code, raw_id = [*data.split(":"), "", "", ""][1:4]
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        if not services.is_director(user.telegram_id):
            return not_allowed(user.language)
        member_id = parse_row_id(raw_id)
        if code not in ("w", "n") or member_id is None:
            return old_button(user.language)
        if action == "ok":
            return await verify(services, tx, user, code, member_id, to_iso(services.clock.now()))
        if action == "no":
            return await start_rejection(services, tx, user, code, member_id)
    return old_button(user.language)


async def queue_pressed(services: Services, sender: Sender, data: str) -> Outcome:
    """``q:<ok|no|alt|next|card|undo>:<placement id>`` on a proposal card (Undo on its decision), and
    ``q:pick:<placement id>:<worker id>`` on its list of candidates (``q:byname:<placement id>``
    and ``q:hand:<placement id>:<worker id>`` for someone found by name)."""
    _, action, raw_id, raw_worker = [*data.split(":"), "", "", ""][:4]
    async with services.database.transaction() as tx:
        user = await remember(services, tx, sender)
        lang = user.language
        if not services.is_director(user.telegram_id):
            return not_allowed(lang)
        placement_id, now = parse_row_id(raw_id), to_iso(services.clock.now())
        if placement_id is None:
            return old_button(lang)
        if action == "ok":
            return await decisions.approve(services, tx, user, placement_id, now)
        if action == "no":
            return await decisions.start_rejection(services, tx, user, placement_id)
        if action == "alt":
            return await decisions.other_candidates(services, tx, user, placement_id)
        if action == "pick" and (worker_id := parse_row_id(raw_worker)) is not None:
            return await decisions.pick(services, tx, user, placement_id, worker_id, now)
        if action == "hand" and (worker_id := parse_row_id(raw_worker)) is not None:
            return await by_hand.propose(services, tx, user, placement_id, worker_id, now)
        if action == "byname":
            return await by_hand.ask_name(services, tx, user, placement_id)
        if action == "undo":
            return await undo.undo(services, tx, user, placement_id, now)
        if action == "card":
            card = await decisions.proposal_card(services, tx, lang, placement_id)
            return Outcome(replies=(replace(card, edit=True),)) if card else old_button(lang)
        if action == "next":
            following = await decisions.queue_cards(services, tx, lang, placement_id)
            return Outcome(replies=(replace(following or Reply(t(lang, "queue.empty")), edit=True),))
    return old_button(lang)
