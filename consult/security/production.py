"""What a production configuration must hold before the app starts, as plain functions over the config mapping.

Production is `CONSULT_ENV=production`; anything else but `development` (the default, which tests and `make run`
use) is refused, so a typo never falls back to development. In production:

- SECRET_KEY comes from the environment, at least MIN_SECRET_KEY_LENGTH characters, not a key published anywhere
  (the test key, the usual placeholders) and not a short pattern repeated. A generated key file is for
  development only: several servers must share one key, and only the operator can give it to them.
- Absolute links (feeds, QR codes, documents, notices) never take the Host header on trust: CONSULT_PUBLIC_URL
  gives them (an http(s) address without query or fragment), or CONSULT_ALLOWED_HOSTS names the hosts requests
  may come for (Flask's TRUSTED_HOSTS; any other Host is answered 400). At least one of the two is set.

Messages are for the operator reading the server's log, in English, and say what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

DEVELOPMENT, PRODUCTION = "development", "production"
ENVIRONMENTS = (DEVELOPMENT, PRODUCTION)
MIN_SECRET_KEY_LENGTH = 32
# Keys that are written down somewhere (this repository's tests, tutorials, placeholders): never secret.
KNOWN_SECRET_KEYS = frozenset({
    "test-secret-key-not-for-production", "dev", "development", "secret", "secret-key", "secret_key", "secretkey",
    "changeme", "change-me", "change_me", "changeit", "please-change-me", "replace-me", "your-secret-key",
    "your_secret_key", "my-secret-key", "flask-secret-key", "default", "password", "consult",
})
GENERATE_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"


class UnsafeConfiguration(RuntimeError):
    """The configuration cannot run in production; the message lists every problem and what to do."""


def parse_hosts(text: str | None) -> list[str]:
    """Return the host names of CONSULT_ALLOWED_HOSTS: separated by commas or spaces, lower-cased, without ports
    (Werkzeug ignores the port when it checks a Host); a name starting with a dot allows its subdomains."""
    hosts = []
    for part in (text or "").replace(",", " ").split():
        host = part.strip().lower()
        if host.startswith("[") and "]" in host:  # [::1]:8000
            host = host[: host.index("]") + 1]
        elif host.count(":") == 1:
            host = host.split(":", 1)[0]
        if host and host not in hosts:
            hosts.append(host)
    return hosts


def secret_key_problem(key: str | None) -> str | None:
    """Return why `key` cannot sign production sessions (missing, short, published, a repeated pattern), or
    None when it can."""
    if not key:
        return f"SECRET_KEY is not set. Set it to a random value of at least {MIN_SECRET_KEY_LENGTH} characters, " \
               f"the same on every server, e.g. the output of: {GENERATE_KEY}"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return f"SECRET_KEY has {len(key)} characters; it needs at least {MIN_SECRET_KEY_LENGTH}. Generate one " \
               f"with: {GENERATE_KEY}"
    if key.strip().lower() in KNOWN_SECRET_KEYS:
        return f"SECRET_KEY is a published example key, known to anyone. Generate one with: {GENERATE_KEY}"
    if len(set(key)) < 5 or key in (key + key)[1:-1]:
        return f"SECRET_KEY is a short pattern repeated, easy to guess. Generate one with: {GENERATE_KEY}"
    return None


def public_url_problem(url: str | None) -> str | None:
    """Return why CONSULT_PUBLIC_URL cannot prefix absolute links, or None when it is empty or can."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        return f"CONSULT_PUBLIC_URL {url!r} is not an address like https://consult.example.gov.cn (http or https, " \
               "a host, no query or fragment)."
    return None


def production_problems(config: Mapping) -> list[str]:
    """Return what keeps `config` (the app's configuration) from running: an unknown CONSULT_ENV, and in
    production each problem of the secret key and of the public address and hosts; [] when it may start."""
    environment = config.get("CONSULT_ENV", DEVELOPMENT)
    if environment not in ENVIRONMENTS:
        return [f"CONSULT_ENV is {environment!r}; it must be {PRODUCTION!r} or {DEVELOPMENT!r} (the default)."]
    if environment != PRODUCTION:
        return []
    problems = [secret_key_problem(config.get("SECRET_KEY")), public_url_problem(config.get("CONSULT_PUBLIC_URL"))]
    if not config.get("CONSULT_PUBLIC_URL") and not config.get("TRUSTED_HOSTS"):
        problems.append(
            "Neither CONSULT_PUBLIC_URL nor CONSULT_ALLOWED_HOSTS is set, so links in feeds, QR codes and documents "
            "would take whatever Host a request names. Set CONSULT_PUBLIC_URL to the site's public address (e.g. "
            "https://consult.example.gov.cn), or CONSULT_ALLOWED_HOSTS to the host names it is served under."
        )
    return [problem for problem in problems if problem]


def check_configuration(config: Mapping) -> None:
    """Return None when `config` may start; raise UnsafeConfiguration listing every problem otherwise."""
    problems = production_problems(config)
    if problems:
        listed = "\n- ".join(problems)
        raise UnsafeConfiguration(f"consult refuses to start (CONSULT_ENV={config.get('CONSULT_ENV')}):\n- {listed}")
