"""Where a talent request stands, in words its NGO director understands."""

from __future__ import annotations

from bot.store.requests import RequestRow
from bot.texts import Lang, t


def request_stage(row: RequestRow, counts: dict[str, int], lang: Lang, ngo_verified: bool = True) -> str:
    """Filled or closed; else waiting for the NGO's verification (no matching before it), offer
    out, N proposals with the association, or still looking."""
    if row.status != "open":
        return t(lang, f"requests.stage.{row.status}")
    if not ngo_verified:
        return t(lang, "requests.stage.ngo_unverified")
    if counts.get("offered"):
        return t(lang, "requests.stage.offer_out")
    if counts.get("proposed"):
        return t(lang, "requests.stage.proposals", count=counts["proposed"])
    return t(lang, "requests.stage.waiting")
