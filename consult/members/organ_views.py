"""Organ directory, organ page and the staff organ form."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from consult.auth.permissions import is_staff, staff_required
from consult.committee import clock
from consult.extensions import db
from consult.meetings import queries as meeting_queries
from consult.members import queries, services
from consult.members.blueprint import bp
from consult.members.forms import OrganForm, options
from consult.members.models import Member, Organ


@bp.route("/organs")
def organs():
    """The organs: kind, member count and quorum rule; staff also see inactive ones."""
    staff = is_staff()
    return render_template("members/organs.html", organs=queries.organs_with_counts(include_inactive=staff),
                           staff=staff)


@bp.route("/organs/<slug>")
def organ_detail(slug: str):
    """An organ: its members (leadership first), quorum rule, notice days and coming sittings."""
    staff = is_staff()
    organ = queries.organ_for_page(slug)
    if organ is None or (not organ.active and not staff):
        abort(404)
    members = queries.sort_by_leadership([m for m in organ.members if m.active])
    return render_template(
        "members/organ_detail.html",
        organ=organ,
        members=members,
        former=[] if not staff else queries.sort_by_leadership([m for m in organ.members if not m.active]),
        sittings=meeting_queries.coming_sittings(
            audience=meeting_queries.STAFF if staff else meeting_queries.PUBLIC, organ_id=organ.id, now=clock.now()
        ),
        staff=staff,
    )


def _member_choices(form: OrganForm, organ: Organ | None = None) -> list[Member]:
    """Set the member checkboxes: active members, and inactive ones still in the organ. Returns them."""
    members = queries.members_for_choice()
    if organ is not None:
        known = {m.id for m in members}
        members += [m for m in organ.members if m.id not in known]
    form.member_ids.choices = options((m.id, m.name) for m in members)
    return members


def _organ_fields(form: OrganForm) -> dict:
    return {
        "kind": form.kind.data,
        "name": form.name.data,
        "slug": form.slug.data,
        "number_label": form.number_label.data or "",
        "quorum_rule": form.quorum_rule.data,
        "notice_days": form.notice_days.data,
        "prior_sittings_in_term": form.prior_sittings_in_term.data or 0,
        "active": form.active.data,
        "description": form.description.data or "",
    }


def _chosen_members(ids: list[int]) -> list[Member]:
    return list(db.session.scalars(select(Member).where(Member.id.in_(ids)))) if ids else []


def _render_form(form: OrganForm, members: list[Member], organ: Organ | None):
    by_sector: dict[str, list[Member]] = {}
    for member in members:
        by_sector.setdefault(member.sector.name, []).append(member)
    chosen = set(form.member_ids.data or [])
    status = 400 if form.errors else 200
    return render_template("members/organ_form.html", form=form, organ=organ, by_sector=by_sector,
                           chosen=chosen), status


@bp.route("/organs/new", methods=["GET", "POST"])
@staff_required
def new_organ():
    """Staff create an organ."""
    form = OrganForm()
    members = _member_choices(form)
    if form.validate_on_submit():
        organ = services.create_organ(_chosen_members(form.member_ids.data), **_organ_fields(form))
        db.session.commit()
        flash(_("The organ %(name)s was created.", name=organ.name), "success")
        return redirect(url_for("members.organ_detail", slug=organ.slug))
    return _render_form(form, members, None)


@bp.route("/organs/<slug>/edit", methods=["GET", "POST"])
@staff_required
def edit_organ(slug: str):
    """Staff edit an organ: kind, names, quorum, notice, prior sittings, members."""
    organ = queries.organ_for_page(slug) or abort(404)
    form = OrganForm(obj=organ, organ_id=organ.id)
    members = _member_choices(form, organ)
    if request.method == "GET":
        form.member_ids.data = [m.id for m in organ.members]
    if form.validate_on_submit():
        services.update_organ(organ, _chosen_members(form.member_ids.data), **_organ_fields(form))
        db.session.commit()
        flash(_("The organ %(name)s was saved.", name=organ.name), "success")
        return redirect(url_for("members.organ_detail", slug=organ.slug))
    return _render_form(form, members, organ)
