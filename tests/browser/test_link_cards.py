"""The sheet of members' link cards printed by Chromium: eight cards to an A4 page, no card cut by a page break."""

from __future__ import annotations

import math
import re

from sqlalchemy import func, select

from consult.members.models import Member


def test_link_cards_print_eight_to_an_a4_page(staff_page, db_session):
    page = staff_page
    active = db_session.scalar(select(func.count(Member.id)).where(Member.active.is_(True)))
    page.goto("/members/links")
    assert page.locator(".link-card").count() == active
    page.emulate_media(media="print")
    # Each sheet of cards fits the printable height of an A4 page (297 mm less 2 × 10 mm margins).
    heights = page.locator(".link-sheet").evaluate_all("sheets => sheets.map(s => s.getBoundingClientRect().height)")
    assert heights and max(heights) <= (297 - 20) / 25.4 * 96
    assert page.locator(".site-nav").is_hidden() and page.locator("form.filters").is_hidden()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == math.ceil(active / 8)
