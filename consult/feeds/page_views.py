"""Subscribe pages (links, QR code, instructions) and a member's own page with their private feed."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from consult.auth.permissions import is_staff, staff_required
from consult.auth.redirects import safe_next
from consult.auth.scope import require_organs_of
from consult.committee import clock
from consult.extensions import db
from consult.feeds.blueprint import bp, external_url, qr_svg, webcal_url
from consult.feeds.forms import MemberRotateFeedTokenForm, ReminderForm, RotateFeedTokenForm
from consult.feeds.platforms import platform_of
from consult.feeds.queries import (
    member_by_access_token,
)
from consult.feeds.reminders import REMINDERS
from consult.feeds.services import rotate_feed_token, set_feed_reminder
from consult.meetings import queries as meeting_queries
from consult.meetings.statuses import MEETING_STATUSES
from consult.members import queries as member_queries
from consult.members.models import Member, Organ
from consult.onsite.identity import remember
from consult.pg_connections import reads_without_transaction
from consult.responses import private as _private_page


def subscribe_box(feed_url: str, download_url: str, qr_url: str | None = None, qr_caption: str = "") -> dict:
    """Return what a subscribe box shows: the feed's https and webcal addresses, the download of a copy to
    import once, and, when `qr_url` is given, a QR code of it with its caption."""
    return {
        "https": feed_url,
        "webcal": webcal_url(feed_url),
        "download": download_url,
        "qr_svg": qr_svg(qr_url) if qr_url else "",
        "qr_caption": qr_caption,
    }


def _per_device(response: Response) -> Response:
    """Mark a page whose main action depends on the reader's device (platforms.platform_of)."""
    response.vary.add("User-Agent")
    return response


@bp.route("/feeds")
def index():
    """The feeds one can subscribe to: every sitting, and each organ's."""
    organs = meeting_queries.active_organs()
    return render_template("feeds/index.html", organs=organs, staff=is_staff())


def _subscribe_page(title: str, feed_url: str, download_url: str, page_url: str, organ=None) -> Response:
    platform = platform_of(request.user_agent.string)
    # A computer shows a QR code of this page: scanned with a phone, it opens the page there.
    qr = page_url if not platform.phone else None
    caption = _("Reading this on a computer? Scan the code with your phone to open this page on it.")
    box = subscribe_box(feed_url, download_url, qr, caption)
    return _per_device(Response(render_template(
        "feeds/subscribe.html", title=title, organ=organ, box=box, platform=platform, private=False
    )))


@bp.route("/feeds/all")
def subscribe_all():
    """The subscribe page of the feed of every sitting."""
    return _subscribe_page(
        _("All sittings"), external_url("feeds.all_ics"), url_for("feeds.all_download"),
        external_url("feeds.subscribe_all"),
    )


@bp.route("/feeds/organ/<slug>")
def subscribe_organ(slug: str):
    """The subscribe page of one organ's feed (404 for a disabled organ, like its page and its feed)."""
    organ = db.session.scalars(select(Organ).where(Organ.slug == slug, Organ.active.is_(True))).first() or abort(404)
    return _subscribe_page(
        organ.name, external_url("feeds.organ_ics", slug=slug), url_for("feeds.organ_download", slug=slug),
        external_url("feeds.subscribe_organ", slug=slug), organ=organ,
    )


def _my_page(member: Member, *, reminder_form=None, rotate_form=None, status: int = 200) -> Response:
    """Render a member's own page with its forms (those given keep what was sent and its errors)."""
    platform = platform_of(request.user_agent.string)
    sittings = meeting_queries.coming_sittings_of_member(member.id, clock.now())
    if reminder_form is None:
        reminder_form = ReminderForm(formdata=None, reminder=member.feed_reminder or "")
    # On a computer the QR code carries this page to the member's phone; on the phone itself it would
    # only invite them to scan their own screen.
    qr = external_url("feeds.my_page", access_token=member.access_token) if not platform.phone else None
    box = subscribe_box(
        external_url("feeds.member_ics", token=member.feed_token),
        url_for("feeds.member_download", token=member.feed_token),
        qr, _("Reading this on a computer? Scan the code with your phone to open your page on it."),
    )
    response = Response(
        render_template(
            "feeds/my_page.html",
            member=member,
            sittings=sittings,
            status_labels=MEETING_STATUSES,
            box=box,
            platform=platform,
            form=rotate_form or MemberRotateFeedTokenForm(formdata=None),
            reminder_form=reminder_form,
            reminder_label=REMINDERS.get(member.feed_reminder or "", REMINDERS[""])[0],
        ),
        status=status,
    )
    return _private_page(_per_device(response))


