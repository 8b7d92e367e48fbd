"""Take docs/director-desk.png: the seeded sandbox, the association director's chat, /queue, the
best request opened into its proposal card, then its candidates, each with a button.

    .venv/bin/python scripts/director_desk_screenshot.py [OUT.png]

Needs Debian's chromium (scripts/install-system-packages.sh). The sandbox runs on a temporary
database and a free port, and stops when the picture is taken.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from playwright.async_api import Page, async_playwright, expect

from bot.config import default_settings
from bot.sandbox.runner import SandboxPlan, run_sandbox

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WAIT_MS = 20_000


async def walk_the_desk(page: Page) -> None:
    await page.click("button.persona[data-role=director] >> nth=0")
    await page.fill("#composer-input", "/queue")
    await page.click("#send-button")
    first_request = page.locator(".inline-button", has_text="1. ")
    await expect(first_request).to_be_visible(timeout=WAIT_MS)
    await first_request.click()
    others = page.locator(".inline-button", has_text="其他人选")
    await expect(others).to_be_visible(timeout=WAIT_MS)
    await others.click()
    await expect(page.locator(".inline-button", has_text="✅ 1.")).to_be_visible(timeout=WAIT_MS)


async def main(out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ready: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        stop = asyncio.Event()
        plan = SandboxPlan(database=Path(folder) / "sandbox.sqlite3", port=0)
        running = asyncio.create_task(run_sandbox(default_settings(), plan, stop, on_ready=ready.set_result))
        try:
            url = await asyncio.wait_for(ready, 60)
            async with async_playwright() as playwright:
                browser = await playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = await (await browser.new_context(viewport={"width": 1100, "height": 900})).new_page()
                await page.goto(url)
                await walk_the_desk(page)
                await page.wait_for_timeout(500)  # the last edit drawn
                await page.screenshot(path=str(out))
                await browser.close()
        finally:
            stop.set()
            await running
    print(f"wrote {out}")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "director-desk.png"))
