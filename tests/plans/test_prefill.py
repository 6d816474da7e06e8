"""The meeting form's defaults from a plan item (pure: a PlanItem not added to any session)."""

import pytest

from consult.plans.models import PlanItem
from consult.plans.prefill import meeting_defaults_from_item, observers_from_departments, split_departments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("区科技局", ["区科技局"]),
        ("区科技局、区财政局", ["区科技局", "区财政局"]),
        ("区科技局\n 区财政局 \n\n区发改委", ["区科技局", "区财政局", "区发改委"]),
        ("区科技局，区财政局;区科技局", ["区科技局", "区财政局"]),
    ],
)
def test_split_departments(text, expected):
    assert split_departments(text) == expected


def test_observers_put_the_counterpart_department_first_once():
    assert observers_from_departments("区科技局", "区财政局、区科技局") == "区科技局\n区财政局"
    assert observers_from_departments("", "") == ""


def test_defaults_from_item():
    item = PlanItem(
        id=7, topic=" 加强我区科技企业创新能力建设 ", consultation_form="thematic", sitting_kind="meeting",
        organ_id=3, counterpart_department="区科技局", participating_departments="区财政局、区人社局",
    )
    assert meeting_defaults_from_item(item) == {
        "organ_id": 3,
        "consultation_form": "thematic",
        "sitting_kind": "meeting",
        "title": "加强我区科技企业创新能力建设",
        "topics": ["加强我区科技企业创新能力建设"],
        "observers": "区科技局\n区财政局\n区人社局",
        "plan_item_id": 7,
    }


def test_long_topic_is_cut_for_the_title_but_kept_as_agenda_item():
    item = PlanItem(id=1, topic="长" * 300, consultation_form="sector", sitting_kind="research_visit", organ_id=1)
    defaults = meeting_defaults_from_item(item)
    assert len(defaults["title"]) == 200
    assert defaults["topics"] == ["长" * 300]
    assert defaults["sitting_kind"] == "research_visit"
