"""What directors and the two sides read about a placement, in their own language."""

from __future__ import annotations

from typing import Any

from bot.forms.model import Button, Reply
from bot.markup import escape, shorten
from bot.parsers import format_phone
from bot.placements.callbacks import OfferPress, QueuePress, listing_page
from bot.store.placements import PlacementDetails
from bot.texts import Lang, t
from matching.vocabulary import is_canonical, label


def term_names(values: list[str], kind: str, lang: Lang) -> str:
    """Canonical ids by their name in ``lang``; free text as typed (escaped)."""
    names = [label(v, lang) if is_canonical(v, kind) else escape(v) for v in values]
    return t(lang, "common.list_separator").join(names) or t(lang, "common.not_given")


def hours(value: float) -> str:
    return f"{value:g}"


def proposal_card(p: PlacementDetails, lang: Lang, position: int, count: int,
                  better: tuple[str, float] | None = None) -> Reply:
    """One proposal for a director: request, worker, score, reasons, and the four buttons;
    ``better`` names a worker who now scores higher for the request, if any."""
    reasons = [t(lang, "queue.reason_line", reason=escape(r.get(lang, r["en"]))) for r in p.reasons]
    text = "\n\n".join((
        t(lang, "queue.card_header", position=position, count=count, score=round(p.score * 100)),
        t(lang, "queue.request_section", title=escape(p.title), ngo=escape(p.ngo_name),
          skills=term_names(p.request_skills, "skill", lang), hours=hours(p.request_hours),
          district=label(p.request_district, lang)),
        t(lang, "queue.worker_section", name=escape(p.worker_name),
          skills=term_names(p.worker_skills, "skill", lang),
          certification=t(lang, f"certification.{p.certification}"),
          hours=hours(p.worker_hours), district=label(p.worker_district, lang)),
        "\n".join([t(lang, "queue.reasons_header"), *reasons]),
        *([t(lang, "queue.better_candidate", name=escape(better[0]), score=round(better[1] * 100))] if better else []),
    ))
    pid = p.id
    buttons = ((Button(t(lang, "queue.buttons.approve"), QueuePress("ok", pid).data),
                Button(t(lang, "queue.buttons.reject"), QueuePress("no", pid).data)),
               (Button(t(lang, "queue.buttons.others"), QueuePress("alt", pid).data),
                Button(t(lang, "queue.buttons.next"), QueuePress("next", pid).data)),
               (Button(t(lang, "queue.buttons.all_requests"), listing_page(0)),))
    return Reply(text, buttons)


def request_line(number: int, group: list[PlacementDetails], places_left: int, days: int, lang: Lang) -> str:
    """ "1. 阳光心理服务中心 · 社区心理支持 — 1 place left · best 92% · 3 d": one request of the queue."""
    first = group[0]
    age = t(lang, "queue.age_today") if days <= 0 else t(lang, "queue.age_days", days=days)
    return t(lang, "queue.request_line", number=number, ngo=escape(first.ngo_name), title=escape(first.title),
             left=max(places_left, 0), best=round(max(p.score for p in group) * 100), age=age)


def request_button(number: int, group: list[PlacementDetails], lang: Lang) -> str:
    """ "1. 社区心理支持": the button that opens a request of the queue's list."""
    return t(lang, "queue.buttons.request", number=number, title=shorten(group[0].title, 30))


def candidates_card(p: PlacementDetails, ranked: list[Any], lang: Lang) -> Reply:
    """A request's candidates, best first, each with a button that approves them for the place
    of proposal ``p`` (its own worker marked as proposed); Back returns to the proposal."""
    pid = p.id
    back = (Button(t(lang, "queue.buttons.by_name"), QueuePress("byname", pid).data),
            Button(t(lang, "queue.buttons.back_to_card"), QueuePress("card", pid).data))
    if not ranked:
        return Reply(t(lang, "queue.no_other_candidates"), (back,))
    lines = [t(lang, "queue.candidates_header", title=escape(p.title), ngo=escape(p.ngo_name))]
    buttons = []
    for rank, c in enumerate(ranked, start=1):
        score = round(c.score * 100)
        mark = t(lang, "queue.proposed_mark") if c.worker_id == p.worker_id else ""
        first_reason = c.reasons[0].get(lang, c.reasons[0]["en"]) if c.reasons else ""
        lines.append(t(lang, "queue.candidate_row", rank=rank, name=escape(c.name), score=score,
                       proposed=mark, reason=escape(first_reason)))
        buttons.append((Button(t(lang, "queue.buttons.pick", rank=rank, name=shorten(c.name, 20), score=score),
                               QueuePress("pick", pid, c.worker_id).data),))
    return Reply("\n".join(lines), (*buttons, back))


def offer_buttons(placement_id: int, lang: Lang) -> tuple[tuple[Button, ...], ...]:
    return ((Button(t(lang, "offer.buttons.accept"), OfferPress(True, placement_id).data),
             Button(t(lang, "offer.buttons.decline"), OfferPress(False, placement_id).data)),)


def offer_to_worker(p: PlacementDetails) -> Reply:
    lang = p.worker_language
    text = t(lang, "offer.to_worker", title=escape(p.title), ngo=escape(p.ngo_name),
             description=escape(p.description), hours=hours(p.request_hours),
             district=label(p.request_district, lang), start_date=p.start_date,
             weeks=p.duration_weeks)
    return Reply(text, offer_buttons(p.id, lang))


def offer_to_ngo(p: PlacementDetails) -> Reply:
    lang = p.ngo_language
    text = t(lang, "offer.to_ngo", title=escape(p.title), name=escape(p.worker_name),
             skills=term_names(p.worker_skills, "skill", lang),
             certification=t(lang, f"certification.{p.certification}"), years=p.years_experience,
             hours=hours(p.worker_hours), district=label(p.worker_district, lang),
             introduction=f"{escape(p.introduction)}\n\n" if p.introduction else "")  # a paragraph, or none
    return Reply(text, offer_buttons(p.id, lang))


def contact(lang: Lang, phone: str, username: str | None) -> str:
    """A phone number for reading, and the Telegram @username after it when there is one."""
    shown = format_phone(phone)
    return t(lang, "common.phone_and_username", phone=shown, username=escape(username)) if username else shown


def contacts_for_worker(p: PlacementDetails) -> Reply:
    """Only once both sides accepted: the NGO director's name, phone and Telegram username."""
    lang = p.worker_language
    return Reply(t(lang, "offer.active_for_worker", ngo=escape(p.ngo_name), title=escape(p.title),
                   contact_name=escape(p.director_name),
                   contact=contact(lang, p.director_phone, p.ngo_username)))


def contacts_for_ngo(p: PlacementDetails) -> Reply:
    lang = p.ngo_language
    return Reply(t(lang, "offer.active_for_ngo", name=escape(p.worker_name), title=escape(p.title),
                   contact=contact(lang, p.worker_phone, p.worker_username)))
