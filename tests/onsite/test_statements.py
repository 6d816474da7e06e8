"""What a member's phone costs the database at a sitting: a fixed, small number of statements per page and form,
whatever the sitting holds (a presiding member, materials, other members' opinions and check-ins)."""

from __future__ import annotations

import re

from consult.extensions import db
from consult.onsite import queries
from consult.onsite.attendance import PRESENT
from consult.onsite.services import check_in
from consult.opinions import queries as opinion_queries
from consult.opinions import services as opinion_services
from tests.onsite.conftest import START, recognise

# The sitting with its organ and topics (one statement), the recognised member, their standing (invited, record,
# leave), the committee, the sitting's materials and the member's opinions.
SITTING_PAGE = 6
# The sitting, the member, their standing, the new record, its audit entry, the committee (the time in the message).
CHECK_IN = 6
# The sitting, the member, the new opinion.
OPINION = 3


def _form_fields(html: str, action: str) -> dict:
    form = re.search(r'<form[^>]*action="' + re.escape(action) + r'"[^>]*>(.*?)</form>', html, re.S).group(1)
    return dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form))


def test_the_phone_pages_cost_a_fixed_number_of_statements(client, site, clock, count_statements):
    clock.now = START
    site.meeting.presiding_member = site.members[1]
    for other in site.members[1:]:
        check_in(site.meeting.id, other.id, now=START, by="member")
        opinion_services.give_opinion(meeting_id=site.meeting.id, topic_id=site.meeting.topics[0].id,
                                      submission_key=f"key-of-{other.id:016d}", text="建议", named=True, now=START,
                                      member_id=other.id)
    db.session.commit()
    recognise(client, site.zhang)
    page_url, topic_id, zhang_id = f"/m/{site.code}", site.meeting.topics[0].id, site.zhang.id
    db.session.expunge_all()  # every request starts from an empty session, as in production
    with count_statements() as page:
        html = client.get(page_url).get_data(as_text=True)
    assert page() == SITTING_PAGE
    db.session.expunge_all()
    with count_statements() as checkin:
        assert client.post(f"{page_url}/checkin", data={}).status_code == 303
    assert checkin() == CHECK_IN
    assert queries.record_of(site.meeting.id, zhang_id).status == PRESENT
    action = f"{page_url}/topics/{topic_id}/opinions"
    fields = {**_form_fields(html, action), "text": "建议加强部门协同。", "named": "1"}
    db.session.expunge_all()
    with count_statements() as opinion:
        assert client.post(action, data=fields).status_code == 303
    assert opinion() == OPINION
    assert opinion_queries.own_opinions(site.meeting.id, zhang_id)[0].text == "建议加强部门协同。"
