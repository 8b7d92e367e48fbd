"""The greeting names the association from the config, or says "our association" without one."""

from __future__ import annotations

from bot.texts import t

from .chat import expect
from .conftest import DIRECTOR_ID, bot_settings, polling_sandbox


async def test_the_greeting_names_the_configured_association(emulator, tmp_path, clock):
    settings = bot_settings(emulator, tmp_path / "g.sqlite3", (DIRECTOR_ID,),
                            association={"name": "市中区社会工作者协会"})
    async with polling_sandbox(emulator, settings, clock) as sandbox:
        wang = sandbox.user(401, "王芳", lang="zh")
        await wang.send("/start")
        greeting = await expect(wang, "您好")
        assert "我是市中区社会工作者协会的对接机器人" in greeting.text


async def test_without_a_name_the_greeting_says_our_association(sandbox):
    tom = sandbox.user(402, "Tom", lang="en")
    await tom.send("/start")
    greeting = await expect(tom, "Hello, Tom")
    assert f"I work for {t('en', 'start.our_association')}," in greeting.text
