"""matchbot: the placement cycle in chat (channels, feature flows, store, schedule, sandbox)."""

import os

# python-telegram-bot 22 warns on every read of a duration as a number (RetryAfter.retry_after
# included, which AIORateLimiter reads on a 429); opting in to timedelta values silences that
# deprecation path for good. Set before telegram is imported anywhere in the bot.
os.environ.setdefault("PTB_TIMEDELTA", "1")
