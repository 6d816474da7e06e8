"""Organ directory, organ page and the staff organ form."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from consult.auth.permissions import all_organs_required, is_staff, staff_required
from consult.auth.scope import organ_scope, require_organ, staff_for
from consult.committee import clock
from consult.extensions import db
from consult.meetings import queries as meeting_queries
from consult.members import queries, services
from consult.members.blueprint import bp
from consult.members.forms import CompositionForm, OrganForm, options
from consult.members.models import POST_LABELS, Member, Organ
from consult.members.posts import post_rank, posts_of_kind


@bp.route("/organs")
def organs():
    """The organs: kind, member count and quorum rule; staff also see inactive ones."""
    staff = is_staff()
    return render_template("members/organs.html", organs=queries.organs_with_counts(include_inactive=staff),
                           staff=staff)


@bp.route("/organs/<slug>")
def organ_detail(slug: str):
    """An organ: its composition today (leaders, post holders, then stroke order), rules and coming sittings.

    Staff edit the members' posts and membership dates here.
    """
    organ = queries.organ_for_page(_clean_slug(slug))
    staff = organ is not None and staff_for(organ.id)  # another organ's page opens as a visitor sees it
    if organ is None or (not organ.active and not staff):
        abort(404)
    return _organ_page(organ, staff)


def _clean_slug(slug: str) -> str:
    """Return the slug, or "" (no organ) when it could not be one: NUL bytes or over-long text."""
    return "" if "\x00" in slug or len(slug) > 60 else slug


def _organ_page(organ: Organ, staff: bool, typed: dict | None = None, problems: list[str] | None = None,
                status: int = 200):
    today = clock.today()
    memberships = queries.memberships_for_organ(organ.id)
    seats = sorted(
        (ms for ms in memberships if ms.member.active and ms.active_on(today)),
        key=lambda ms: (queries.member_sort_key(ms.member)[:3], post_rank(organ.kind, ms.post),
                        queries.member_sort_key(ms.member)[3:]),
    )
    former = [ms for ms in memberships if not (ms.member.active and ms.active_on(today))] if staff else []
    return render_template(
        "members/organ_detail.html",
        organ=organ,
        seats=seats,
        members=[ms.member for ms in seats],
        former=former,
        posts=posts_of_kind(organ.kind),
        composition_form=CompositionForm() if staff else None,
        typed=typed or {},
        problems=problems or [],
        sittings=meeting_queries.coming_sittings(
            audience=meeting_queries.Audience(staff=True, organ_ids=organ_scope()) if staff else meeting_queries.PUBLIC,
            organ_id=organ.id, now=clock.now(),
        ),
        staff=staff,
    ), status


def _read_seats(organ: Organ, memberships) -> tuple[list[services.SeatChange], dict, list[str]]:
    """Return the seats the composition form asks for, what was typed (to show again) and the problems
    of the values themselves (unreadable dates)."""
    typed: dict[int, dict[str, str]] = {}
    seats: list[services.SeatChange] = []
    problems: list[str] = []
    allowed = set(posts_of_kind(organ.kind))
    for ms in memberships:
        raw = {key: request.form.get(f"{key}-{ms.member_id}", "")[:40] for key in ("post", "starts_on", "ends_on")}
        typed[ms.member_id] = {key: value.replace("\x00", "") for key, value in raw.items()}
        dates = {}
        for key in ("starts_on", "ends_on"):
            text = raw[key].strip()
            try:
                dates[key] = date.fromisoformat(text) if text else None
            except ValueError:
                problems.append(_("%(name)s: “%(date)s” is not a date (YYYY-MM-DD).", name=ms.member.name,
                                  date=text.replace("\x00", "\ufffd")))
                dates[key] = None
        post = raw["post"] or None
        if post is not None and post not in allowed:
            problems.append(_("%(name)s: this organ has no such post.", name=ms.member.name))
            post = None
        seats.append(services.SeatChange(ms.member_id, dates["starts_on"], dates["ends_on"], post))
    return seats, typed, problems


@bp.route("/organs/<slug>/composition", methods=["POST"])
@staff_required
def organ_composition(slug: str):
    """Staff set the posts (主任, 召集人 …) and membership dates of the organ's members."""
    organ = queries.organ_for_page(_clean_slug(slug)) or abort(404)
    require_organ(organ.id)
    if not CompositionForm().validate_on_submit():
        abort(400)
    memberships = queries.memberships_for_organ(organ.id)
    names = {ms.member_id: ms.member.name for ms in memberships}
    seats, typed, problems = _read_seats(organ, memberships)
    if not problems:
        try:
            services.set_composition(organ, seats)
        except services.CompositionRejected as rejected:
            db.session.rollback()
            problems = [_composition_message(msgid, params, names) for msgid, params in rejected.problems]
    if problems:
        organ = queries.organ_for_page(organ.slug)
        return _organ_page(organ, True, typed=typed, problems=problems, status=400)
    db.session.commit()
    flash(_("The posts and dates of %(name)s were saved.", name=organ.name), "success")
    return redirect(url_for("members.organ_detail", slug=organ.slug))


def _composition_message(msgid: str, params: dict, names: dict[int, str]) -> str:
    """Return a problem of set_composition as a sentence, naming the member it concerns."""
    values = dict(params)
    if "post" in values:
        values["post"] = str(POST_LABELS.get(values["post"], values["post"]))
    member_id = values.pop("member_id", None)
    text = _(msgid, **values)
    return _("%(name)s: %(problem)s", name=names[member_id], problem=text) if member_id in names else text


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
@all_organs_required
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
    organ = queries.organ_for_page(_clean_slug(slug)) or abort(404)
    require_organ(organ.id)
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
