"""Local times of day: quiet hours, and the next time the clock shows "09:00" in Jinan.

Times in the database are UTC; the association thinks in its own time zone, so every
"at 09:00" and "not after 21:00" is worked out here, in ``[association] timezone``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.config import Settings


def time_of_day(text: str) -> time:
    """ "HH:MM" (validated by the config) as a time."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def zone_of(settings: Settings) -> ZoneInfo:
    return ZoneInfo(settings.association.timezone)


def in_quiet_hours(moment: datetime, settings: Settings) -> bool:
    """Whether non-urgent messages wait now. Equal start and end turn quiet hours off."""
    start = time_of_day(settings.followups.quiet_hours_start)
    end = time_of_day(settings.followups.quiet_hours_end)
    if start == end:
        return False
    local = moment.astimezone(zone_of(settings)).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end  # quiet hours across midnight (21:00-08:00)


def next_local_time(after: datetime, at: str, settings: Settings) -> datetime:
    """The first moment strictly after ``after`` when the local clock shows ``at``."""
    zone = zone_of(settings)
    local = after.astimezone(zone)
    wanted = time_of_day(at)
    candidate = datetime.combine(local.date(), wanted, tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), wanted, tzinfo=zone)
    return candidate.astimezone(after.tzinfo)


def same_time_on(moment: datetime, day: date, settings: Settings) -> datetime:
    """``moment``'s local time of day on the local date ``day`` (in ``moment``'s time zone)."""
    zone = zone_of(settings)
    return datetime.combine(day, moment.astimezone(zone).time(), tzinfo=zone).astimezone(moment.tzinfo)


def local_date(moment: datetime, settings: Settings) -> str:
    """The local calendar date, as people read it in messages."""
    return moment.astimezone(zone_of(settings)).date().isoformat()
