"""Restart-safe forms: every answer is committed before the reply, so a bot stopped mid-form (even
with ``kill -9``) and started again continues at the same question with every earlier answer."""

from __future__ import annotations

import asyncio
import json
import signal
from pathlib import Path

from bot.app import build_application
from bot.sandbox.application import polling
from bot.sandbox.emulator import Emulator
from bot.texts import t

from .chat import (
    answer,
    choose,
    db_rows,
    expect,
    plain,
    settings_for,
    worker_profile_fields_to_summary,
    worker_profile_to_skills,
)
from .driver import ChatUser, Sandbox
from .processes import bot_process, write_config


async def confirm_skills_and_submit(tom: ChatUser) -> None:
    await choose(tom, t("en", "skills.buttons.yes"), plain("en", "worker_form.ask_fields"))
    await worker_profile_fields_to_summary(tom)
    summary = tom.last_bot_message()
    assert all(value in summary.text for value in ("Tom Li", "+86 139 1234 5679", "Lixia District"))
    await choose(tom, t("en", "common.buttons.submit"), plain("en", "worker_form.submitted"))


def assert_profile_stored(database: Path) -> None:
    [row] = db_rows(database, "SELECT * FROM workers")
    assert (row["name"], row["phone"], row["district"]) == ("Tom Li", "+8613912345679", "lixia")
    assert "psychological_counselling" in json.loads(row["skills"])
    assert (row["years_experience"], row["hours_per_week"], row["max_placements"]) == (3, 10, 1)
    assert db_rows(database, "SELECT * FROM drafts") == []


async def test_a_bot_stopped_mid_form_and_started_again_resumes_at_the_same_question(
        emulator, tmp_path, clock):
    database = tmp_path / "restart.sqlite3"
    settings = settings_for(emulator, database)
    tom = Sandbox(emulator).user(601, "Tom", lang="en")
    async with polling(build_application(settings, clock=clock)):
        await worker_profile_to_skills(tom)
    # The bot is down: this answer waits with Telegram (here, the emulator) until it is back.
    await tom.send("counselling, elderly care")
    async with polling(build_application(settings, clock=clock)):
        await expect(tom, plain("en", "skills.understood"), within=1)
        await confirm_skills_and_submit(tom)
    assert_profile_stored(database)


async def test_start_after_a_restart_picks_up_the_form_where_it_was(emulator, tmp_path, clock):
    settings = settings_for(emulator, tmp_path / "resume.sqlite3")
    tom = Sandbox(emulator).user(602, "Tom", lang="en")
    async with polling(build_application(settings, clock=clock)):
        await worker_profile_to_skills(tom)
    async with polling(build_application(settings, clock=clock)):
        await tom.send("/start")
        await expect(tom, plain("en", "start.resume_form"), within=1)
        skills = await expect(tom, plain("en", "worker_form.ask_skills"), within=1)
        assert plain("en", "common.step", n=4, total=12) in skills.text


async def kill_9(emulator: Emulator, process: asyncio.subprocess.Process) -> None:
    """SIGKILL once the bot has taken every update (Telegram would otherwise send it again)."""
    await emulator.state.signal.wait_for(lambda: emulator.state.updates.pending_count == 0, 10.0)
    process.send_signal(signal.SIGKILL)
    assert await process.wait() == -signal.SIGKILL


async def test_a_bot_killed_with_sigkill_mid_form_resumes_where_the_person_was(emulator, tmp_path):
    config = write_config(tmp_path, emulator, tmp_path / "killed.sqlite3", logging={"level": "INFO"})
    log = tmp_path / "bot.log"
    tom = Sandbox(emulator, wait_seconds=30.0).user(603, "Tom", lang="en")
    async with bot_process(emulator, config, log) as first:
        await worker_profile_to_skills(tom)
        await answer(tom, "counselling, elderly care", plain("en", "skills.understood"), within=1)
        await kill_9(emulator, first)
    await tom.press(t("en", "skills.buttons.yes"))  # pressed while the bot is dead
    async with bot_process(emulator, config, log):
        await expect(tom, plain("en", "worker_form.ask_fields"), within=1)
        await tom.press(t("en", "common.buttons.back"))
        await expect(tom, plain("en", "worker_form.ask_skills"), within=1)
        await answer(tom, "counselling, elderly care", plain("en", "skills.understood"), within=1)
        await confirm_skills_and_submit(tom)
    assert_profile_stored(tmp_path / "killed.sqlite3")
