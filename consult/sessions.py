"""The app's cookie session, which leaves publicly cacheable answers (calendar feeds) without Vary: Cookie."""

from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface


class PublicResponseSessionInterface(SecureCookieSessionInterface):
    """The cookie session, except that a response marked `Cache-Control: public` whose session was not
    changed is left alone: no `Vary: Cookie`, no cookie refresh.

    Flask adds `Vary: Cookie` whenever the session was read, and Flask-Login reads it after every
    request; public feeds do not depend on who asks, and that header would make shared caches keep one
    copy per visitor.
    """

    def save_session(self, app, session, response) -> None:
        if response.cache_control.public and not session.modified:
            return
        super().save_session(app, session, response)
