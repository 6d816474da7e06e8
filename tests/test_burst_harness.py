"""The pure parts of benchmarks/burst.py: reading forms from a page the way a phone would, and percentiles."""

from __future__ import annotations

from benchmarks.burst import Tally, parse_forms, percentile


def test_forms_are_read_whatever_the_attribute_order_and_quoting():
    page = """
      <form method="post" action="/m/abc23456/checkin"><input type="hidden" name="csrf_token" value="tok&amp;1">
        <button>签到</button></form>
      <form action='/m/abc23456/topics/7/opinions' method=post class="opinion">
        <input value="key-7" type="hidden" name="submission_key"><input name=csrf_token type=hidden value=tok2>
        <textarea name="text"></textarea><input type="checkbox" name="named" value="1"></form>"""
    forms = parse_forms(page)
    assert forms == [
        {"action": "/m/abc23456/checkin", "fields": {"csrf_token": "tok&1"}},
        {"action": "/m/abc23456/topics/7/opinions", "fields": {"submission_key": "key-7", "csrf_token": "tok2"}},
    ]
    assert parse_forms("<p>没有表单</p>") == []


def test_percentiles_and_the_tally():
    values = [float(v) for v in range(1, 101)]
    assert (percentile(values, 0.5), percentile(values, 0.95), percentile([], 0.95)) == (50.0, 95.0, 0.0)
    tally = Tally()
    tally.record(12.0, False)
    tally.record(30.0, True, "POST /m/x/checkin: 500")
    tally.fail("no form")
    assert (tally.requests, tally.errors, tally.latencies_ms) == (2, 2, [12.0, 30.0])
    assert tally.problems == ["POST /m/x/checkin: 500", "no form"]
