"""Follow-ups on a schedule: check-ins, offer reminders and expiry, the directors' digest, nudges.

Due work is rows in the ``followups`` table (the outbox), written in the transaction of the change
that causes them (``schedule``). The channel's outbox job (``bot.channels.telegram.outbox``) claims
due rows, works out what each says (``prepare``), sends it and records what happened
(``outcomes``); quiet hours hold what is not urgent (``quiet``). People answer check-ins with
buttons and a short form (``answers``).
"""
