"""Configuration read from the environment. Every variable is documented in README.md."""

import fcntl
import os
import secrets
import tempfile
from pathlib import Path

from consult.security.production import DEVELOPMENT, parse_hosts

ROOT = Path(__file__).resolve().parent.parent  # the repository: instance/ and translations are found from here
INSTANCE = Path(os.environ.get("CONSULT_INSTANCE_PATH", ROOT / "instance"))


def _secret_key() -> str:
    """Return SECRET_KEY from the environment, or (development) a random key kept in instance/secret_key.

    The key file is created once with 0600 permissions, so sessions survive a restart and no well-known
    fallback key ever exists. Processes starting together (gunicorn workers, the notice worker, a flask
    command) all get the same non-empty key: the file is written whole under a temporary name and put in
    place by a rename, under an exclusive lock, so no process ever reads a half-written or empty file.
    In production create_app takes the key from the environment only (consult/security/production.py).
    """
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    INSTANCE.mkdir(parents=True, exist_ok=True)
    path = INSTANCE / "secret_key"
    existing = _read_key(path)
    if existing:
        return existing
    with open(INSTANCE / "secret_key.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        existing = _read_key(path)  # another process may have written it while this one waited
        if existing:
            return existing
        fd, temporary = tempfile.mkstemp(dir=INSTANCE, prefix=".secret_key.")  # created 0600
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    return path.read_text().strip()


def _read_key(path: Path) -> str:
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        return ""


class Config:
    # production or development (the default; tests and `make run`): what production requires is in
    # consult/security/production.py and README.md.
    CONSULT_ENV = (os.environ.get("CONSULT_ENV") or DEVELOPMENT).strip().lower()
    SECRET_KEY = None  # filled in by create_app: the environment's, or in development through _secret_key()
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE / 'consult.db'}"
    BABEL_DEFAULT_LOCALE = "zh_CN"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(ROOT / "consult" / "translations")
    LANGUAGES = ("zh_CN", "en")
    # Public address used in feed links, QR codes and documents, e.g. https://consult.example.gov.cn
    CONSULT_PUBLIC_URL = os.environ.get("CONSULT_PUBLIC_URL", "").strip()
    # The hosts requests may name (Flask refuses any other Host with 400); None: any host.
    TRUSTED_HOSTS = parse_hosts(os.environ.get("CONSULT_ALLOWED_HOSTS")) or None
    CONSULT_COMMITTEE_NAME = os.environ.get("CONSULT_COMMITTEE_NAME", "政协崇川区委员会")
    CONSULT_TIME_ZONE = os.environ.get("CONSULT_TIME_ZONE", "Asia/Shanghai")
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("CONSULT_SECURE_COOKIES", "0") == "1"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # Rate limits of the login (Flask-Limiter): failed logins per typed username and per client address.
    # memory:// counts in each process; redis://host:6379 shares the counts between every server.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or "memory://"
    RATELIMIT_KEY_PREFIX = "consult"
    RATELIMIT_HEADERS_ENABLED = True
    # When Redis cannot be reached the counts go on in the process's memory rather than failing the login.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    CONSULT_LOGIN_ACCOUNT_LIMIT = "10 per 15 minutes"
    CONSULT_LOGIN_ADDRESS_LIMIT = "50 per 15 minutes"
    WTF_CSRF_TIME_LIMIT = None  # a form left open during a long sitting must still submit
    # Behind a reverse proxy (nginx) that sets X-Forwarded-For/-Proto/-Host: trust one hop of them.
    CONSULT_BEHIND_PROXY = os.environ.get("CONSULT_BEHIND_PROXY", "0") == "1"
    # Meeting materials: the largest file staff may attach, and the folder that keeps the files (storage.py).
    CONSULT_MAX_UPLOAD_MB = float(os.environ.get("CONSULT_MAX_UPLOAD_MB") or 20)
    CONSULT_STORAGE_PATH = os.environ.get("CONSULT_STORAGE_PATH", "")  # default: <instance>/materials
    # The largest request (CSV imports, materials): the largest file and room for the form's other fields.
    MAX_CONTENT_LENGTH = int((CONSULT_MAX_UPLOAD_MB + 1) * 1024 * 1024)
    # Notices: the mail server (smtp://user:pass@host:587?starttls=1 or smtps://user:pass@host) and the SMS
    # gateway (an http(s) URL that takes a form POST of phone and text). Unset: notices wait in the outbox.
    CONSULT_SMTP_URL = os.environ.get("CONSULT_SMTP_URL", "")
    CONSULT_SMS_URL = os.environ.get("CONSULT_SMS_URL", "")
    CONSULT_MAIL_FROM = os.environ.get("CONSULT_MAIL_FROM", "")  # default: the SMTP user, or noreply@host


class TestConfig(Config):
    TESTING = True
    CONSULT_ENV = DEVELOPMENT  # a test of production passes CONSULT_ENV itself
    TRUSTED_HOSTS = None
    SECRET_KEY = "test-secret-key-not-for-production"
    WTF_CSRF_ENABLED = False
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    SERVER_NAME = "consult.test"
    # One round of PBKDF2: tests log in hundreds of times, and scrypt costs ~0.2 s a login.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1"
    CONSULT_SMTP_URL = ""
    CONSULT_SMS_URL = ""
    CONSULT_MAIL_FROM = ""
