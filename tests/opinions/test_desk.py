"""The staff opinion desk: filters and search, recording from paper, corrections, marks, closing, CSV."""

from __future__ import annotations

import itertools
from datetime import timedelta

from sqlalchemy import select

from consult.extensions import db
from consult.onsite.models import OnsiteSitting
from consult.opinions import services
from consult.opinions.models import Opinion

_keys = itertools.count(1)
SIMILAR_A = "建议加快推进老旧小区改造，增设电梯和停车位，改善居民生活条件。"
SIMILAR_B = "建议加快推进老旧小区改造，增设电梯、停车位，改善居民的生活条件！"


def _give(sitting, text, *, topic=None, member=None, guest=None, key=None):
    opinion, _ = services.give_opinion(
        meeting_id=sitting.meeting.id, topic_id=(topic or sitting.topic).id,
        submission_key=key or f"desk-key-{next(_keys):012d}", text=text, named=True,
        now=sitting.meeting.starts_at, member_id=member.id if member else None,
        guest_name=guest[0] if guest else "", guest_organisation=guest[1] if guest else "",
    )
    db.session.commit()
    return opinion


def test_the_desk_needs_staff(client, sitting):
    response = client.get(f"/meetings/{sitting.meeting.id}/opinions")
    assert response.status_code in (302, 303, 401, 403)


def test_filters_and_search(client, auth, sitting):
    auth.login()
    _give(sitting, "加装电梯资金分担机制", member=sitting.member)
    _give(sitting, "压缩企业开办时间", topic=sitting.topic2, member=sitting.other)
    _give(sitting, "物业管理要跟上", guest=("王芳", "区住建局"))
    url = f"/meetings/{sitting.meeting.id}/opinions"

    def shown(**args):
        return client.get(url, query_string=args).get_data(as_text=True)

    html = shown()
    assert all(t in html for t in ("加装电梯资金分担机制", "压缩企业开办时间", "物业管理要跟上"))
    html = shown(topic=sitting.topic2.id)
    assert "压缩企业开办时间" in html and "加装电梯资金分担机制" not in html
    html = shown(sector=sitting.member.sector_id)
    assert "加装电梯资金分担机制" in html and "压缩企业开办时间" not in html and "物业管理要跟上" not in html
    html = shown(who="guests")
    assert "物业管理要跟上" in html and "加装电梯资金分担机制" not in html
    html = shown(who=str(sitting.other.id))
    assert "压缩企业开办时间" in html and "物业管理要跟上" not in html
    html = shown(q="电梯 资金")
    assert "加装电梯资金分担机制" in html and "压缩企业开办时间" not in html
    html = shown(q="王芳")
    assert "物业管理要跟上" in html
    for bad in ({"topic": "x"}, {"sector": "99999999999999"}, {"who": "<script>"}, {"q": "'; drop"}):
        assert client.get(url, query_string=bad).status_code == 200


def test_likely_duplicates_side_by_side_and_marking(client, auth, sitting):
    auth.login()
    first = _give(sitting, SIMILAR_A, member=sitting.member)
    second = _give(sitting, SIMILAR_B, member=sitting.other)
    _give(sitting, SIMILAR_A, topic=sitting.topic2, member=sitting.other)  # other topic: not a pair
    url = f"/meetings/{sitting.meeting.id}/opinions"
    html = client.get(url).get_data(as_text=True)
    assert html.count('class="card duplicate-pair"') == 1
    # nothing is merged by itself
    assert db.session.scalar(select(Opinion.duplicate_of_id).where(Opinion.id == second.id)) is None
    mark = f"{url}/{second.id}/mark"
    client.post(mark, data={"action": "duplicate", "duplicate_of": first.id})
    db.session.expire_all()
    assert second.duplicate_of_id == first.id
    assert 'class="card duplicate-pair"' not in client.get(url).get_data(as_text=True)
    client.post(mark, data={"action": "not_duplicate"})
    db.session.expire_all()
    assert second.duplicate_of_id is None
    other_topic = db.session.scalars(select(Opinion).where(Opinion.topic_id == sitting.topic2.id)).one()
    client.post(mark, data={"action": "duplicate", "duplicate_of": other_topic.id})
    client.post(mark, data={"action": "duplicate", "duplicate_of": second.id})
    db.session.expire_all()
    assert second.duplicate_of_id is None
    client.post(mark, data={"action": "exclude"})
    db.session.expire_all()
    assert second.excluded_from_minutes
    client.post(mark, data={"action": "include"})
    db.session.expire_all()
    assert not second.excluded_from_minutes
    assert client.post(mark, data={"action": "nonsense"}).status_code == 400
    # a person finds the pair distinct: it is no longer offered, and nothing else changed
    assert 'class="card duplicate-pair"' in client.get(url).get_data(as_text=True)
    client.post(f"{url}/{first.id}/mark", data={"action": "distinct", "other": second.id})
    client.post(f"{url}/{second.id}/mark", data={"action": "distinct", "other": first.id})  # twice: once stored
    assert 'class="card duplicate-pair"' not in client.get(url).get_data(as_text=True)
    db.session.expire_all()
    assert first.duplicate_of_id is None and second.duplicate_of_id is None
    response = client.post(mark, data={"action": "distinct", "other": other_topic.id}, follow_redirects=True)
    assert "请选择同一议题下的另一条意见" in response.get_data(as_text=True)


