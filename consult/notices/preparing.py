"""What a notification of a sitting will send, built from the sitting as the feeds show it.

Called inside a request (the personal links are absolute URLs under CONSULT_PUBLIC_URL) after the change
has been flushed, so the preview and the queued notices show the sitting as it will be.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app

from consult.committee import get_committee
from consult.feeds.attachment import attachment_calendar, sitting_event
from consult.feeds.blueprint import external_url
from consult.feeds.ical import POSTPONED_PREFIX
from consult.meetings.models import Meeting
from consult.meetings.queries import changes_of
from consult.members.queries import active_members_in_order
from consult.notices import compose
from consult.notices.services import PlannedNotice
from consult.notices.transport import sender_address
from consult.notices.worker import configured_channels


@dataclass
class PreparedNotices:
    """A notification as the preview shows it and queue_batch stores it."""

    event: str
    channels: tuple[str, ...]
    subject: str
    calendar: str
    calendar_method: str
    sender_name: str
    notices: list[PlannedNotice]
    sample_sms: str = ""
    sample_mail: str = ""
    sample_name: str = ""
    sms_longest: int = 0  # UTF-16 units of the longest SMS
    sms_parts: int = 0  # messages the longest SMS takes
    by_sms: list[PlannedNotice] = field(default_factory=list)
    by_email: list[PlannedNotice] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)  # members with no address for any chosen channel
    waiting: tuple[str, ...] = ()  # chosen channels whose gateway is not configured
    mail_from: str = ""

    @property
    def recipients(self) -> int:
        """Return how many members the notification is for."""
        return len({n.member_id for n in self.notices})


def _reason(meeting: Meeting, event: str) -> str:
    if event == "cancelled":
        return meeting.cancel_reason or ""
    if event == "postponed":
        return meeting.postpone_reason or ""
    if event == "rescheduled":
        changes = changes_of(meeting.id)
        return changes[0].reason if changes else ""
    return ""


def prepare(meeting: Meeting, event: str, channels: tuple[str, ...]) -> PreparedNotices:
    """Return the notices to the sitting's active invitees by `channels`, one per (member, channel), in the
    members' order, with the texts each will get and the calendar file for the mails."""
    committee = get_committee()
    feed_event = sitting_event(
        meeting.id, committee.time_zone, lambda mid: external_url("meetings.detail", meeting_id=mid),
        committee.short_name,
    )
    sitting = compose.NoticeSitting(
        event=event,
        name=feed_event.summary.removeprefix(POSTPONED_PREFIX),
        start=feed_event.start,
        end=feed_event.end,
        tzid=feed_event.tzid,
        location=feed_event.location,
        details=feed_event.description,
        activity=meeting.is_activity,
        reason=_reason(meeting, event),
        committee_name=committee.name,
    )
    config = current_app.config
    mail_from = ""
    configured = configured_channels(config)
    if "email" in configured:
        mail_from = sender_address(config["CONSULT_SMTP_URL"], config.get("CONSULT_MAIL_FROM", ""))
    method = compose.CALENDAR_METHODS[event]
    calendar = ""
    if "email" in channels:
        calendar = attachment_calendar(feed_event, method, mail_from, committee.name).decode("utf-8")
    members = active_members_in_order(i.member_id for i in meeting.invitations)
    notices: list[PlannedNotice] = []
    unreachable: list[str] = []
    for member in members:
        link = external_url("feeds.my_page", access_token=member.access_token)
        mine = []
        if "sms" in channels:
            phone = (member.phone or "").strip()
            text = compose.sms_text(sitting, member.name, link)
            mine.append(PlannedNotice(member.id, member.name, "sms", phone, text))
        if "email" in channels:
            email = (member.email or "").strip()
            mine.append(PlannedNotice(member.id, member.name, "email", email,
                                      compose.mail_body(sitting, member.name, link)))
        if not any(n.address for n in mine):
            unreachable.append(member.name)
        notices.extend(mine)
    sms = [n for n in notices if n.channel == "sms"]
    longest = max((compose.sms_units(n.body) for n in sms), default=0)
    first_sms = next((n for n in sms), None)
    first_mail = next((n for n in notices if n.channel == "email"), None)
    return PreparedNotices(
        event=event,
        channels=channels,
        subject=compose.mail_subject(sitting),
        calendar=calendar,
        calendar_method=method,
        sender_name=committee.name,
        notices=notices,
        sample_sms=first_sms.body if first_sms else "",
        sample_mail=first_mail.body if first_mail else "",
        sample_name=(first_sms or first_mail).member_name if (first_sms or first_mail) else "",
        sms_longest=longest,
        sms_parts=max((compose.sms_parts(n.body) for n in sms), default=0),
        by_sms=[n for n in sms if n.address],
        by_email=[n for n in notices if n.channel == "email" and n.address],
        unreachable=unreachable,
        waiting=tuple(c for c in channels if c not in configured),
        mail_from=mail_from,
    )
