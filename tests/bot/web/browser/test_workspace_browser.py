"""Staff in a real browser: log in, filter the inbox, answer a ticket that reaches the official
through the running bot, approve an FAQ draft, read the yearly report with its chart."""

from __future__ import annotations

import asyncio
from pathlib import Path

from playwright.async_api import Browser, Page, expect

from bot.storage import DraftStatus, Storage
from bot.workspace import Workspace
from tests.bot.queue.conftest import OFFICIAL, STAFF_CHAT, Launch, escalate, settled, ticket_of, wait_send
from tests.support.fakes import FakeBotAPI
from tests.support.workspace import PASSWORD, seed_ticket

from ..conftest import ADMIN_EMAIL, STAFF_EMAIL

ANSWER = "Ja: de LIVC R mag die informatie delen binnen het gedeeld beroepsgeheim (art. 458ter Sw.)."


async def log_in(page: Page, base: str, email: str) -> None:
    await page.goto(f"{base}/login")
    await page.fill("input[name=email]", email)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("button[type=submit]")
    await expect(page.get_by_role("heading", name="Inbox")).to_be_visible()


async def test_staff_work_a_ticket_in_the_browser(
    launch: Launch, fake_bot_api: FakeBotAPI, storage: Storage, browser: Browser, web_url: str,
    browser_workspace: Workspace, published: list[int], shots: Path,
) -> None:  # fmt: skip
    async with launch():
        number = ticket_of(await escalate(fake_bot_api))
        other = await asyncio.to_thread(seed_ticket, browser_workspace.queue, 5151,
                                        "Hoe gaan we om met online haat tegen onze burgemeester?", government="Gent",
                                        source="online")  # fmt: skip
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(page, web_url, STAFF_EMAIL)
        rows = page.locator("tr[data-ticket-id]")
        await expect(rows).to_have_count(2)
        await page.screenshot(path=str(shots / "workspace-inbox.png"), full_page=True)

        await page.select_option("select[name=gemeente]", "Gent")  # htmx swaps the list in place
        await expect(rows).to_have_count(1)
        await expect(page.locator(f'tr[data-ticket-id="{other.id}"]')).to_be_visible()
        assert "gemeente=Gent" in page.url

        await page.goto(f"{web_url}/")
        await page.click(f'tr[data-ticket-id="{number}"] a >> nth=0')
        await expect(page.get_by_role("heading", name=f"Vraag {number}")).to_be_visible()
        await page.fill("textarea[name=answer]", ANSWER)
        await page.screenshot(path=str(shots / "workspace-ticket.png"), full_page=True)
        await page.click("button[name=send]")
        await expect(page.get_by_role("status")).to_contain_text("bezorgt")
        relay = await wait_send(fake_bot_api, OFFICIAL, "gedeeld beroepsgeheim")
        copy = await wait_send(fake_bot_api, STAFF_CHAT, "gedeeld beroepsgeheim")
        assert "via de werkplek" in str(copy.params["text"])
        await page.click("text=Maak FAQ")
        await expect(page.locator("section.draft")).to_have_count(1)
        await expect(page.locator("button", has_text="Goedkeuren")).to_have_count(0)  # staff: not an admin
        await settled(storage)

        admin = await browser.new_page(viewport={"width": 1280, "height": 900})
        await log_in(admin, web_url, ADMIN_EMAIL)
        await admin.goto(f"{web_url}/faq")
        await admin.click("section.draft form[action$='/approve'] button")
        await expect(admin.get_by_role("status")).to_contain_text("binnen een minuut")
        assert browser_workspace.publisher is not None
        assert await asyncio.to_thread(browser_workspace.publisher.idle.wait, 10) and published == [1]

        await admin.goto(f"{web_url}/reports")
        chart = admin.locator("svg.pygal-chart").first
        await expect(chart).to_be_visible()
        await admin.screenshot(path=str(shots / "workspace-report.png"), full_page=True)

    assert "Antwoord van Team Veiligheid" in str(relay.params["text"]) and ANSWER in str(relay.params["text"])
    [draft] = storage.faq_drafts.list_drafts(DraftStatus.APPROVED)
    assert draft.ticket_id == number


async def test_the_inbox_works_on_a_phone(browser: Browser, web_url: str, browser_workspace: Workspace) -> None:
    ticket = await asyncio.to_thread(seed_ticket, browser_workspace.queue, 4242, "Wie zit er in de LIVC R?")
    page = await browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
    await log_in(page, web_url, STAFF_EMAIL)
    row = page.locator(f'tr[data-ticket-id="{ticket.id}"]')
    await expect(row).to_be_visible()
    box = await row.bounding_box()
    assert box is not None and box["width"] <= 390  # one column, no sideways scrolling
    await page.keyboard.press("Tab")  # the skip link comes first
    assert await page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
