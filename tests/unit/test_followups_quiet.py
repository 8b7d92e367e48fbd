"""Quiet hours and local times of day, in the association's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.config import default_settings
from bot.followups.quiet import in_quiet_hours, local_date, next_local_time

JINAN = ZoneInfo("Asia/Shanghai")


def jinan(hour: int, minute: int = 0, day: int = 28) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=JINAN)


@pytest.mark.parametrize(("hour", "minute", "quiet"), [
    (20, 59, False), (21, 0, True), (23, 30, True), (0, 0, True), (7, 59, True), (8, 0, False), (12, 0, False)])
def test_default_quiet_hours_run_from_nine_at_night_to_eight_in_the_morning(hour, minute, quiet):
    assert in_quiet_hours(jinan(hour, minute).astimezone(UTC), default_settings()) is quiet


def test_equal_start_and_end_turn_quiet_hours_off():
    settings = default_settings(followups={"quiet_hours_start": "00:00", "quiet_hours_end": "00:00"})
    assert not any(in_quiet_hours(jinan(hour), settings) for hour in range(24))


def test_quiet_hours_within_one_day_are_honoured_too():
    settings = default_settings(followups={"quiet_hours_start": "12:00", "quiet_hours_end": "14:00"})
    assert [hour for hour in range(24) if in_quiet_hours(jinan(hour), settings)] == [12, 13]


def test_quiet_hours_follow_the_configured_time_zone():
    settings = default_settings(association={"timezone": "Europe/London"})
    london_noon = datetime(2026, 11, 28, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    assert not in_quiet_hours(london_noon, settings)
    assert in_quiet_hours(london_noon.replace(hour=22), settings)


def test_the_next_digest_time_is_later_today_or_else_tomorrow():
    settings = default_settings()
    before = next_local_time(jinan(8, 59).astimezone(UTC), "09:00", settings)
    assert before == jinan(9, 0) and before.tzinfo == UTC
    assert next_local_time(jinan(9, 0).astimezone(UTC), "09:00", settings) == jinan(9, 0, day=29)
    assert next_local_time(jinan(23, 0).astimezone(UTC), "09:00", settings) == jinan(9, 0, day=29)


def test_the_local_date_is_jinans_not_utcs():
    assert local_date(jinan(1, 0).astimezone(UTC), default_settings()) == "2026-11-28"
