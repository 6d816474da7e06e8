"""Personal links of every member at once: a CSV for the office's group-SMS or WeChat tools and a printable
A4 sheet of link cards with QR codes, for members who prefer paper. Staff only: the links open a member's
personal page without a password.
"""

from __future__ import annotations

from flask import render_template, request
from flask_babel import gettext as _

from consult.auth.permissions import staff_required
from consult.auth.scope import limit_organs, organ_scope
from consult.committee import get_committee
from consult.csv_files import csv_download
from consult.feeds.blueprint import external_url, qr_svg
from consult.form_helpers import db_int
from consult.members import queries
from consult.members.blueprint import bp
from consult.members.models import Member

# Cards on one A4 sheet: two columns of four.
CARDS_PER_SHEET = 8


def _chosen_members() -> tuple[queries.DirectoryFilter, list[Member]]:
    """Return the filter from the query (sector, organ) and the active members it selects, in member order;
    ?member=<id> keeps only that member (one card to print from the member's page)."""
    criteria = queries.DirectoryFilter(
        sector_id=request.args.get("sector", type=db_int), organ_id=request.args.get("organ", type=db_int),
        organ_ids=organ_scope(),
    )
    members = queries.directory(criteria, staff=True)
    only = request.args.get("member", type=db_int)
    if only is not None:
        members = [m for m in members if m.id == only]
    return criteria, members


def personal_link(member: Member) -> str:
    """Return the absolute address of the member's personal page (under CONSULT_PUBLIC_URL when set)."""
    return external_url("feeds.my_page", access_token=member.access_token)


def notice_text(committee_short_name: str, member: Member, link: str) -> str:
    """Return the ready message that hands a member their personal link, in the reader's language."""
    return _(
        "[%(committee)s] Dear %(name)s, this is your personal meeting page, where you can read the notices of "
        "your sittings and subscribe to their calendar: %(link)s",
        committee=committee_short_name, name=member.name, link=link,
    )


@bp.route("/members/links.csv")
@staff_required
def links_csv():
    """Every active member (or those of one sector or organ) with phone, personal link and a ready notice text."""
    _criteria, members = _chosen_members()
    short_name = get_committee().short_name
    rows = [[_("Name"), _("Sector"), _("Phone"), _("Personal link"), _("Notice text")]]
    for member in members:
        link = personal_link(member)
        rows.append([member.name, member.sector.name, member.phone, link, notice_text(short_name, member, link)])
    return csv_download(rows, "member-links.csv")


@bp.route("/members/links")
@staff_required
def link_cards():
    """A printable A4 sheet of link cards, eight a page: name, sector, what to do, the QR code of the link."""
    criteria, members = _chosen_members()
    cards = [{"member": m, "link": (link := personal_link(m)), "qr_svg": qr_svg(link)} for m in members]
    sheets = [cards[i : i + CARDS_PER_SHEET] for i in range(0, len(cards), CARDS_PER_SHEET)]
    return render_template(
        "members/link_cards.html",
        sheets=sheets,
        count=len(cards),
        criteria=criteria,
        sectors=queries.all_sectors(),
        organs=limit_organs(queries.all_organs(active_only=True)),
    )
