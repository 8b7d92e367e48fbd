"""The web chat in headless Chromium: pick a persona, send /start, see the reply, press a button."""

from __future__ import annotations

import pytest
from playwright.async_api import Page, expect

pytestmark = pytest.mark.browser

WAIT_MS = 15_000


async def _send(page: Page, text: str) -> None:
    await page.fill("#composer-input", text)
    await page.click("#send-button")


async def test_a_new_user_starts_and_chooses_a_role(page: Page):
    await page.click("button[data-new-language=en]")
    await expect(page.locator("#chat-title")).to_have_text("Newcomer 1", timeout=WAIT_MS)
    await _send(page, "/start")

    await expect(page.locator(".bubble.user").first).to_contain_text("/start", timeout=WAIT_MS)
    greeting = page.locator(".message.from-bot").first
    await expect(greeting).to_contain_text("Hello, Newcomer 1", timeout=WAIT_MS)
    role_button = page.locator(".inline-button", has_text="Social worker")
    await expect(role_button).to_be_visible(timeout=WAIT_MS)

    await role_button.click()
    await expect(page.locator(".message.from-bot").nth(1)).to_be_visible(timeout=WAIT_MS)
    await expect(page.locator(".inline-button", has_text="Social worker")).to_have_count(0)


async def test_a_seeded_social_worker_is_welcomed_back_in_chinese(page: Page):
    await page.click("button.persona[data-role=worker] >> nth=0")
    await expect(page.locator("#chat-title")).to_have_text("王芳", timeout=WAIT_MS)
    await _send(page, "/start")
    await expect(page.locator(".bubble.bot").first).to_contain_text("王芳，欢迎回来", timeout=WAIT_MS)


async def test_skipping_ahead_moves_the_clock(page: Page):
    await page.fill("#clock-days", "7")
    await page.click("#clock-button")
    await expect(page.locator("#clock-offset")).to_have_text("+7 d", timeout=WAIT_MS)
