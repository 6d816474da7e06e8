"""Member directory, member page, staff forms for members and sectors, and the committee settings."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from consult.auth.permissions import admin_required, all_organs_required, is_staff, staff_required
from consult.auth.scope import limit_organs, organ_scope, require_organs_of, staff_for_any
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.form_helpers import ActionForm, ConfirmForm, db_int
from consult.meetings import queries as meeting_queries
from consult.members import queries, services
from consult.members.blueprint import bp
from consult.members.forms import MemberForm, SectorForm, SettingsForm, options
from consult.members.models import PARTIES, Member, Organ, Sector

# The organs a leader keeps in touch with (分工联系): street working committees and special committees.
LIAISON_ORGAN_KINDS = ("street_committee", "special_committee")



def member_in_scope(member_id: int) -> Member:
    """Return the member, or answer 404 (also to staff limited to organs the member never sat in)."""
    member = db.session.get(Member, member_id) or abort(404)
    require_organs_of(lambda: queries.organ_ids_of_member(member.id))
    return member


# --- reading --------------------------------------------------------------------------------------


@bp.route("/members")
def directory():
    """The member directory, 50 a page: filter by sector, organ and a search; contact details for staff only."""
    staff = is_staff()
    scope = organ_scope() if staff else None
    party = request.args.get("party", "", type=str)
    criteria = queries.DirectoryFilter(
        sector_id=request.args.get("sector", type=db_int),
        organ_id=request.args.get("organ", type=db_int),
        text=request.args.get("q", "", type=str)[:100],
        party=party if party in PARTIES else "",
        include_inactive=bool(request.args.get("inactive", type=db_int)),
        organ_ids=scope,
    )
    members, total, page = queries.directory_page(
        criteria, staff=staff, page=request.args.get("page", 1, type=db_int) or 1
    )
    return render_template(
        "members/directory.html",
        members=members,
        total=total,
        page=page,
        pages=max((total + queries.DIRECTORY_PAGE_SIZE - 1) // queries.DIRECTORY_PAGE_SIZE, 1),
        filter_args={k: v for k, v in request.args.items() if k in ("q", "sector", "organ", "party", "inactive") and v},
        criteria=criteria,
        sectors=queries.all_sectors(),
        organs=limit_organs(queries.all_organs(active_only=not staff)),
        parties=PARTIES,
        today=clock.today(),
        staff=staff,
    )


@bp.route("/members/<int:member_id>")
def detail(member_id: int):
    """A member's page: sector, role, organs, coming sittings; phone, email and personal link for staff (of one of
    the member's organs, for staff limited to some organs: a visitor's page otherwise)."""
    member = queries.member_for_page(member_id)
    staff = member is not None and is_staff() and staff_for_any(seat.organ_id for seat in member.memberships)
    if member is None or (not member.active and not staff):
        abort(404)
    today = clock.today()
    seats = sorted((m for m in member.memberships if m.active_on(today)), key=lambda m: (m.organ.position, m.organ.id))
    return render_template(
        "members/detail.html",
        member=member,
        seats=seats,
        organs=[seat.organ for seat in seats],
        sittings=meeting_queries.coming_sittings(
            audience=meeting_queries.Audience(staff=True, organ_ids=organ_scope()) if staff else meeting_queries.PUBLIC,
            member_id=member.id, now=clock.now(),
        ),
        staff=staff,
    )


# --- member forms ---------------------------------------------------------------------------------


def _member_choices(form: MemberForm, member: Member | None = None) -> None:
    form.sector_id.choices = options((s.id, s.name) for s in queries.all_sectors())
    organs = queries.all_organs()
    form.organ_ids.choices = options((o.id, o.name) for o in organs if o.active or (member and o in member.organs))
    form.liaison_sector_ids.choices = options((s.id, s.name) for s in queries.all_sectors())
    form.liaison_organ_ids.choices = options(
        (o.id, o.name) for o in organs
        if o.kind in LIAISON_ORGAN_KINDS and (o.active or (member and o in member.liaison_organs))
    )


def _member_fields(form: MemberForm) -> dict:
    return {
        "name": form.name.data,
        "role": form.role.data,
        "is_standing": form.is_standing.data,
        "protocol_order": form.protocol_order.data or 0,
        "gender": form.gender.data or "",
        "party": form.party.data or "",
        "liaison_sectors": _chosen(Sector, form.liaison_sector_ids.data if form.role.data else []),
        "liaison_organs": _chosen(Organ, form.liaison_organ_ids.data if form.role.data else []),
        "member_number": form.member_number.data,
        "affiliation": form.affiliation.data or "",
        "phone": form.phone.data or "",
        "email": form.email.data or "",
        "active": form.active.data,
    }


def _chosen_organs(ids: list[int]) -> list[Organ]:
    return _chosen(Organ, ids)


def _chosen(model, ids: list[int]) -> list:
    return list(db.session.scalars(select(model).where(model.id.in_(ids)))) if ids else []


def _save_member(form: MemberForm, save) -> bool:
    """Run `save()`; return False with the reason on the 常委 box when there is no standing committee."""
    try:
        save()
    except services.NoStandingCommittee:
        db.session.rollback()
        form.is_standing.errors = [_("There is no standing committee to put the member in; add that organ first.")]
        return False
    return True


@bp.route("/members/new", methods=["GET", "POST"])
@all_organs_required
def new_member():
    """Staff add a member."""
    form = MemberForm()
    _member_choices(form)
    if not form.sector_id.choices:
        flash(_("Add a sector first: every member belongs to one."), "warning")
        return redirect(url_for("members.sectors"))
    created: list[Member] = []
    if form.validate_on_submit() and _save_member(form, lambda: created.append(services.create_member(
        db.session.get(Sector, form.sector_id.data), _chosen_organs(form.organ_ids.data), **_member_fields(form)
    ))):
        member = created[0]
        db.session.commit()
        flash(_("%(name)s was added.", name=member.name), "success")
        return redirect(url_for("members.detail", member_id=member.id))
    return render_template("members/form.html", form=form, member=None), 400 if form.errors else 200


@bp.route("/members/<int:member_id>/edit", methods=["GET", "POST"])
@all_organs_required
def edit_member(member_id: int):
    """Staff edit a member."""
    member = queries.member_for_page(member_id) or abort(404)
    form = MemberForm(obj=member, member_id=member.id)
    _member_choices(form, member)
    if request.method == "GET":
        form.role.data = member.role or ""
        form.organ_ids.data = [o.id for o in member.organs]
        form.is_standing.data = member.is_standing
        form.liaison_sector_ids.data = [s.id for s in member.liaison_sectors]
        form.liaison_organ_ids.data = [o.id for o in member.liaison_organs]
    if form.validate_on_submit() and _save_member(form, lambda: services.update_member(
        member, db.session.get(Sector, form.sector_id.data), _chosen_organs(form.organ_ids.data),
        **_member_fields(form),
    )):
        db.session.commit()
        flash(_("%(name)s was saved.", name=member.name), "success")
        return redirect(url_for("members.detail", member_id=member.id))
    return render_template("members/form.html", form=form, member=member), 400 if form.errors else 200


@bp.route("/members/<int:member_id>/deactivate", methods=["GET", "POST"])
@all_organs_required
def deactivate(member_id: int):
    """Staff mark a member as no longer serving (原委员): kept in past records, no longer invited by default.
    A confirmation page first; only its button acts."""
    member = db.session.get(Member, member_id) or abort(404)
    form = ConfirmForm()
    if not member.active:
        return redirect(url_for("members.detail", member_id=member.id))
    if not form.confirmed_on_submit():
        return render_template(
            "_confirm.html",
            heading=_("Mark %(name)s as a former member?", name=member.name),
            warnings=[
                _("%(name)s will no longer be invited to new sittings by default and will leave the directory and "
                  "the organs' member lists. Past sittings and records keep the name.", name=member.name),
            ],
            action=url_for("members.deactivate", member_id=member.id),
            button=_("Yes, mark as former member"),
            back=url_for("members.detail", member_id=member.id),
            form=form,
        )
    return _set_active(member_id, False)


@bp.route("/members/<int:member_id>/feed-token/confirm")
@staff_required
def confirm_new_calendar_address(member_id: int):
    """The confirmation page before staff give a member a new calendar address (the old one stops working);
    its button posts to the feeds' rotate_member_token."""
    member = member_in_scope(member_id)
    back = url_for("members.detail", member_id=member.id)
    return render_template(
        "_confirm.html",
        heading=_("Give %(name)s a new calendar address?", name=member.name),
        warnings=[
            _("The old address stops working at once: the calendar on %(name)s's phone stops updating until they "
              "subscribe again with the new address.", name=member.name),
            _("Do this only when the old address was shared with someone else or lost."),
        ],
        action=url_for("feeds.rotate_member_token", member_id=member.id),
        button=_("Yes, make a new address"),
        back=back,
        form=ConfirmForm(),
        extra={"next": back},
    )


