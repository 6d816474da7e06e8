"""Readying the app in gunicorn's master before the workers are forked (consult/warmup.py, gunicorn.conf.py)."""

from __future__ import annotations

import http.client
import re
from pathlib import Path

from benchmarks.burst import populate, start_gunicorn, stop_gunicorn
from consult.warmup import warm_up

ROOT = Path(__file__).resolve().parent.parent


def test_warming_up_compiles_every_page_template_and_touches_no_database(app, count_statements):
    html = [name for name in app.jinja_env.list_templates() if name.endswith(".html")]
    with count_statements() as statements:
        compiled = warm_up(app)
    assert compiled == len(html) > 50
    assert statements() == 0
    cached = {key[1] for key in app.jinja_env.cache}
    assert set(html) <= cached


def test_gunicorn_readies_the_app_once_and_its_workers_serve(tmp_path):
    assert (ROOT / "gunicorn.conf.py").is_file()
    url = f"sqlite:///{tmp_path / 'warm.db'}"
    sitting = populate(url, 3)
    process = start_gunicorn(url, _free_port(), str(tmp_path), workers=2, log_level="info")
    try:
        port = int(process.args[process.args.index("-b") + 1].rsplit(":", 1)[1])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", f"/m/{sitting.code}", headers={"Accept-Language": "zh-CN"})
        response = connection.getresponse()
        body = response.read().decode()
        connection.close()
    finally:
        stop_gunicorn(process)
    assert response.status == 200 and "加强我区科技企业创新能力建设" in body
    log = (tmp_path / "gunicorn.log").read_text()
    assert log.count("templates compiled before forking the workers") == 1, log
    # what the master loaded is out of the collector's reach in every worker (no full walk of the shared memory)
    frozen = re.search(r"; (\d+) objects frozen", log)
    assert frozen is not None and int(frozen.group(1)) > 50_000, log


def _free_port() -> int:
    from benchmarks.burst import free_port

    return free_port()
