"""The web chat in headless Chromium: pick a persona, send /start, see the reply, press a button."""

from __future__ import annotations

import asyncio

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

    await role_button.click()  # the greeting keeps its text, the first question under it
    await expect(greeting).to_contain_text("What is your full name?", timeout=WAIT_MS)
    await expect(greeting).to_contain_text("Hello, Newcomer 1")
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


async def test_new_users_come_first_in_the_persona_list(page: Page):
    first = page.locator("nav.personas button.persona").first
    await expect(first).to_have_attribute("data-new-language", "zh", timeout=WAIT_MS)
    await page.click("button[data-new-language=zh]")
    await expect(page.locator("#persona-list .persona").first).to_have_attribute("data-role", "new",
                                                                                timeout=WAIT_MS)


async def test_the_stats_chart_is_an_image_and_the_chat_scrolls_past_it(page: Page):
    async def slowly(route):  # a picture arriving after the chat is drawn, as on a real network
        await asyncio.sleep(0.8)
        await route.continue_()
    await page.route("**/photos/**", slowly)  # (routing also turns the browser's cache off)
    await page.click("button.persona[data-role=director]")
    await _send(page, "/stats")
    chart = page.locator(".bubble img")
    await expect(chart).to_be_visible(timeout=WAIT_MS)
    await page.wait_for_function("() => document.querySelector('.bubble img').complete")
    natural = await chart.evaluate("img => img.naturalWidth")
    assert natural > 0  # the browser decoded it: served as an image
    await _send(page, "/help")
    last = page.locator(".bubble.bot").last
    await expect(last).to_contain_text("/queue", timeout=WAIT_MS)
    await page.wait_for_timeout(1500)  # a poll or two more: the view must stay at the end
    at_end = await page.evaluate(
        "() => { const m = document.getElementById('messages');"
        " return m.scrollHeight - m.scrollTop - m.clientHeight < 2; }")
    assert at_end
    await expect(last).to_be_in_viewport()


async def test_the_director_opens_the_best_request_and_its_candidates_in_one_message(page: Page):
    await page.click("button.persona[data-role=director] >> nth=0")
    await _send(page, "/queue")
    first_request = page.locator(".inline-button", has_text="1. ")
    await expect(first_request).to_be_visible(timeout=WAIT_MS)
    await first_request.click()
    await page.locator(".inline-button", has_text="其他人选").click(timeout=WAIT_MS)
    await expect(page.locator(".inline-button", has_text="✅ 1.")).to_be_visible(timeout=WAIT_MS)
    await expect(page.locator(".message.from-bot")).to_have_count(2)  # the summary, and one edited message
