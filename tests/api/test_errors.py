"""Every error under /api/ is JSON with one body, never the site's HTML page; the site keeps its pages."""

from __future__ import annotations

import pytest
from werkzeug.exceptions import TooManyRequests

from consult.api import sitting_views
from tests.api.conftest import bearer

OPINIONS = "/api/v1/sittings/{id}/opinions"


def _is_error(response, status: int, error: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json", response.get_data(as_text=True)[:300]
    body = response.json
    assert body["status"] == status and isinstance(body["message"], str) and body["message"]
    assert set(body) <= {"status", "error", "message", "errors"}
    if error is not None:
        assert body["error"] == error
    assert response.headers["Cache-Control"] == "no-store"
    return body


def _post(client, committee, data, content_type="application/json", headers=None):
    return client.post(OPINIONS.format(id=committee.open.id), data=data, content_type=content_type,
                       headers=headers or bearer(committee.member.access_token))


@pytest.mark.parametrize("data", [b"{", b'{"text": }', b"\xff\xfe\x00", b"[" * 100_000,
                                  b'{"topic_id": ' + b"9" * 5000 + b"}"])
def test_bad_json_is_400(client, committee, data):
    _is_error(_post(client, committee, data), 400, "invalid_json")


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                          "application/xml", None])
def test_a_body_that_is_not_json_is_415(client, committee, content_type):
    response = client.post(OPINIONS.format(id=committee.open.id), data=b'{"text": "x"}', content_type=content_type,
                           headers=bearer(committee.member.access_token))
    _is_error(response, 415, "unsupported_media_type")


def test_json_with_a_charset_or_a_suffix_is_json(client, committee):
    body = b'{"topic_id": 1, "text": "x", "submission_key": "' + b"q" * 20 + b'", "colour": "red"}'
    for content_type in ("application/json; charset=utf-8", "application/merge-patch+json"):
        _is_error(_post(client, committee, body, content_type), 422)


def test_unknown_fields_are_422_with_their_names(client, committee):
    body = {"topic_id": committee.open.topics[0].id, "text": "意见", "submission_key": "u" * 20, "colour": "red",
            "guest": {"name": "王芳", "organisation": "区住建局", "age": 3}}
    errors = _is_error(client.post(OPINIONS.format(id=committee.open.id), json=body,
                                   headers=bearer(committee.member.access_token)), 422, "invalid_fields")["errors"]
    assert errors == {"json": {"colour": ["Unknown field."], "guest": {"age": ["Unknown field."]}}}


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"null", b"42", b"{}", b'{"topic_id": 1e99999}'])
def test_a_body_that_is_not_an_opinion_is_422(client, committee, body):
    _is_error(_post(client, committee, body), 422, "invalid_fields")


def test_missing_and_wrongly_typed_fields_are_422(client, committee):
    body = {"topic_id": "1", "text": 5, "submission_key": "short", "named": "maybe"}
    errors = _is_error(client.post(OPINIONS.format(id=committee.open.id), json=body,
                                   headers=bearer(committee.member.access_token)), 422)["errors"]["json"]
    assert set(errors) == {"topic_id", "text", "submission_key", "named"}


def test_a_body_over_one_megabyte_is_413_though_the_site_takes_larger_uploads(app, client, committee):
    assert app.config["MAX_CONTENT_LENGTH"] > 2 * 1024 * 1024
    text = "意" * 400_000  # 1.2 MB of UTF-8
    body = ('{"topic_id": 1, "text": "' + text + '", "submission_key": "' + "b" * 20 + '"}').encode()
    _is_error(_post(client, committee, body), 413, "body_too_large")
    # the site itself still reads a larger request (it answers the form, not 413)
    assert client.post("/login", data={"username": "x", "password": "y" * 1_500_000}).status_code != 413


@pytest.mark.parametrize("path", [
    "/api/v1/sittings/2147483648", "/api/v1/sittings/99999999999999999999", "/api/v1/sittings/-1",
    "/api/v1/sittings/abc", "/api/v1/members/9223372036854775808", "/api/v1/nothing-here", "/api/v2/sittings",
    "/api/", "/api/v1/sittings/1/attendance/extra", "/api/v1/sittings/a%00b", "/api/v1/x%00",
])
def test_unknown_paths_and_ids_beyond_the_database_are_404(client, committee, path):
    _is_error(client.get(path, headers=bearer(committee.member.access_token)), 404, "not_found")


