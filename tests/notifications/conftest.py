"""The notification tests' cast, pinned clock, and a real SMTP server on loopback."""

import asyncio
import socket
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

import pytest
import time_machine
from aiosmtpd.controller import Controller

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
