"""Error pages (400, 403, 404, 405, 413, 429, 500) in the site's own layout and in the reader's language, also
after a database error has broken the transaction (PostgreSQL refuses every statement until a rollback)."""

from __future__ import annotations

import pytest
from flask import abort
from sqlalchemy import text

from consult.extensions import db
from tests import factories

CHINESE = {
    400: "请求中含有无法保存的空字符",
    403: "您无权执行此操作",
    404: "该页面不存在或未公开",
    405: "此地址不接受该类请求",
    413: "提交的内容超过",
    429: "尝试次数过多，请等待",
    500: "系统出现错误",
}
ENGLISH = {
    400: "NUL character",
    403: "You may not do this.",
    404: "This page does not exist",
    405: "This address does not accept that kind of request.",
    413: "What you sent is larger than",
    429: "Too many attempts. Please wait",
    500: "Something went wrong on our side.",
}


@pytest.fixture
def failing(app):
    """Routes that fail as a bug or a rate limit would, added before the app serves its first request."""

    @app.route("/test-only/too-many")
    def too_many():
        abort(429)

    @app.route("/test-only/bug")
    def bug():
        raise RuntimeError("a bug")

    @app.route("/test-only/database-bug")
    def database_bug():
        db.session.execute(text("SELECT * FROM no_such_table"))
        return "unreachable"

    app.config.update(PROPAGATE_EXCEPTIONS=False, MAX_CONTENT_LENGTH=1024)  # answer the 500 page, as in production
    factories.committee()
    db.session.commit()
    return app


def _answers(client, auth) -> dict[int, str]:
    pages = {
        400: client.get("/meetings/%00"),
        404: client.get("/no-such-page"),
        405: client.put("/"),
        413: client.post("/login", data={"username": "x" * 4096}),
        429: client.get("/test-only/too-many"),
        500: client.get("/test-only/bug"),
    }
    auth.login()
    pages[403] = client.get("/settings")  # staff, not admin
    for code, response in pages.items():
        assert response.status_code == code, (code, response.status_code)
    return {code: response.get_data(as_text=True) for code, response in pages.items()}


def test_error_pages_are_the_sites_and_chinese_by_default(client, auth, failing):
    for code, page in _answers(client, auth).items():
        assert "site-header" in page and 'lang="zh-CN"' in page, code
        assert CHINESE[code] in page, code
        assert "Traceback" not in page and "Werkzeug" not in page, code


def test_error_pages_speak_english_to_a_reader_who_chose_it(failing, english, auth):
    for code, page in _answers(english, auth).items():
        assert 'lang="en"' in page and ENGLISH[code] in page, code


def test_a_database_error_still_gets_the_sites_500_page(client, failing):
    """On PostgreSQL the failed statement aborts the transaction: without a rollback first, the page's own
    reading of the committee failed too and the visitor got the bare server error."""
    response = client.get("/test-only/database-bug")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "site-header" in page and CHINESE[500] in page and "no_such_table" not in page
    assert client.get("/").status_code == 200  # and the next request is served
