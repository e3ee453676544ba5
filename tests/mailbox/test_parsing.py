"""Reading a message: keys, senders, bodies, files and automatic mail, without a server."""

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from districtdesk.mailbox.html_text import html_to_text
from districtdesk.mailbox.parsing import parse
from tests.mailbox.messages import PDF, email


def test_the_key_is_the_message_id_without_brackets():
    parsed = parse(email("a@district.example", message_id="<abc.123@mail.example>"))
    assert parsed.message_id == "abc.123@mail.example"


def test_a_message_without_a_message_id_is_keyed_by_its_hash():
    message = EmailMessage()
    message["From"] = "a@district.example"
    message["Subject"] = "No id"
    message.set_content("Hello")
    raw = message.as_bytes()

    first, second = parse(raw), parse(raw)

    assert first.message_id.startswith("sha256:")
    assert first.message_id == second.message_id
    assert parse(raw + b"more").message_id != first.message_id


def test_a_message_without_a_single_sender_has_no_address():
    assert parse(email("a@x.example, b@x.example")).sender_address == ""
    assert parse(email("not an address")).sender_address == ""


@pytest.mark.parametrize(
    ("subject", "number"),
    [
        ("Re: [SR-000123] Projector", 123),
        ("RE: sr-000045 follow-up", 45),
        ("Fwd: [DistrictDesk] SR-000007 Projector: Resolved", 7),
        ("Projector in room SR7", None),
        ("Nothing here", None),
    ],
)
def test_the_request_number_is_read_from_the_subject(subject, number):
    assert parse(email("a@district.example", subject)).request_number == number


def test_the_references_keep_their_order_without_repeats():
    raw = email(
        "a@district.example",
        headers={"In-Reply-To": "<b@x>", "References": "<a@x> <b@x>"},
    )
    assert parse(raw).references == ["b@x", "a@x"]


def test_an_attached_email_is_one_file():
    inner = message_from_bytes(email("b@district.example", "Forwarded"), policy=policy.default)
    outer = EmailMessage()
    outer["From"] = "a@district.example"
    outer["Subject"] = "See attached"
    outer.set_content("Look at this")
    outer.add_attachment(inner, filename="fwd.eml")
    outer.add_attachment(PDF, maintype="application", subtype="pdf", filename="q.pdf")

    files = parse(outer.as_bytes()).files

    assert [file.name for file in files] == ["fwd.eml", "q.pdf"]
    assert b"Forwarded" in files[0].content


def test_a_reply_keeps_its_own_words_only():
    body = "Yes, please come at 2.\n\n> Can I come by today?\n> Tomas"
    assert parse(email("a@district.example", body=body)).reply_text() == "Yes, please come at 2."


def test_auto_submitted_no_is_a_person_writing():
    raw = email("a@district.example", headers={"Auto-Submitted": "no"})
    assert parse(raw).automatic == ""


def test_a_bounce_is_automatic():
    raw = email("mailer-daemon@district.example", headers={"Return-Path": "<>"})
    assert parse(raw).automatic == "auto_reply"


def test_html_becomes_text_without_scripts_styles_or_tags():
    html = (
        "<!doctype html><html><head><title>T</title><style>b{}</style></head><body>"
        "<h1>Broken</h1><p>Line one<br>line two &amp; three</p>"
        "<table><tr><td>A</td><td>B</td></tr></table>"
        "<script>document.cookie</script><img src=x onerror=alert(1)>"
        '<a href="javascript:alert(1)">click</a></body></html>'
    )
    assert html_to_text(html) == "Broken\n\nLine one\nline two & three\n\nA B\n\nclick"
