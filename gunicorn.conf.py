"""gunicorn's settings, read from the working directory: `gunicorn wsgi:app` (with --workers, --bind …).

The app is loaded once in the master and readied there (templates compiled, mappers configured), then the workers
are forked from it: each starts warm and shares that memory. No database connection is opened before the fork.
"""

preload_app = True


def when_ready(server):
    """Ready the preloaded app before the first worker is forked."""
    from consult.warmup import warm_up

    count = warm_up(server.app.wsgi())
    server.log.info("consult: %d templates compiled before forking the workers", count)


def post_fork(server, worker):
    """Give each worker its own database connections: drop any the master's engine pool may hold, without
    closing them under the master (SQLAlchemy's advice for forked processes)."""
    from consult.extensions import db

    app = server.app.wsgi()
    with app.app_context():
        db.engine.dispose(close=False)