def test_correcting_keeps_the_original(client, auth, sitting):
    auth.login()
    opinion = _give(sitting, "建议加快老旧小区该造", member=sitting.member)
    url = f"/meetings/{sitting.meeting.id}/opinions/{opinion.id}/correct"
    assert client.post(url, data={"text": "   "}).status_code == 400
    assert client.post(url, data={"text": "建议加快老旧小区改造"}).status_code == 303
    client.post(url, data={"text": "建议加快老旧小区改造。"})
    db.session.expire_all()
    assert opinion.text == "建议加快老旧小区改造。" and opinion.original_text == "建议加快老旧小区该造"
    assert opinion.corrected_by_id is not None
    html = client.get(f"/meetings/{sitting.meeting.id}/opinions").get_data(as_text=True)
    assert "建议加快老旧小区该造" in html and "建议加快老旧小区改造。" in html


def test_staff_record_opinions_from_paper_once(client, auth, sitting):
    auth.login()
    url = f"/meetings/{sitting.meeting.id}/opinions/new"
    assert client.get(url).status_code == 200
    data = {"topic": sitting.topic.id, "who": sitting.member.id, "text": "书面意见：加强社区养老服务。",
            "named": "1", "submission_key": "paper-slip-000000000001"}
    assert client.post(url, data=data).status_code == 303
    assert client.post(url, data=data).status_code == 303  # sent twice: stored once
    guest = {**data, "who": "guests", "guest_name": "李华", "guest_organisation": "区民政局",
             "submission_key": "paper-slip-000000000002"}
    response = client.post(url, data=guest)
    assert response.status_code == 400 and "书面意见：加强社区养老服务。" in response.get_data(as_text=True)
    guest["guest_name"] = "陈静"
    assert client.post(url, data=guest).status_code == 303
    bad = {**data, "who": "424242", "submission_key": "paper-slip-000000000003"}
    assert client.post(url, data=bad).status_code == 400
    opinions = db.session.scalars(select(Opinion).order_by(Opinion.id)).all()
    assert len(opinions) == 2 and all(o.recorded_by_id for o in opinions)
    assert opinions[1].guest_name == "陈静" and opinions[1].member_id is None


def test_closing_and_reopening_the_collection(client, auth, recognised, sitting, clock):
    url = f"/meetings/{sitting.meeting.id}/opinions/collection"
    auth.login()
    client.post(url, data={"action": "close"})
    db.session.expire_all()
    assert db.session.get(OnsiteSitting, sitting.meeting.id).opinions_closed_at == clock.now
    # the member's phone (same test client, now also logged in: the cookie still recognises them)
    response = recognised.post(sitting.url(), data={"text": "太晚了", "submission_key": "late-key-000000000001"})
    assert response.status_code == 409 and "太晚了" in response.get_data(as_text=True)
    client.post(url, data={"action": "reopen", "close_at": "2030-03-10T17:00"})
    db.session.expire_all()
    row = db.session.get(OnsiteSitting, sitting.meeting.id)
    assert row.opinions_closed_at is None and row.opinions_close_at.hour == 9  # 17:00 in Shanghai
    clock.now = sitting.meeting.ends_at + timedelta(days=5)
    assert recognised.post(sitting.url(), data={"text": "延长后", "submission_key": "late-key-000000000002"}
                           ).status_code == 303
    client.post(url, data={"action": "set", "close_at": "not a time"})
    db.session.expire_all()
    assert db.session.get(OnsiteSitting, sitting.meeting.id).opinions_close_at.hour == 9


def test_csv_export_is_excel_ready_and_neutralised(client, auth, sitting):
    auth.login()
    _give(sitting, "=HYPERLINK(\"http://x\")", member=sitting.member)
    _give(sitting, "@SUM(1)", guest=("王芳", "-区住建局"))
    withdrawn = _give(sitting, "已撤回的意见", member=sitting.other)
    services.withdraw_opinion(withdrawn, now=sitting.meeting.starts_at)
    db.session.commit()
    response = client.get(f"/meetings/{sitting.meeting.id}/opinions.csv")
    body = response.data.decode("utf-8")
    assert response.mimetype == "text/csv" and body.startswith("\ufeff")
    assert "'=HYPERLINK" in body and "'@SUM(1)" in body and "王芳" in body
    assert "已撤回的意见" not in body and sitting.member.name in body


def test_the_desk_costs_the_same_statements_for_few_or_many_opinions(client, auth, sitting, count_statements):
    auth.login()
    url = f"/meetings/{sitting.meeting.id}/opinions"
    counts = []
    for batch in (2, 20):
        for number in range(batch):
            _give(sitting, f"第{len(counts)}批第{number}条：关于社区治理的具体建议。", member=sitting.member)
            _give(sitting, f"第{len(counts)}批第{number}条：关于营商环境的建议。", topic=sitting.topic2,
                  guest=("王芳", "区住建局"))
        client.get(url)  # warm: the login's session, the committee
        with count_statements() as n:
            assert client.get(url).status_code == 200
        counts.append(n())
    assert counts[0] == counts[1]
