"""The placement buttons' data, made and read here only: ``q:`` on proposal cards, ``qr:`` and
``ql:`` on the queue's list, ``o:`` on offers, ``pl:`` to end a placement, ``pls:`` to filter
/placements, ``pm:`` to write to both sides. Each reader raises ``OldButton`` on data it did not
make. The wire format is fixed: buttons already in people's chats must keep working."""

from __future__ import annotations

from dataclasses import dataclass

from bot.codec import action_on_row, fields, one_of, row_id

QUEUE_ACTIONS = ("ok", "no", "alt", "next", "card", "undo", "byname", "pick", "hand")
_WITH_WORKER = ("pick", "hand")


@dataclass(frozen=True)
class QueuePress:
    """``q:<action>:<placement id>[:<worker id>]`` on a proposal card, its candidates, its Undo."""

    action: str
    placement_id: int
    worker_id: int | None = None

    @property
    def data(self) -> str:
        tail = f":{self.worker_id}" if self.action in _WITH_WORKER else ""
        return f"q:{self.action}:{self.placement_id}{tail}"


def read_queue(data: str) -> QueuePress:
    action, raw_id, raw_worker = fields(data, 3)
    placement_id = row_id(raw_id)
    worker_id = row_id(raw_worker) if action in _WITH_WORKER else None
    return QueuePress(one_of(action, QUEUE_ACTIONS), placement_id, worker_id)


@dataclass(frozen=True)
class ListingPress:
    """``qr:<request id>`` opens a request's best proposal; ``ql:<page>`` shows the list's page."""

    kind: str  # "qr" or "ql"
    number: int

    @property
    def data(self) -> str:
        return f"{self.kind}:{self.number}"


def read_listing(data: str) -> ListingPress:
    kind, _, raw = data.partition(":")
    return ListingPress(one_of(kind, ("qr", "ql")), 0 if raw == "0" else row_id(raw))


def request_opening(request_id: int) -> str:
    return ListingPress("qr", request_id).data


def listing_page(page: int) -> str:
    return ListingPress("ql", page).data


@dataclass(frozen=True)
class OfferPress:
    """``o:<acc|dec>:<placement id>``: the worker's or the NGO director's answer to an offer."""

    accept: bool
    placement_id: int

    @property
    def data(self) -> str:
        return f"o:{'acc' if self.accept else 'dec'}:{self.placement_id}"


def read_offer(data: str) -> OfferPress:
    action, placement_id = action_on_row(data, ("acc", "dec"))
    return OfferPress(action == "acc", placement_id)


@dataclass(frozen=True)
class EndPress:
    """``pl:end:<placement id>`` ends an active placement; ``pl:undo:<id>`` takes the end back."""

    action: str  # "end" or "undo"
    placement_id: int

    @property
    def data(self) -> str:
        return f"pl:{self.action}:{self.placement_id}"


def read_end(data: str) -> EndPress:
    return EndPress(*action_on_row(data, ("end", "undo")))


def filter_data(name: str) -> str:
    """``pls:<filter>``: a director's status filter on /placements."""
    return f"pls:{name}"


def read_filter(data: str) -> str:
    return data.removeprefix("pls:")


@dataclass(frozen=True)
class MessagePress:
    """``pm:<placement id>``: a director writes one message to both sides of a placement."""

    placement_id: int

    @property
    def data(self) -> str:
        return f"pm:{self.placement_id}"


def read_message(data: str) -> MessagePress:
    return MessagePress(row_id(data.removeprefix("pm:")))
