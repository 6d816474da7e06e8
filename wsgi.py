"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""

import logging

from consult import create_app

# The server entry point sets up logging; create_app leaves the root logger to whoever runs it.
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

app = create_app()