@bp.route("/my/<access_token>")
@reads_without_transaction
def my_page(access_token: str):
    """A member's own page: their coming sittings and their private feed, with its reminder and a button
    to renew its address."""
    member = member_by_access_token(access_token) or abort(404)
    # This phone now knows the member: at a sitting, /m/<code> checks them in without asking who they are.
    return remember(_my_page(member), member)


@bp.route("/my/<access_token>/reminder", methods=["POST"])
def my_reminder(access_token: str):
    """Set the reminder of the member's own feed; a value not offered changes nothing (400, with a message)."""
    member = member_by_access_token(access_token) or abort(404)
    form = ReminderForm()
    if not form.validate_on_submit():
        if form.errors.get("csrf_token"):
            form.reminder.errors = [*form.reminder.errors, _("The page had expired; please try again.")]
        return _my_page(member, reminder_form=form, status=400)
    set_feed_reminder(member, form.reminder.data)
    db.session.commit()
    flash(_("Saved. Reminder in your calendar: %(choice)s.", choice=REMINDERS[form.reminder.data][0]), "success")
    return _private_page(redirect(url_for("feeds.my_page", access_token=access_token)))


@bp.route("/my/<access_token>/feed-token", methods=["POST"])
def my_rotate_token(access_token: str):
    """Give the member a new private feed address once they have ticked the confirmation; the old one
    stops working. Without the tick (or with an expired page) nothing changes (400, with a message)."""
    member = member_by_access_token(access_token) or abort(404)
    form = MemberRotateFeedTokenForm()
    if not form.validate_on_submit():
        if form.errors.get("csrf_token"):
            form.confirm.errors = [*form.confirm.errors, _("The page had expired; please try again.")]
        return _my_page(member, rotate_form=form, status=400)
    rotate_feed_token(member, now=clock.now(), by="member")
    db.session.commit()
    flash(_("Your calendar has a new address. Subscribe again with it; the old address no longer works."), "success")
    return _private_page(redirect(url_for("feeds.my_page", access_token=access_token)))


@bp.route("/members/<int:member_id>/feed-token", methods=["POST"])
@staff_required
def rotate_member_token(member_id: int):
    """Staff: give a member a new private feed address (when the old one was shared or lost)."""
    member = db.session.get(Member, member_id) or abort(404)
    require_organs_of(lambda: member_queries.organ_ids_of_member(member.id))
    form = RotateFeedTokenForm()
    target = safe_next(form.next.data or request.args.get("next"))
    if not form.validate_on_submit():
        flash(_("The page had expired; please try again."), "error")
        return redirect(target)
    if request.form.get("confirmed") != "1":  # only the confirmation page's button renews the address
        return redirect(url_for("members.confirm_new_calendar_address", member_id=member.id))
    rotate_feed_token(member, now=clock.now(), by=current_user.username)
    db.session.commit()
    flash(
        _("%(name)s's calendar has a new address; the old one no longer works.", name=member.name),
        "success",
    )
    return redirect(target)


@bp.app_template_global()
def member_feed_links(member: Member) -> dict:
    """Return, for templates, a member's personal page URL (with a QR code to print) and their feed's links."""
    personal_page = external_url("feeds.my_page", access_token=member.access_token)
    feed = external_url("feeds.member_ics", token=member.feed_token)
    return {
        "personal_page": personal_page,
        "personal_qr_svg": qr_svg(personal_page),
        "https": feed,
        "webcal": webcal_url(feed),
    }
