"""How the decisions of a newly approved version meet those already followed: tables of cases, no app."""

import pytest

from consult.followup.syncing import Known, SyncPlan, decision_key, plan_sync

A, B, C = "报送区委、区政府。", "请区科技局研究设立专项资金。", "请区财政局完善科技金融服务。"


@pytest.mark.parametrize(
    ("known", "texts", "expected"),
    [
        # the first approval: everything is new
        ([], [A, B], SyncPlan(added=((1, A), (2, B)))),
        # a second version, unchanged: both kept with their follow-up
        ([Known(1, A, True), Known(2, B, True)], [A, B], SyncPlan(kept=((1, 1, A), (2, 2, B)))),
        # edited: the old text leaves the minutes, the new one is a new decision
        ([Known(1, A, True), Known(2, B, True)], [A, "请区科技局牵头设立专项资金。"],
         SyncPlan(kept=((1, 1, A),), added=((2, "请区科技局牵头设立专项资金。"),), removed=(2,))),
        # removed: kept, marked as no longer in the minutes
        ([Known(1, A, True), Known(2, B, True)], [B], SyncPlan(kept=((2, 1, B),), removed=(1,))),
        # added, and the order changed: the kept ones move to their new places
        ([Known(1, A, True), Known(2, B, True)], [C, B, A],
         SyncPlan(kept=((2, 2, B), (1, 3, A)), added=((1, C),))),
        # back in a later version: the same decision again, with its follow-up
        ([Known(1, A, True), Known(2, B, False)], [A, B], SyncPlan(kept=((1, 1, A),), restored=((2, 2, B),))),
        # white space and a closing full stop do not make a new decision; the new wording is kept
        ([Known(1, A, True)], ["报送 区委、区政府"], SyncPlan(kept=((1, 1, "报送 区委、区政府"),))),
        # the same text twice needs two decisions; a third copy is new
        ([Known(1, A, True), Known(2, A, True)], [A, A, A], SyncPlan(kept=((1, 1, A), (2, 2, A)), added=((3, A),))),
        # a text matching a removed one and a current one takes the current one first
        ([Known(1, A, False), Known(2, A, True)], [A], SyncPlan(kept=((2, 1, A),))),
        # blank lines are no decisions and take no place
        ([], ["", "  ", A], SyncPlan(added=((1, A),))),
        # nothing left: every current decision leaves the minutes, removed ones stay as they are
        ([Known(1, A, True), Known(2, B, False)], [], SyncPlan(removed=(1,))),
    ],
)
def test_plan_sync(known, texts, expected):
    assert plan_sync(known, texts) == expected


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        (A, A.rstrip("。"), True),
        (A, A + "；", True),
        ("请 区科技局\n研究。", "请区科技局研究", True),
        (A, "报送区委。", False),
        ("研究设立专项资金", "研究设立专项基金", False),
    ],
)
def test_decision_key(left, right, same):
    assert (decision_key(left) == decision_key(right)) is same
