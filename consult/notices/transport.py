"""Sending: mail over SMTP (smtplib) and SMS through the office's HTTP gateway (urllib).

Every outcome is one of three: sent, failed (this member, for good: the server refused the address) or
retry (the server or the network is in trouble: nothing is lost, the worker tries again later).
"""

from __future__ import annotations

import smtplib
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

SENT, FAILED, RETRY = "sent", "failed", "retry"
TIMEOUT = 20  # seconds for one SMTP conversation step or one gateway call
ERROR_MAX = 500  # characters of a server's message kept on the notice


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one notice; `connection_lost` tells the worker to stop using this connection."""

    result: str  # SENT, FAILED, RETRY
    error: str = ""
    connection_lost: bool = False


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    """Where and how to reach the mail server, from CONSULT_SMTP_URL."""

    host: str
    port: int
    username: str = ""
    password: str = ""
    security: str = ""  # "", "starttls" or "ssl"


def parse_smtp_url(url: str) -> SmtpSettings:
    """Return the settings in `url`: smtp://user:pass@host:587?starttls=1 (STARTTLS), smtps://… (TLS from the
    first byte, port 465 by default) or smtp://host:25 (plain). User and password are percent-decoded.

    Raises ValueError for another scheme or a URL without a host.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("CONSULT_SMTP_URL must look like smtp://user:pass@host:587?starttls=1 or smtps://host")
    query = parse_qs(parts.query)
    starttls = query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes")
    security = "ssl" if parts.scheme == "smtps" else ("starttls" if starttls else "")
    return SmtpSettings(
        host=parts.hostname,
        port=parts.port or (465 if security == "ssl" else 587 if starttls else 25),
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        security=security,
    )


def sender_address(smtp_url: str, mail_from: str) -> str:
    """Return the From address: CONSULT_MAIL_FROM, else the SMTP user when it is an address, else
    noreply@ the SMTP host."""
    if mail_from:
        return mail_from
    settings = parse_smtp_url(smtp_url)
    return settings.username if "@" in settings.username else f"noreply@{settings.host}"


def build_mail(
    *, sender_name: str, sender: str, to: str, subject: str, body: str, calendar: bytes, method: str, now: datetime
) -> EmailMessage:
    """Return the mail: plain-text body and the calendar as text/calendar; method=… with an ASCII file name.

    The email package writes a Chinese subject and From name as RFC 2047 words.
    """
    message = EmailMessage()
    message["From"] = formataddr((sender_name, sender)) if sender_name else sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1] or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: out-of-office replies are not sent back to it
    message.set_content(body)
    if calendar:
        message.add_attachment(
            calendar, maintype="text", subtype="calendar",
            filename="cancel.ics" if method == "CANCEL" else "invite.ics",
            params={"method": method, "charset": "utf-8"},
        )
    return message


def _text(raw: bytes | str) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return text.strip()[:ERROR_MAX]


class SmtpConnection:
    """One SMTP connection reused for many mails; opened on the first send, reopened after a loss."""

    def __init__(self, url: str, timeout: float = TIMEOUT) -> None:
        self.settings = parse_smtp_url(url)
        self.timeout = timeout
        self._smtp: smtplib.SMTP | None = None

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "ssl":
            smtp = smtplib.SMTP_SSL(s.host, s.port, timeout=self.timeout, context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(s.host, s.port, timeout=self.timeout)
            if s.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
        if s.username:
            smtp.login(s.username, s.password)
        return smtp

    def send(self, message: EmailMessage, sender: str, to: str) -> Outcome:
        """Send one mail to one address and return the outcome; never raises for the server's answers."""
        try:
            if self._smtp is None:
                self._smtp = self._open()
        except (smtplib.SMTPException, OSError) as error:  # down, refused, timed out, TLS or login failed
            self.close()
            detail = f"{error.smtp_code} {_text(error.smtp_error)}" if isinstance(
                error, smtplib.SMTPResponseException) else f"{type(error).__name__}: {error}"
            return Outcome(RETRY, detail[:ERROR_MAX], connection_lost=True)
        try:
            self._smtp.send_message(message, from_addr=sender, to_addrs=[to])
        except smtplib.SMTPNotSupportedError as error:  # e.g. a non-ASCII address and a server without SMTPUTF8
            return Outcome(FAILED, str(error)[:ERROR_MAX])
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()), (0, b""))
            detail = f"{code} {_text(text)}"
            return Outcome(FAILED if code >= 500 else RETRY, detail)
        except smtplib.SMTPDataError as error:
            detail = f"{error.smtp_code} {_text(error.smtp_error)}"
            if error.smtp_code == 421:  # the server is closing the connection
                self.close()
                return Outcome(RETRY, detail, connection_lost=True)
            return Outcome(FAILED if error.smtp_code >= 500 else RETRY, detail)
        except smtplib.SMTPResponseException as error:  # sender refused, authentication, HELO: not this member's fault
            self.close()
            return Outcome(RETRY, f"{error.smtp_code} {_text(error.smtp_error)}", connection_lost=True)
        except (smtplib.SMTPException, OSError) as error:  # refused, timed out, disconnected, TLS failed
            self.close()
            return Outcome(RETRY, f"{type(error).__name__}: {error}"[:ERROR_MAX], connection_lost=True)
        return Outcome(SENT)

    def close(self) -> None:
        """Say QUIT when the server still listens, and forget the connection."""
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()


def send_sms(url: str, phone: str, text: str, timeout: float = TIMEOUT) -> Outcome:
    """POST `phone` and `text` (form-encoded, UTF-8) to the gateway at `url` and return the outcome.

    A key the gateway needs goes into the URL (…/send?key=…), which is posted to as it is.
    2xx is sent; 4xx is this number refused for good, with the gateway's message; 5xx, a timeout or a
    refused connection is retried later (`connection_lost`: the gateway is not answering).
    """
    request = urllib.request.Request(
        url,
        data=urlencode({"phone": phone, "text": text}).encode("utf-8"),
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - the office's own gateway
            response.read()
    except urllib.error.HTTPError as error:
        detail = f"{error.code} {_text(error.read() or error.reason or '')}"
        if 400 <= error.code < 500:
            return Outcome(FAILED, detail)
        return Outcome(RETRY, detail)
    except (urllib.error.URLError, OSError) as error:
        return Outcome(RETRY, f"{type(error).__name__}: {getattr(error, 'reason', error)}"[:ERROR_MAX], True)
    return Outcome(SENT)
