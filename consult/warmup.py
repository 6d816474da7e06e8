"""Readying an app before it serves: what a fresh process would otherwise do during its first requests.

gunicorn.conf.py calls warm_up() once in gunicorn's master (preload_app), before the workers are forked, so that
every worker starts with the templates compiled and the mappers configured, sharing those pages of memory,
instead of each worker paying for them while the first members wait at the door.
"""

from __future__ import annotations

from flask import Flask
from sqlalchemy.orm import configure_mappers


def warm_up(app: Flask) -> int:
    """Compile every HTML template of `app` into its Jinja environment's cache and configure the ORM mappers;
    touch no database. Return how many templates were compiled."""
    configure_mappers()
    names = [name for name in app.jinja_env.list_templates() if name.endswith(".html")]
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)