@bp.route("/members/<int:member_id>/reactivate", methods=["POST"])
@all_organs_required
def reactivate(member_id: int):
    """Staff make a former member active again."""
    return _set_active(member_id, True)


def _set_active(member_id: int, active: bool):
    member = db.session.get(Member, member_id) or abort(404)
    if not (ConfirmForm().confirmed_on_submit() if not active else ActionForm().validate_on_submit()):
        abort(400)
    services.set_member_active(member, active)
    db.session.commit()
    if active:
        flash(_("%(name)s is an active member again.", name=member.name), "success")
    else:
        flash(_("%(name)s is no longer an active member.", name=member.name), "success")
    return redirect(url_for("members.detail", member_id=member.id))


# --- sectors --------------------------------------------------------------------------------------


@bp.route("/sectors")
def sectors():
    """The sectors and their member counts; staff add and rename sectors here."""
    return _render_sectors(SectorForm() if is_staff() and organ_scope() is None else None)


@bp.route("/sectors", methods=["POST"])
@all_organs_required
def add_sector():
    """Staff add a sector."""
    form = SectorForm()
    if form.validate_on_submit():
        sector = services.create_sector(form.name.data)
        db.session.commit()
        flash(_("The sector %(name)s was added.", name=sector.name), "success")
        return redirect(url_for("members.sectors"))
    return _render_sectors(form, status=400)


