"""The bugs the property tests found, each pinned by a plain test of the smallest input that showed it."""

from __future__ import annotations

import pytest

from consult.committee import get_committee
from consult.extensions import db


@pytest.mark.parametrize("zone", ["Asia", "America", "Etc", "界" * 100, "a" * 300])
def test_a_time_zone_that_is_a_folder_or_too_long_is_refused_not_a_500(client, auth, zone):
    """Settings: ZoneInfo raised IsADirectoryError / OSError (file name too long), which the form did not catch."""
    auth.login("admin", "admin-password", role="admin")
    answer = client.post("/settings", data={"name": "政协崇川区委员会", "short_name": "区政协", "term": "8",
                                            "formal_suffix": "委员会", "time_zone": zone})
    assert answer.status_code == 400
    db.session.expire_all()
    assert get_committee().time_zone == "Asia/Shanghai"