def test_a_method_the_path_does_not_take_is_405_with_allow(client, committee):
    for method in ("put", "delete", "patch"):
        response = getattr(client, method)(f"/api/v1/sittings/{committee.open.id}")
        _is_error(response, 405, "method_not_allowed")
        assert set(response.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    response = client.post("/api/v1/sittings", json={})
    assert _is_error(response, 405) and "POST" not in response.headers["Allow"]


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "x%00=1"])
def test_nul_characters_are_400_as_json(client, committee, query):
    body = _is_error(client.get(f"/api/v1/sittings?{query}"), 400, "nul_character")
    assert "NUL" in body["message"]


def test_nul_characters_in_a_json_body_are_400(client, committee):
    body = {"topic_id": committee.open.topics[0].id, "text": "意见", "submission_key": "n" * 20,
            "guest": {"name": "王\u0000芳", "organisation": "区住建局"}}
    response = client.post(OPINIONS.format(id=committee.open.id), json=body,
                           headers=bearer(committee.member.access_token))
    _is_error(response, 400, "nul_character")


def test_lone_surrogates_in_a_json_body_are_400(client, committee):
    topic = committee.open.topics[0].id
    body = '{"topic_id": ' + str(topic) + ', "text": "\\ud800", "submission_key": "' + "s" * 20 + '"}'
    _is_error(_post(client, committee, body.encode()), 400, "invalid_text")


def test_a_server_error_is_json(app, client, committee, monkeypatch):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(sitting_views.queries, "find_sittings", broken)
    body = _is_error(client.get("/api/v1/sittings"), 500, "server_error")
    assert "database" not in body["message"]


def test_a_rate_limit_answers_429_as_json_with_retry_after(app, client, committee):
    def limited():
        raise TooManyRequests(retry_after=30)

    app.before_request_funcs.setdefault(None, []).append(limited)
    response = client.get("/api/v1/organs")
    _is_error(response, 429, "too_many_requests")
    assert response.headers["Retry-After"] == "30"


def test_the_site_keeps_its_html_pages(client, committee):
    for path in ("/no-such-page", "/meetings/99999999999", "/members?q=%00"):
        response = client.get(path)
        assert response.status_code in (400, 404) and response.mimetype == "text/html", path
    assert client.put("/meetings").mimetype == "text/html"


def test_the_openapi_document(client, committee):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    spec = response.json
    assert spec["openapi"].startswith("3.0") and spec["info"]["title"] == "consult"
    scheme = spec["components"]["securitySchemes"]["bearer"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    operations = [(path, method, operation) for path, item in spec["paths"].items()
                  for method, operation in item.items() if method in ("get", "post")]
    assert {f"{method.upper()} {path}" for path, method, _ in operations} == {
        "GET /api/v1/openapi.json", "GET /api/v1/sittings", "GET /api/v1/sittings/{sitting_id}",
        "GET /api/v1/organs", "GET /api/v1/organs/{organ_id}", "GET /api/v1/members",
        "GET /api/v1/members/{member_id}", "GET /api/v1/sittings/{sitting_id}/attendance",
        "GET /api/v1/sittings/{sitting_id}/opinions", "POST /api/v1/sittings/{sitting_id}/opinions"}
    for path, method, operation in operations:
        documented = set(operation["responses"])
        assert {"400", "401", "403", "404", "422", "429", "500"} <= documented, (path, method)
        assert ({"413", "415"} <= documented) is (method == "post"), (path, method)
        assert operation["responses"]["404"]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"}
        assert operation["security"], (path, method)
        assert operation.get("summary"), (path, method)
    assert spec["paths"]["/api/v1/sittings/{sitting_id}"]["parameters"][0]["schema"]["maximum"] == 2147483647
    error = spec["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"status", "error", "message"}
    opinion_input = spec["components"]["schemas"]["OpinionInput"]
    assert opinion_input["additionalProperties"] is False
    assert set(opinion_input["required"]) == {"topic_id", "text", "submission_key"}
