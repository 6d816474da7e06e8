"""What keeps browsers and hosts honest: the security headers of every response (headers.py) and the checks of
a production configuration (production.py)."""
