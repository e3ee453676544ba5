"""Email intake through a real IMAP server (Dovecot on loopback): messages delivered by
IMAP APPEND, read by the poller exactly as in production."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.mailbox.models import InboundMessage
from districtdesk.mailbox.services import polling
from districtdesk.notifications.models import Notification
from districtdesk.service_requests.models import Attachment, Note, ServiceRequest
from districtdesk.service_requests.services import working
from tests.mailbox.conftest import PROCESSED, free_port
from tests.mailbox.messages import EXE, PAGE_AS_PNG, PDF, PNG, email
from tests.notifications.builders import phoned_in

pytestmark = pytest.mark.django_db

Outcome = InboundMessage.Outcome


def test_a_plain_message_becomes_a_request_from_its_sender(mailbox, people, now):
    # Given the teacher emails the help desk
    teacher = people[Role.REQUESTER]
    mailbox.deliver(email(f"Rosa Alvarez <{teacher.email}>"))

    # When the mailbox is polled
    report = polling.poll(now)

    # Then her request exists, from her, by email, waiting to be categorised
    request = ServiceRequest.objects.get()
    assert request.requester == teacher
    assert request.entered_by is None
    assert request.channel == ServiceRequest.Channel.EMAIL
    assert request.summary == "Projector in room 101 shows no picture"
    assert request.description == "The projector powers on but the screen stays blue."
    assert request.campus == teacher.home_campus
    assert request.status == ServiceRequest.Status.NEW
    assert request.submitted_at == now
    message = InboundMessage.objects.get()
    assert (message.outcome, message.request, message.sender) == (Outcome.CREATED, request, teacher)
    assert report.received == 1
    # And the message is marked read on the server
    assert mailbox.uids("UNSEEN") == []
    assert len(mailbox.uids("SEEN")) == 1


def test_an_html_only_message_keeps_its_text_and_no_markup(mailbox, people, now):
    teacher = people[Role.REQUESTER]
    html = (
        "<html><head><style>p {color: red}</style><script>alert('x')</script></head>"
        "<body><p>The <b>printer</b> in the library&nbsp;jams.</p>"
        "<ul><li>Tray 1</li><li>Tray 2</li></ul>"
        '<p><a href="https://vendor.example/jam">Vendor guide</a></p></body></html>'
    )
    mailbox.deliver(email(teacher.email, "Library printer", body=None, html=html))

    polling.poll(now)

    description = ServiceRequest.objects.get().description
    assert description == (
        "The printer in the library jams.\n\n- Tray 1\n\n- Tray 2\n\n"
        "Vendor guide (https://vendor.example/jam)"
    )
    assert "<" not in description
    assert "alert" not in description
    assert "color" not in description


def test_attachments_are_kept_and_refused_files_are_named_on_the_request(mailbox, people, now):
    # Given an email with a PDF, a PNG, a program and a web page named as a picture
    teacher = people[Role.REQUESTER]
    files = (
        ("quote.pdf", PDF, "application/pdf"),
        ("screen.png", PNG, "image/png"),
        ("fix.exe", EXE, "application/octet-stream"),
        ("photo.png", PAGE_AS_PNG, "image/png"),
    )
    mailbox.deliver(email(teacher.email, files=files))

    # When it is polled
    polling.poll(now)

    # Then the request exists with the PDF and the PNG
    request = ServiceRequest.objects.get()
    kept = {(a.original_name, a.content_type) for a in Attachment.objects.filter(request=request)}
    assert kept == {("quote.pdf", "application/pdf"), ("screen.png", "image/png")}
    # And a note says which files were refused and why
    note = Note.objects.get(request=request)
    assert note.visibility == Note.Visibility.REPLY
    assert "fix.exe was not attached: only" in note.body
    assert "photo.png was not attached: its content is a web page (HTML)" in note.body
    message = InboundMessage.objects.get()
    assert message.outcome == Outcome.CREATED
    assert "fix.exe" in message.detail and "photo.png" in message.detail


def test_a_reply_naming_the_request_in_its_subject_is_threaded(mailbox, people, now):
    # Given the teacher's phoned-in request
    request = phoned_in(people, now=now)
    teacher = people[Role.REQUESTER]

    # When she replies by email, quoting the earlier mail, with a screenshot
    body = (
        "It happened again this morning.\n\n"
        "On Mon, 1 Feb 2027, DistrictDesk wrote:\n> Your request was received.\n"
    )
    mailbox.deliver(
        email(
            teacher.email,
            f"Re: [{request.number}] Projector",
            body,
            files=(("again.png", PNG, "image/png"),),
        )
    )
    polling.poll(now)

    # Then her words are a reply on that request, without the quoted mail, with the file
    note = Note.objects.get(request=request)
    assert (note.author, note.visibility) == (teacher, Note.Visibility.REPLY)
    assert note.body == "It happened again this morning."
    assert note.attachments.get().original_name == "again.png"
    assert ServiceRequest.objects.count() == 1
    message = InboundMessage.objects.get()
    assert (message.outcome, message.request) == (Outcome.THREADED, request)


def test_a_reply_to_a_notification_is_threaded_by_in_reply_to(mailbox, people, now, settings):
    # Given the teacher was told about her request by email (docs/notifications.md)
    settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN = "desk.district.example"
    request = phoned_in(people, now=now)
    notification = (
        Notification.objects.filter(event__subject_id=str(request.pk))
        .exclude(channel=Notification.Channel.IN_APP)
        .first()
    )
    assert notification is not None

    # When she answers it from a client that drops the number from the subject
    teacher = people[Role.REQUESTER]
    mailbox.deliver(
        email(
            teacher.email,
            "Re: your projector",
            "Thanks, it works now.",
            headers={"In-Reply-To": f"<notification-{notification.pk}@desk.district.example>"},
        )
    )
    polling.poll(now)

    # Then it is a reply on the request
    note = Note.objects.get(request=request)
    assert note.body == "Thanks, it works now."
    assert InboundMessage.objects.get().outcome == Outcome.THREADED


def test_a_reply_from_someone_who_may_not_write_on_the_request_is_held(mailbox, people, now):
    # Given the teacher's request, and a colleague of another department who sees nothing of it
    request = phoned_in(people, now=now)
    outsider = people[Role.BUSINESS_OFFICE]

    # When the outsider replies naming it
    mailbox.deliver(email(outsider.email, f"Re: [{request.number}] Projector", "Me too."))
    polling.poll(now)

    # Then nothing is written on the request: the message waits for an analyst
    assert not Note.objects.filter(request=request).exists()
    message = InboundMessage.objects.get()
    assert message.outcome == Outcome.HELD
    assert message.hold_reason == InboundMessage.HoldReason.REPLY_NOT_ALLOWED
    assert message.request is None


@pytest.mark.parametrize(
    ("headers", "sender_key", "outcome"),
    [
        ({"Auto-Submitted": "auto-replied"}, None, Outcome.AUTO_REPLY),
        ({"X-Autoreply": "yes"}, None, Outcome.AUTO_REPLY),
        ({"X-Autorespond": "Out of office"}, None, Outcome.AUTO_REPLY),
        ({"Precedence": "bulk"}, None, Outcome.AUTO_REPLY),
        ({"List-Id": "<staff.district.example>"}, None, Outcome.AUTO_REPLY),
        ({}, "helpdesk@district.example", Outcome.LOOP),
    ],
)
def test_automatic_mail_and_our_own_mail_are_ignored(
    mailbox, people, now, headers, sender_key, outcome
):
    teacher = people[Role.REQUESTER]
    mailbox.deliver(email(sender_key or teacher.email, "Out of office", headers=headers))

    polling.poll(now)

    assert not ServiceRequest.objects.exists()
    assert InboundMessage.objects.get().outcome == outcome
    assert mailbox.uids("UNSEEN") == []


def test_a_message_carrying_our_own_message_id_is_a_loop(mailbox, people, now, settings):
    settings.NOTIFICATIONS_MESSAGE_ID_DOMAIN = "desk.district.example"
    teacher = people[Role.REQUESTER]
    mailbox.deliver(email(teacher.email, message_id="<notification-7@desk.district.example>"))

    polling.poll(now)

    assert not ServiceRequest.objects.exists()
    assert InboundMessage.objects.get().outcome == Outcome.LOOP


def test_the_same_message_delivered_twice_makes_one_request(mailbox, people, now):
    raw = email(people[Role.REQUESTER].email)
    mailbox.deliver(raw)
    mailbox.deliver(raw)

    first = polling.poll(now)

    assert (first.received, first.duplicates) == (1, 1)
    assert ServiceRequest.objects.count() == 1
    assert InboundMessage.objects.count() == 1
    assert mailbox.uids("UNSEEN") == []


def test_a_crash_after_the_commit_and_before_seen_creates_nothing_new(mailbox, people, now):
    # Given the poller filed a message and then died before marking it read
    mailbox.deliver(email(people[Role.REQUESTER].email))
    imap = polling.connect()
    [uid] = polling.unseen(imap)
    receipt = polling.take(imap, uid, now=now)
    imap.shutdown()  # the process is gone: no STORE, no LOGOUT
    assert not receipt.duplicate
    assert len(mailbox.uids("UNSEEN")) == 1  # fetched with BODY.PEEK: still unread

    # When the next poll reads it again
    report = polling.poll(now)

    # Then it is recognised, creates nothing, and is marked read this time
    assert (report.received, report.duplicates) == (0, 1)
    assert ServiceRequest.objects.count() == 1
    assert InboundMessage.objects.count() == 1
    assert mailbox.uids("UNSEEN") == []


def test_a_message_from_an_unknown_sender_is_held_until_an_analyst_files_it(
    mailbox, people, now, client
):
    # Given a substitute teacher without an account yet emails the help desk, with a file
    mailbox.deliver(
        email(
            "Sam Substitute <sub.teacher@gmail.example>",
            "Cannot sign in to the classroom PC",
            files=(("error.png", PNG, "image/png"), ("tool.exe", EXE, "application/x-msdos")),
        )
    )
    polling.poll(now)
    message = InboundMessage.objects.get()
    assert message.outcome == Outcome.HELD
    assert message.hold_reason == InboundMessage.HoldReason.UNKNOWN_SENDER
    assert not ServiceRequest.objects.exists()

    # When the analyst opens the held email and files it for the teacher it belongs to
    analyst, teacher = people[Role.CCC_ANALYST], people[Role.REQUESTER]
    client.force_login(analyst)
    listing = client.get(reverse("mailbox_held_list"))
    assert "Cannot sign in to the classroom PC" in listing.content.decode()
    page = client.get(reverse("mailbox_held_detail", args=[message.pk]))
    assert "error.png" in page.content.decode()
    response = client.post(
        reverse("mailbox_held_detail", args=[message.pk]),
        {"requester": teacher.pk, "summary": "Cannot sign in to the classroom PC", "campus": ""},
    )

    # Then the request is hers, entered by the analyst, by email, with the picture kept
    request = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("request_detail", args=[request.pk])
    assert (request.requester, request.entered_by) == (teacher, analyst)
    assert request.channel == ServiceRequest.Channel.EMAIL
    assert request.campus == teacher.home_campus
    assert [a.original_name for a in request.attachments.all()] == ["error.png"]
    assert "tool.exe was not attached" in Note.objects.get(request=request).body
    message.refresh_from_db()
    assert (message.outcome, message.request, message.handled_by) == (
        Outcome.CREATED,
        request,
        analyst,
    )
    # And it is no longer held
    assert "Cannot sign in" not in client.get(reverse("mailbox_held_list")).content.decode()


def test_handled_messages_move_to_the_processed_folder(mailbox, people, now, settings):
    settings.MAILBOX_IMAP_PROCESSED_FOLDER = PROCESSED
    mailbox.deliver(email(people[Role.REQUESTER].email))

    polling.poll(now)

    assert mailbox.uids("ALL") == []
    assert len(mailbox.uids("SEEN", folder=PROCESSED)) == 1
    assert ServiceRequest.objects.count() == 1


def test_a_message_over_the_size_limit_is_refused_unread(mailbox, people, now, settings):
    settings.MAILBOX_MAX_MESSAGE_BYTES = 2_000
    mailbox.deliver(
        email(people[Role.REQUESTER].email, files=(("big.pdf", PDF * 100, "application/pdf"),))
    )

    polling.poll(now)

    message = InboundMessage.objects.get()
    assert message.outcome == Outcome.REFUSED
    assert message.raw_size > 2_000
    assert len(bytes(message.raw)) < 2_000  # only its header was fetched
    assert not ServiceRequest.objects.exists()


def test_the_periodic_job_polls_and_does_nothing_without_a_host(mailbox, people, now, settings):
    mailbox.deliver(email(people[Role.REQUESTER].email))

    assert polling.poll_job(now) == 1
    # A second tick inside the poll interval does not poll again
    mailbox.deliver(email(people[Role.REQUESTER].email, "Second"))
    assert polling.poll_job(now) == 0

    settings.MAILBOX_IMAP_HOST = ""
    polling.cache.delete(polling.POLL_GUARD)
    assert polling.poll_job(now) == 0
    assert ServiceRequest.objects.count() == 1


def test_the_job_survives_an_unreachable_mailbox(mailbox, now, settings):
    # Given nothing listens where the mailbox should be
    settings.MAILBOX_IMAP_PORT = free_port()

    # Then the tick's job logs it and carries on; the command's poll says why
    assert polling.poll_job(now) == 0
    with pytest.raises(ConnectionRefusedError):
        polling.poll(now)


def test_the_command_polls_once(mailbox, people, now, capsys):
    mailbox.deliver(email(people[Role.REQUESTER].email))

    call_command("poll_mailbox")

    assert "received 1, created 1" in capsys.readouterr().out
    assert ServiceRequest.objects.count() == 1


def test_a_message_to_a_request_that_was_resolved_still_threads(mailbox, people, now):
    request = phoned_in(people, now=now)
    technician = people[Role.TECHNICIAN]
    working.acknowledge_request(request, actor=technician, now=now)
    working.resolve_request(request, actor=technician, resolution="Replaced the lamp.", now=now)
    mailbox.deliver(email(people[Role.REQUESTER].email, f"Re: [{request.number}]", "Thanks!"))

    polling.poll(now)

    assert Note.objects.get(request=request).body == "Thanks!"