def _render_sectors(form: SectorForm | None, status: int = 200):
    return render_template("members/sectors.html", sectors=queries.sectors_with_counts(), form=form), status


@bp.route("/sectors/<int:sector_id>/edit", methods=["GET", "POST"])
@all_organs_required
def rename_sector(sector_id: int):
    """Staff rename a sector."""
    sector = db.session.get(Sector, sector_id) or abort(404)
    form = SectorForm(obj=sector, sector_id=sector.id)
    if form.validate_on_submit():
        services.rename_sector(sector, form.name.data)
        db.session.commit()
        flash(_("The sector was renamed to %(name)s.", name=sector.name), "success")
        return redirect(url_for("members.sectors"))
    return render_template("members/sector_form.html", form=form, sector=sector), 400 if form.errors else 200


# --- the committee --------------------------------------------------------------------------------


@bp.route("/settings", methods=["GET", "POST"])
@admin_required
def settings():
    """Admins set the committee's name and its formal parts, the prefix of sitting names (区政协), the
    current term (届), time zone and how many days before a sitting members ask for leave."""
    committee = get_committee()
    form = SettingsForm(obj=committee)
    if form.validate_on_submit():
        services.update_committee(
            form.name.data, form.short_name.data, form.term.data, form.time_zone.data,
            formal_prefix=form.formal_prefix.data, formal_suffix=form.formal_suffix.data,
            leave_deadline_days=form.leave_deadline_days.data,
            minutes_masthead=form.minutes_masthead.data, minutes_office=form.minutes_office.data,
            minutes_red_rule=form.minutes_red_rule.data,
        )
        db.session.commit()
        flash(_("The committee's settings were saved."), "success")
        return redirect(url_for("members.settings"))
    return render_template("members/settings.html", form=form, committee_name=committee.name), (
        400 if form.errors else 200)
