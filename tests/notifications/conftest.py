"""The notification tests' cast, pinned clock, and a real SMTP server on loopback."""

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from io import StringIO

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command

from tests.cast import District, build_district
from tests.service_requests.pages import TUESDAY


@pytest.fixture
def district() -> District:
    return build_district()


@pytest.fixture
def people(district: District) -> dict:
    return district.people


@pytest.fixture
def now():
    """Tuesday 2 February 2027, 10:00 in the district: a working day."""
    with time_machine.travel(TUESDAY, tick=False):
        yield TUESDAY


@dataclass
class Inbox:
    """Whatever the loopback SMTP server accepted, parsed."""

    messages: list[Message] = field(default_factory=list)

    # aiosmtpd calls the handler's method by this name.
    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(message_from_bytes(envelope.original_content or envelope.content))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [message for message in self.messages if message["To"] == address]


class SMTPServer:
    """A real SMTP server on 127.0.0.1 that can be stopped and started again on its port."""

    def __init__(self) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        self._controller = Controller(
            self.inbox, hostname="127.0.0.1", port=self.port, loop=asyncio.new_event_loop()
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp(settings):
    server = SMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    server.start()
    yield server
    server.stop()


@pytest.fixture
def spanish(settings) -> None:
    """The Spanish catalogue compiled (the set-up script does it; this covers a checkout where
    it has not run since the .po changed), and Django's cache of catalogues emptied."""
    call_command("compile_catalogues", stdout=StringIO())
    # Reassigning LOCALE_PATHS makes Django load the catalogues afresh.
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)


class HangingRelay:
    """An SMTP handler that takes a message's DATA and then never answers: the sender hangs
    mid-send, as it does behind a relay that stalls. Nothing is accepted; `sending` is set
    once a client is stuck there."""

    def __init__(self) -> None:
        self.sending = threading.Event()
        self.released = threading.Event()

    # aiosmtpd calls the handler's method by this name.
    async def handle_DATA(self, server, session, envelope) -> str:
        self.sending.set()
        while not self.released.is_set():
            await asyncio.sleep(0.05)
        return "451 Requested action aborted: try again later"


class HangingSMTPServer(SMTPServer):
    """A real SMTP server on 127.0.0.1 whose every message hangs in DATA (see HangingRelay)."""

    def __init__(self) -> None:
        super().__init__()
        self.relay = HangingRelay()
        self.inbox = self.relay  # the controller serves whatever `inbox` handles

    def stop(self) -> None:
        self.relay.released.set()
        super().stop()


@pytest.fixture
def hanging_smtp():
    """A second loopback SMTP server that never confirms a message (for a process started
    by the test: it does not change the settings)."""
    server = HangingSMTPServer()
    server.start()
    yield server
    server.stop()
