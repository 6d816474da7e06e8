"""Bad input on the opinion pages gets a clear answer and changes nothing, never a 500."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.onsite.models import OnsiteSitting
from consult.opinions.models import Opinion

HUGE = 2**31


def test_ids_beyond_the_integer_range_are_404(client, auth, sitting):
    auth.login()
    m, c = sitting.meeting.id, sitting.code
    for path in (f"/meetings/{HUGE}/opinions", f"/meetings/{m}/opinions/{HUGE}/correct",
                 f"/meetings/{HUGE}/opinions.csv", f"/m/{c}/opinions/{HUGE}", f"/m/{c}/opinions/{HUGE}/edit"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"/m/{c}/topics/{HUGE}/opinions", data={"text": "x"}).status_code == 404


def test_a_topic_of_another_sitting_is_404(recognised, sitting):
    from tests import factories

    other = factories.meeting(title="另一次会议", topics=["别的议题"])
    db.session.commit()
    response = recognised.post(f"/m/{sitting.code}/topics/{other.topics[0].id}/opinions",
                               data={"text": "意见", "submission_key": "k" * 20})
    assert response.status_code == 404
    assert db.session.scalar(select(func.count(Opinion.id))) == 0


@pytest.mark.parametrize("close_at", ["0001-01-01T00:00", "99999-01-01T00:00", "2030-02-30T10:00", "<script>"])
def test_bad_closing_times_are_refused_with_a_message(client, auth, sitting, close_at):
    auth.login()
    response = client.post(f"/meetings/{sitting.meeting.id}/opinions/collection",
                           data={"action": "set", "close_at": close_at}, follow_redirects=True)
    assert response.status_code == 200 and "请填写截止日期和时间" in response.get_data(as_text=True)
    assert db.session.get(OnsiteSitting, sitting.meeting.id).opinions_close_at is None


def test_a_duplicate_of_nothing_is_refused(client, auth, recognised, sitting):
    recognised.post(sitting.url(), data={"text": "意见", "submission_key": "k" * 20})
    opinion = db.session.scalars(select(Opinion)).one()
    auth.login()
    for value in (str(HUGE), "abc", "", str(opinion.id)):
        response = client.post(f"/meetings/{sitting.meeting.id}/opinions/{opinion.id}/mark",
                               data={"action": "duplicate", "duplicate_of": value}, follow_redirects=True)
        assert response.status_code == 200 and "请选择同一议题下的另一条意见" in response.get_data(as_text=True)
    db.session.expire_all()
    assert opinion.duplicate_of_id is None


def test_a_nul_byte_changes_nothing(client, sitting):
    response = client.post(sitting.url(), data={"text": "意见\x00", "submission_key": "k" * 20,
                                                 "guest_name": "王芳", "guest_organisation": "区住建局"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(Opinion.id))) == 0
