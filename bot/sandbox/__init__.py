"""A local Telegram Bot API emulator, for end-to-end tests and for trying the bot offline.

The emulator speaks the Bot API over HTTP (python-telegram-bot talks to it unchanged through
``telegram.base_url``), enforces Telegram's limits and error texts, lets tests inject faults,
and plays the people: they send texts and contacts, press buttons, forge presses, and read
their chat. ``matchbot sandbox`` adds a web chat on top (:mod:`bot.sandbox.runner`).
"""
