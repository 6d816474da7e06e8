"""Fixtures of the notice tests: a real SMTP server in-process (aiosmtpd), a local SMS gateway (http.server),
a sitting with invitees who have a phone, an e-mail address, both or neither."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from aiosmtpd.controller import Controller

from consult.extensions import db
from tests import factories
from tests.feeds.conftest import icaljs  # noqa: F401  (the ical.js parser fixture)


def free_port() -> int:
    """Return a free local port (aiosmtpd's Controller cannot be given port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailRecorder:
    """An aiosmtpd handler that keeps every message, refuses the addresses in `refuse` with 550 and, once it
    holds `stop_after` messages, answers 421 and shuts the server down (a mail server going away mid-run)."""

    def __init__(self) -> None:
        self.messages: list = []
        self.refuse: set[str] = set()
        self.stop_after: int | None = None
        self.on_stop = None
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.stop_after is not None and len(self.messages) >= self.stop_after:
            threading.Thread(target=self.on_stop).start()
            return "421 4.3.2 Service shutting down"
        self.messages.append(BytesParser(policy=policy.default).parsebytes(envelope.content))
        return "250 OK"


class SmtpServer:
    """A local SMTP server that can be stopped and started again on the same port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.handler = MailRecorder()
        self.handler.on_stop = self.stop
        self.controller: Controller | None = None
        self.smtputf8 = True

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, enable_SMTPUTF8=self.smtputf8
        )
        self.controller.start()

    def stop(self) -> None:
        controller, self.controller = self.controller, None
        if controller is not None:
            controller.stop()


@pytest.fixture
def smtp_server():
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


class SmsGateway:
    """A local HTTP SMS gateway: keeps (phone, text); answers 400 for numbers starting 000, 503 when `down`."""

    def __init__(self) -> None:
        self.received: list[tuple[str, str]] = []
        self.down = False
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode("utf-8"))
                phone, text = form.get("phone", [""])[0], form.get("text", [""])[0]
                if gateway.down:
                    status, body = 503, "gateway busy"
                elif phone.startswith("000"):
                    status, body = 400, "invalid phone number"
                else:
                    gateway.received.append((phone, text))
                    status, body = 200, "OK"
                payload = body.encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/send?key=test-key"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sms_gateway():
    gateway = SmsGateway()
    gateway.start()
    yield gateway
    gateway.stop()


@dataclass
class Sitting:
    meeting: object
    both: object  # phone and e-mail
    mail_only: object
    phone_only: object
    neither: object


@pytest.fixture
def sitting(app, clock):
    factories.committee(term=8)
    both = factories.member("张明", phone="13800000001", email="zhang@example.cn")
    mail_only = factories.member("李华", email="li@example.cn")
    phone_only = factories.member("王芳", phone="13800000003")
    neither = factories.member("赵强")
    standing = factories.organ("standing_committee", "常务委员会", slug="standing",
                               members=[both, mail_only, phone_only, neither])
    meeting = factories.meeting(
        standing, title="加强我区科技企业创新能力建设", term=8, number=12, consultation_form="thematic",
        location="区政协三楼会议室", invitees=[both, mail_only, phone_only, neither], topics=["听取情况通报"],
    )
    db.session.commit()
    return Sitting(meeting, both, mail_only, phone_only, neither)
