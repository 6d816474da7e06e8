"""UrlPattern gives the same addresses as url_for, under a prefix too, with one url_for call."""

import pytest
from flask import url_for

from consult.meetings.links import UrlPattern, url_patterns


@pytest.mark.parametrize("prefix", ["", "/consult"])
def test_patterns_match_url_for(app, prefix):
    with app.test_request_context("/", base_url=f"http://consult.test{prefix}"):
        detail = UrlPattern("meetings.detail", "meeting_id")
        schedule = UrlPattern("meetings.new", "plan_item")
        for value in (1, 7, 42, 918273):
            assert detail(value) == url_for("meetings.detail", meeting_id=value)
            assert schedule(value) == url_for("meetings.new", plan_item=value)
        assert detail(12).startswith(f"{prefix}/meetings/")


def test_fixed_values_and_several_patterns(app):
    with app.test_request_context("/"):
        urls = url_patterns(year=("plans.year", "year", {"state": "held"}), edit=("plans.item_edit", "item_id"))
        assert urls["year"](2031) == url_for("plans.year", year=2031, state="held")
        assert urls["edit"](5) == url_for("plans.item_edit", item_id=5)


def test_an_address_without_the_value_is_refused(app):
    with app.test_request_context("/"), pytest.raises(ValueError):
        UrlPattern("meetings.detail", "meeting_id", _anchor="918273645")
