"""Row ids inside button data. Callback data is typed by the client, not by us, so an id is
read strictly: ASCII digits only (``"²".isdigit()`` is true, yet ``int("²")`` fails) and small
enough for an SQLite INTEGER (a forged 40-digit id would overflow the query)."""

from __future__ import annotations

import re

_ROW_ID = re.compile(r"[1-9][0-9]{0,17}")


def parse_row_id(text: str) -> int | None:
    """The positive row id ``text`` spells, or None for anything else."""
    return int(text) if _ROW_ID.fullmatch(text) else None
