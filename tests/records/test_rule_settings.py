"""Admins edit the absence rules on the settings side: saving, removing, keeping none, going back to the defaults;
a count of 0 (or anything not a count) is refused with a message, keeps what was typed and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from consult.committee import get_committee
from consult.extensions import db
from consult.records.models import AbsenceRuleSet, StoredAbsenceRule
from consult.records.queries import rules_in_force
from consult.records.rules import DEFAULT_RULES, AbsenceRule
from tests.records.conftest import YEAR

PATH = "/settings/absence-rules"


def as_admin(auth):
    auth.login("admin", "admin-password", role="admin")


def rows(*rules) -> dict:
    data = {}
    for index, (count, organ, period, *remove) in enumerate(rules):
        data.update({f"rules-{index}-count": count, f"rules-{index}-organ": organ, f"rules-{index}-period": period})
        if remove:
            data[f"rules-{index}-remove"] = "y"
    return data


def stored() -> tuple:
    db.session.expire_all()
    return tuple((r.count, r.period, r.organ_kind, r.organ_id) for r in rules_in_force(get_committee().id)[0])


def test_only_admins_edit_the_rules(client, auth, world):
    auth.login()  # staff
    assert client.get(PATH).status_code == 403
    assert client.post(PATH, data=rows(("5", "kind:plenary", "year"))).status_code == 403
    assert client.post(f"{PATH}/defaults").status_code == 403
    assert stored() == tuple((r.count, r.period, r.organ_kind, r.organ_id) for r in DEFAULT_RULES)


def test_the_page_shows_the_defaults_and_a_row_for_a_new_rule(english, auth, world):
    as_admin(auth)
    page = english.get(PATH).get_data(as_text=True)
    assert "These are the default rules" in page
    assert 'name="rules-0-count" type="number"' in page and 'value="3"' in page
    assert 'name="rules-2-count"' in page and 'name="rules-3-count"' not in page
    assert "Absent without leave 3 times from standing committee meetings within a year" in page
    assert f'href="{PATH}"' in english.get("/settings").get_data(as_text=True)


def test_saving_changes_a_rule_adds_one_and_removes_one(english, auth, world):
    as_admin(auth)
    economy = world.organs["economy"]
    response = english.post(PATH, data=rows(("2", "kind:standing_committee", "year"),
                                            ("3", "kind:plenary", "term", "remove"),
                                            ("1", f"organ:{economy.id}", "term")))
    assert response.status_code == 302
    assert stored() == ((2, "year", "standing_committee", None), (1, "term", None, economy.id))
    assert "2 in force" in english.get(PATH).get_data(as_text=True)


@pytest.mark.parametrize(("count", "words"), [
    ("0", "at least 1"), ("-3", "at least 1"), ("abc", "whole number"), ("1.5", "whole number"),
    ("100", "at most 99"), ("", "Give a count"),
])
def test_a_bad_count_is_refused_keeps_what_was_typed_and_changes_nothing(english, auth, world, count, words):
    as_admin(auth)
    response = english.post(PATH, data=rows((count, "kind:standing_committee", "year"), ("7", "kind:plenary", "term"),
                                            ("", "kind:plenary", "year")))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and words in page
    assert 'value="7"' in page and (not count or f'value="{count}"' in page)
    assert db.session.scalar(select(func.count()).select_from(AbsenceRuleSet)) == 0
    assert stored() == tuple((r.count, r.period, r.organ_kind, r.organ_id) for r in DEFAULT_RULES)


@pytest.mark.parametrize("organ", ["kind:nothing", "organ:999999", "organ:abc", "garbage", f"organ:{10**30}", ""])
def test_an_unknown_organ_is_refused(english, auth, world, organ):
    as_admin(auth)
    response = english.post(PATH, data=rows(("3", organ, "year")))
    assert response.status_code == 400 and "Choose the organ" in response.get_data(as_text=True)


def test_an_unknown_period_is_refused(english, auth, world):
    as_admin(auth)
    response = english.post(PATH, data=rows(("3", "kind:plenary", "month")))
    assert response.status_code == 400 and "per year or per term" in response.get_data(as_text=True)


def test_keeping_no_rule_flags_nobody_and_the_defaults_come_back(english, auth, world):
    as_admin(auth)
    response = english.post(PATH, data=rows(("3", "kind:standing_committee", "year", "remove"),
                                            ("3", "kind:plenary", "term", "remove"), ("", "kind:plenary", "year")),
                            follow_redirects=True)
    assert "none is in force" in response.get_data(as_text=True)
    assert stored() == ()
    report = english.get(f"/records/{YEAR}").get_data(as_text=True)
    assert "keeps no absence rule" in report and "member reached a rule" not in report
    assert english.post(f"{PATH}/defaults").status_code == 302
    assert stored() == tuple((r.count, r.period, r.organ_kind, r.organ_id) for r in DEFAULT_RULES)
    assert db.session.scalar(select(func.count()).select_from(StoredAbsenceRule)) == 0


def test_an_expired_page_changes_nothing(app, client, auth, world):
    from consult.committee import clock
    from consult.records import services

    services.save_rules(get_committee().id, [AbsenceRule(5, "year", organ_kind="plenary")], user_id=None,
                        now=clock.now())
    db.session.commit()
    as_admin(auth)
    assert client.get(PATH).status_code == 200
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(PATH, data=rows(("9", "kind:plenary", "year"))).status_code == 400
    assert client.post(f"{PATH}/defaults").status_code == 400
    assert stored() == ((5, "year", "plenary", None),)


def test_saving_twice_keeps_one_set(english, auth, world):
    from consult.committee import clock
    from consult.records import services

    committee_id = get_committee().id
    services.save_rules(committee_id, [AbsenceRule(2, "year", organ_kind="plenary")], user_id=None, now=clock.now())
    services.save_rules(committee_id, [AbsenceRule(4, "term", organ_kind="plenary")], user_id=None, now=clock.now())
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(AbsenceRuleSet)) == 1
    assert stored() == ((4, "term", "plenary", None),)
