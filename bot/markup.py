"""HTML for Telegram messages: what people typed is escaped before it goes into one."""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """Text safe inside an HTML message (Telegram needs only <, > and & escaped)."""
    return html.escape(text, quote=False)
