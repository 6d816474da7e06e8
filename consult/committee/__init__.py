"""The core of every domain: the committee row, the one clock and zone, the data version.

Other domains import from here; this package imports no domain.
"""

from __future__ import annotations

from flask import current_app, g
from sqlalchemy import select

from consult.committee.models import Committee
from consult.db_types import utcnow
from consult.extensions import built_once, db

__all__ = ["Committee", "get_committee"]


def get_committee() -> Committee:
    """Return the committee of this installation, creating it from the configuration if missing.

    The row is cached on `flask.g` for the request.
    """
    committee = g.get("committee")
    if committee is not None:
        return committee
    committee = db.session.scalars(_first_committee()).first()
    if committee is None:
        committee = Committee(
            name=current_app.config["CONSULT_COMMITTEE_NAME"],
            formal_prefix="",
            formal_suffix="委员会",
            short_name="区政协",
            term=1,
            time_zone=current_app.config["CONSULT_TIME_ZONE"],
            data_version=0,
            data_changed_at=utcnow(),
        )
        db.session.add(committee)
        db.session.flush()
    g.committee = committee
    return committee


@built_once
def _first_committee():
    return select(Committee).order_by(Committee.id).limit(1)
