"""Gathering: what the minutes of the sitting hold, read from the other domains."""

from __future__ import annotations

from datetime import date

from consult.committee import get_committee
from consult.meetings.queries import meeting_for_detail
from consult.minutes.gathering import default_edits, gather


def _content(sitting, **changes):
    meeting = meeting_for_detail(sitting.meeting.id)
    edits = default_edits(meeting, get_committee(), date(2030, 3, 1), 3)
    return meeting, edits, gather(meeting, get_committee(), edits)


def test_defaults_come_from_the_numbered_name_the_time_place_and_presiding(sitting):
    _, edits, content = _content(sitting)
    assert edits.title == "区政协八届十二次常委会议纪要"
    assert content.issue == "第3期"
    assert content.office == "政协崇川区委员会办公室" or content.office.endswith("办公室")
    assert content.date_text == "2030年3月1日"
    assert edits.opening.startswith("2030年2月26日上午，区政协八届十二次常委会议在区政协三楼会议室召开。")
    assert "会议由区政协主席周林勇主持。" in edits.opening
    assert "“加强我区科技企业创新能力建设”“我区经济运行情况”" in edits.opening


def test_opinions_by_topic_then_sector_excluded_withdrawn_and_duplicates_left_out(sitting):
    _, _, content = _content(sitting)
    first, second = content.topics
    assert [group.sector for group in first.sectors] == ["中共", "教育界", "医卫界"]
    lines = {group.sector: [(o.author, o.text) for o in group.opinions] for group in first.sectors}
    assert lines["中共"] == [("", "不署名的意见。")]
    assert lines["教育界"] == [("丁伟", "建议设立科技创新专项资金。")]
    assert lines["医卫界"] == [("李明", "建议加强产学研合作。")]
    assert [(g.sector, [o.author for o in g.opinions]) for g in second.sectors] == [("其他参会人员", ["赵专家"])]
    assert content.opinion_count == 4


def test_attendance_leaders_first_in_protocol_order_then_members_by_sector(sitting):
    _, _, content = _content(sitting)
    people = content.attendance
    assert people.present == ("周林勇", "薛云玲", "成洁莉", "王建国", "丁伟", "李明")
    assert people.on_leave == ("张华", "陈静")
    assert people.observers == ("朱列席", "区科技局", "区财政局")
    assert people.guests == ("区委副书记 吴强",)
    assert (people.expected, people.present_count) == (8, 6)
