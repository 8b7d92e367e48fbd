"""The channels people reach the bot through. Each one turns its updates into calls of the flows
and sends their plain outcomes back; nothing outside this package (but the entry points) knows a
channel's types. Today there is one: Telegram."""
