"""Telegram: the routes from updates to flows, replies and edits, the outbox's sender, pacing
within Telegram's limits, the command menu, the webhook listener and the Bot API client."""
