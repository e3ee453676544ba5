"""The mailbox tests' cast, pinned clock, and a real IMAP server on loopback: a private
Dovecot started for the session with its own configuration, user and Maildir in a
temporary folder. Messages reach it by IMAP APPEND, as a mail server's delivery would."""

import getpass
import grp
import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache

from tests.cast import District, build_district
from tests.service_requests.pages import TUESDAY

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER = "helpdesk"
PASSWORD = "loopback-only-password"
PROCESSED = "Processed"


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


@pytest.fixture(autouse=True)
def no_poll_guard():
    """The periodic job's guard lives in the cache; each test starts without it."""
    cache.delete("mailbox.poll")
    yield
    cache.delete("mailbox.poll")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accounts() -> dict:
    """Who Dovecot's processes run as. As root, Dovecot's own users from Debian's package
    run its services and mail is handled as `nobody` (Dovecot refuses mail access as
    root); as anyone else, everything runs as that person and their group."""
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        return {
            "internal": "dovecot",
            "group": "dovecot",
            "login": "dovenull",
            "uid": nobody.pw_uid,
            "gid": nobody.pw_gid,
        }
    me = getpass.getuser()
    group = grp.getgrgid(os.getgid()).gr_name
    return {"internal": me, "group": group, "login": me, "uid": os.getuid(), "gid": os.getgid()}


CONFIG = """\
protocols = imap
listen = 127.0.0.1
instance_name = districtdesk-test-{port}
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = {internal}
default_internal_group = {group}
default_login_user = {login}
first_valid_uid = {uid}
last_valid_uid = {uid}
first_valid_gid = {gid}
last_valid_gid = {gid}
mail_location = maildir:{root}/home/%u/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    port: int
    root: Path

    def connect(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4("127.0.0.1", self.port, timeout=5)
        imap.login(USER, PASSWORD)
        return imap


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    if not Path(DOVECOT).exists():
        pytest.skip("Dovecot is not installed: ./scripts/test installs it (dovecot-imapd).")
    root = Path(tempfile.mkdtemp(prefix="mailbox-imap-"))
    root.chmod(0o755)  # the mail user must reach its home below it
    port = free_port()
    accounts = _accounts()
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    (root / "home").mkdir()
    if os.geteuid() == 0:
        os.chown(root / "home", accounts["uid"], accounts["gid"])
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(root=root, port=port, **accounts))
    output = (root / "output.log").open("wb")
    process = subprocess.Popen(  # noqa: S603 - our own binary and configuration
        [DOVECOT, "-F", "-c", str(config)], stdout=output, stderr=subprocess.STDOUT
    )
    server = Dovecot(port=port, root=root)
    deadline = time.monotonic() + 15
    while True:
        try:
            server.connect().logout()
            break
        except (OSError, imaplib.IMAP4.error):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log = "".join(
                    path.read_text(errors="replace")
                    for path in (root / "output.log", root / "dovecot.log")
                    if path.exists()
                )
                pytest.fail(f"Dovecot did not start:\n{log}")
            time.sleep(0.1)
    yield server
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    output.close()
    shutil.rmtree(root, ignore_errors=True)


class Mailbox:
    """The help desk's mailbox on the loopback Dovecot, emptied for each test."""

    def __init__(self, server: Dovecot) -> None:
        self.server = server

    def deliver(self, raw: bytes, folder: str = "INBOX") -> None:
        imap = self.server.connect()
        try:
            status, _data = imap.append(folder, None, None, raw)
            assert status == "OK"
        finally:
            imap.logout()

    def uids(self, criterion: str = "ALL", folder: str = "INBOX") -> list[bytes]:
        imap = self.server.connect()
        try:
            imap.select(folder, readonly=True)
            _status, data = imap.uid("SEARCH", None, criterion)
            return data[0].split() if data and data[0] else []
        finally:
            imap.logout()

    def empty(self) -> None:
        imap = self.server.connect()
        try:
            _status, listed = imap.list()
            if not any(PROCESSED.encode() in line for line in listed if line):
                imap.create(PROCESSED)
            for folder in ("INBOX", PROCESSED):
                imap.select(folder)
                _status, data = imap.search(None, "ALL")
                if data and data[0]:
                    imap.store("1:*", "+FLAGS", "(\\Deleted)")
                    imap.expunge()
        finally:
            imap.logout()


@pytest.fixture
def mailbox(dovecot: Dovecot, settings) -> Mailbox:
    settings.MAILBOX_IMAP_HOST = "127.0.0.1"
    settings.MAILBOX_IMAP_PORT = dovecot.port
    settings.MAILBOX_IMAP_SECURITY = "none"  # loopback only; production uses TLS
    settings.MAILBOX_IMAP_USER = USER
    settings.MAILBOX_IMAP_PASSWORD = PASSWORD
    settings.MAILBOX_IMAP_FOLDER = "INBOX"
    settings.MAILBOX_IMAP_PROCESSED_FOLDER = ""
    settings.MAILBOX_IMAP_TIMEOUT = 5
    box = Mailbox(dovecot)
    box.empty()
    return box
