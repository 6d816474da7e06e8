"""gunicorn's settings, read from the working directory: `gunicorn wsgi:app` (with --workers, --bind …).

The app is loaded once in the master and readied there (templates compiled, mappers configured), then the workers
are forked from it: each starts warm and shares that memory. No database connection is opened before the fork.
"""

import gc

preload_app = True


def when_ready(server):
    """Ready the preloaded app before the first worker is forked."""
    from consult.warmup import warm_up

    count = warm_up(server.app.wsgi())
    # Move everything loaded so far (the app, its modules, mappers and compiled templates: some 180,000 objects)
    # out of the collector's reach. Each worker's first full collection otherwise walks all of them (about 100 ms
    # alone, 240 ms with four workers on two cores, seen in benchmarks/burst.py) and writes to every page it
    # touches, so the memory the workers share is copied into each of them.
    gc.collect()
    gc.freeze()
    server.log.info("consult: %d templates compiled before forking the workers; %d objects frozen", count,
                    gc.get_freeze_count())


def post_fork(server, worker):
    """Give each worker its own database connections: drop any the master's engine pool may hold, without
    closing them under the master (SQLAlchemy's advice for forked processes)."""
    from consult.extensions import db

    app = server.app.wsgi()
    with app.app_context():
        db.engine.dispose(close=False)
