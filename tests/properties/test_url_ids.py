"""Every route of app.url_map with generated values in its id, slug, token and code slots (negative, zero, huge,
beyond 2^63; any text), as a visitor and as staff, by GET and by its other methods: never 5xx."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.routing import IntegerConverter

from consult.extensions import db
from tests.properties.checks import assert_answered, path_segment
from tests.properties.conftest import GENERATED, REQUESTS, fresh_world, staff_client
from tests.properties.strategies import PIECES

INTEGERS = st.one_of(
    st.sampled_from([0, 1, 2, 3, 2**31 - 1, 2**31, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30, 2030, 1899, 9999]),
    st.integers(min_value=-(2**70), max_value=2**70),
)
SEGMENTS = st.one_of(
    st.sampled_from(["standing", "abc", "", "..", ".", "%", "a" * 300, "0", "-1", "null", "undefined", *PIECES]),
    st.text(max_size=40),
    st.text(st.characters(exclude_categories=()), max_size=10),
)


def _rules(app):
    return sorted((rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"), key=lambda r: r.rule)


def _value(draw, converter) -> str:
    if isinstance(converter, IntegerConverter):
        number = draw(INTEGERS)
        return str(number) if number >= 0 or draw(st.booleans()) else f"-{abs(number)}"
    return path_segment(draw(SEGMENTS))


def _url(rule, values: dict[str, str]) -> str:
    url = ""
    for is_argument, part in rule._trace:
        url += values[part] if is_argument else part
    return url.split("|", 1)[-1]


@pytest.mark.parametrize("as_staff", [False, True], ids=["visitor", "staff"])
def test_every_route_with_generated_ids_never_answers_5xx(app, as_staff):
    rules = _rules(app)

    @given(data=st.data())
    def run(data):
        GENERATED[f"url ids as {'staff' if as_staff else 'visitor'}"] += 1
        fresh_world(app)
        client = staff_client(app) if as_staff else app.test_client()
        for rule in rules:
            values = {name: _value(data.draw, converter) for name, converter in rule._converters.items()}
            url = _url(rule, values)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                REQUESTS[method] += 1
                answer = client.open(url, method=method, data={} if method == "POST" else None)
                assert_answered(answer, f"{method} {url}")
        db.session.remove()

    run()
