"""matchbot: the Telegram side of the placement cycle (handlers, store, schedule, sandbox)."""
