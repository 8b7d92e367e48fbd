"""What association directors do in chat: /queue, /match, verify members, decide proposals.

Each route is for directors only (``bot.desk.routes``): forged or replayed director buttons
from anyone else get "not allowed" and change nothing.
"""

from __future__ import annotations

from dataclasses import replace

from bot.events import Event
from bot.forms.model import Outcome, Reply
from bot.markup import escape
from bot.members.callbacks import PagePress, VerifyPress
from bot.members.verification import member_page, pending_count, start_rejection, tell_ngo, verify
from bot.placements import by_hand, decisions, relay, undo
from bot.placements.callbacks import ListingPress, MessagePress, QueuePress
from bot.placements.rematcher import rematcher_of
from bot.refusals import OldButton
from bot.store import placements, requests
from bot.talent_requests import desk as request_desk
from bot.talent_requests.callbacks import ClosePress, DeskPress
from bot.talent_requests.posting import close_request
from bot.texts import t


async def show_queue(event: Event) -> Outcome:
    """How many members wait for /members, then the requests with proposals waiting, a button
    each; a request opens into its proposal cards, edited in place from there on."""
    tx, lang = event.tx, event.lang
    waiting_members = await pending_count(tx)
    proposals = len(await placements.proposals(tx))
    listing = await decisions.request_list(event.services, tx, lang)
    if not waiting_members and listing is None:
        return Outcome(replies=(Reply(t(lang, "queue.empty")),))
    summary = Reply(t(lang, "queue.summary", members=waiting_members, proposals=proposals))
    return Outcome(replies=(summary, *([listing] if listing else [])))


async def message_pressed(event: Event, press: MessagePress) -> Outcome:
    """``pm:<placement id>``: write one message to both sides of a placement."""
    return await relay.start_message(event.services, event.tx, event.user, press.placement_id)


async def request_close_pressed(event: Event, press: ClosePress) -> Outcome:
    """``rc:<close|yes|keep>:<request id>``: a director closes any NGO's request, after a
    confirmation; the NGO director and everyone holding an offer for it are told."""
    tx, lang = event.tx, event.lang
    row = await requests.request_by_id(tx, press.request_id)
    if row is None:
        raise OldButton
    title = escape(row.title)
    if row.status == "closed":
        return Outcome(replies=(Reply(t(lang, "requests.already_closed", title=title)),))
    if press.action == "close":
        return Outcome(replies=(Reply(t(lang, "requests.close_confirm", title=title),
                                      request_desk.close_confirmation(lang, row.id)),),
                       records_on_prompt=True)  # the question under the card, in its buttons' place
    if press.action == "keep":
        return Outcome()
    notices = await close_request(tx, event.user, row.id, event.now, as_director=True) or []
    notices += await tell_ngo(event.services, tx, row.ngo_id,
                              lambda m_lang: t(m_lang, "requests.closed_by_association", title=title))
    return Outcome(replies=(Reply(t(lang, "requests.closed", title=title)),), notices=tuple(notices),
                   records_on_prompt=True)


async def request_desk_pressed(event: Event, press: DeskPress) -> Outcome:
    """``rd:<edit|pause|resume>:<request id>`` on a request's card."""
    if press.action == "edit":
        return await request_desk.start_edit(event.services, event.tx, event.user, press.request_id)
    return await request_desk.switch_pause(event.services, event.tx, event.user, press.request_id,
                                           press.action == "pause", event.now)


async def queue_listing_pressed(event: Event, press: ListingPress) -> Outcome:
    """``qr:<request id>`` opens a request's best proposal card; ``ql:<page>`` shows the list."""
    services, tx, lang = event.services, event.tx, event.lang
    if press.kind == "qr":
        shown = await decisions.first_card_of_request(services, tx, lang, press.number)
    else:
        shown = await decisions.request_list(services, tx, lang, press.number)
    return Outcome(replies=(replace(shown or Reply(t(lang, "queue.empty")), edit=True),))


async def show_members(event: Event) -> Outcome:
    """The first member waiting for verification, one card paged with ◀️ ▶️ in place."""
    page = await member_page(event.tx, event.lang)
    return Outcome(replies=(page or Reply(t(event.lang, "members.empty")),))


async def members_paged(event: Event, press: PagePress) -> Outcome:
    """``vm:<prev|next>:<w|n>:<id>``: the member before or after, in the same message."""
    step = -1 if press.direction == "prev" else 1
    page = await member_page(event.tx, event.lang, (press.code, press.member_id), step)
    return Outcome(replies=(replace(page or Reply(t(event.lang, "members.empty")), edit=True),))


async def match_now(event: Event) -> Outcome:
    """/match: a rematch now, once this event has committed; says what it proposed and withdrew."""
    services, lang = event.services, event.lang

    async def rematch(_: Outcome) -> Outcome:
        result = await rematcher_of(services).run()
        done = t(lang, "queue.match_done", new=result.proposed, withdrawn=result.withdrawn)
        return Outcome(replies=(Reply(done),))
    event.after_commit(rematch)
    return Outcome()


async def verify_pressed(event: Event, press: VerifyPress) -> Outcome:
    """``v:ok:<w|n>:<id>`` verifies, ``v:no:<w|n>:<id>`` asks for the reason to reject."""
    if press.action == "ok":
        return await verify(event.services, event.tx, event.user, press.code, press.member_id, event.now)
    return await start_rejection(event.services, event.tx, event.user, press.code, press.member_id)


async def queue_pressed(event: Event, press: QueuePress) -> Outcome:
    """``q:<ok|no|alt|next|card|undo>:<placement id>`` on a proposal card (Undo on its decision), and
    ``q:pick:<placement id>:<worker id>`` on its list of candidates (``q:byname:<placement id>``
    and ``q:hand:<placement id>:<worker id>`` for someone found by name)."""
    services, tx, user, lang, now = event.services, event.tx, event.user, event.lang, event.now
    placement_id, action = press.placement_id, press.action
    if action == "ok":
        return await decisions.approve(services, tx, user, placement_id, now)
    if action == "no":
        return await decisions.start_rejection(services, tx, user, placement_id)
    if action == "alt":
        return await decisions.other_candidates(services, tx, user, placement_id)
    if action == "pick":
        return await decisions.pick(services, tx, user, placement_id, press.worker_id, now)
    if action == "hand":
        return await by_hand.propose(services, tx, user, placement_id, press.worker_id, now)
    if action == "byname":
        return await by_hand.ask_name(services, tx, user, placement_id)
    if action == "undo":
        return await undo.undo(services, tx, user, placement_id, now)
    if action == "card":
        card = await decisions.proposal_card(services, tx, lang, placement_id)
        if card is None:
            raise OldButton
        return Outcome(replies=(replace(card, edit=True),))
    following = await decisions.queue_cards(services, tx, lang, placement_id)
    return Outcome(replies=(replace(following or Reply(t(lang, "queue.empty")), edit=True),))
