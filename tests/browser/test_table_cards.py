"""Table cards printed by Chromium: one A5 card, and an A4 sheet with two cards to a page, none cut."""

from __future__ import annotations

import re

from sqlalchemy import select

from consult.meetings.models import Meeting


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_table_cards_print_whole(staff_page, db_session):
    page = staff_page
    meeting_id = db_session.scalar(select(Meeting.id).where(Meeting.status == "published").order_by(Meeting.id))
    page.goto(f"/meetings/{meeting_id}/table-cards?tables=5")
    assert page.locator(".table-card").count() == 5 and page.locator(".table-card svg").count() == 5
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden() and page.locator("form.filters").is_hidden()
    heights = page.locator(".table-card").evaluate_all("cards => cards.map(c => c.getBoundingClientRect().height)")
    assert max(heights) <= (297 - 16) / 2 / 25.4 * 96  # two to the printable height of an A4 page
    assert _pages(page.pdf(prefer_css_page_size=True)) == 3
    page.goto(f"/meetings/{meeting_id}/table-card")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    assert _pages(pdf) == 1
    size = re.search(rb"/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)", pdf)
    assert size and round(float(size.group(1))) == 595 and round(float(size.group(2))) == 420  # A5 landscape
