"""Held email in a real browser: an analyst finds the person an unknown sender is, with
the phone page's caller search, and makes the email a request; another email is
discarded after the page says a reason is needed."""

from django.utils import timezone
from playwright.sync_api import Page, expect

from districtdesk.core.models import Role
from districtdesk.mailbox.models import InboundMessage
from districtdesk.mailbox.services.receiving import receive_message
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD
from tests.mailbox.messages import PNG, email


def held(raw: bytes) -> InboundMessage:
    receipt = receive_message(raw, source=InboundMessage.Source.WEBHOOK, now=timezone.now())
    assert receipt.message.outcome == InboundMessage.Outcome.HELD
    return receipt.message


def test_an_analyst_makes_a_held_email_a_request(page: Page, check_page, sign_in):
    # Given an email from an address nobody has, with a screenshot
    district = build_district()
    held(
        email(
            "Rosa at home <rosa.alvarez@home.example>",
            "Cannot print from the library",
            "The library printer says offline.",
            files=(("printer.png", PNG, "image/png"),),
        )
    )

    # When the analyst opens the held email
    sign_in(district.people[Role.CCC_ANALYST].username, TEST_PASSWORD)
    check_page("mailbox-analyst-home")
    page.goto("/mailbox/held/")
    expect(page.get_by_role("heading", name="Held email", level=1)).to_be_visible()
    check_page("mailbox-held-list")
    page.get_by_role("link", name="Cannot print from the library").click()
    expect(page.get_by_text("The library printer says offline.")).to_be_visible()
    expect(page.get_by_text("printer.png")).to_be_visible()
    check_page("mailbox-held-detail")

    # And finds the teacher it is from, and creates the request
    page.get_by_label("Find the person").fill("Alvarez")
    page.get_by_label("Rosa Alvarez").check()
    check_page("mailbox-held-person-found")
    page.get_by_role("button", name="Create the request").click()

    # Then the request's page shows it, entered for her
    expect(page.get_by_text("created for Rosa Alvarez")).to_be_visible()
    expect(page.get_by_role("link", name="printer.png")).to_be_visible()
    check_page("mailbox-request-created")


def test_discarding_a_held_email_asks_for_a_reason(page: Page, check_page, sign_in):
    district = build_district()
    message = held(email("offers@spam.example", "You won a prize"))

    sign_in(district.people[Role.CCC_ANALYST].username, TEST_PASSWORD)
    check_page("mailbox-analyst-home")
    page.goto(f"/mailbox/held/{message.pk}/")
    check_page("mailbox-discard-before")
    page.get_by_role("button", name="Discard the email").click()
    expect(page.get_by_text("The email was not discarded: say why.")).to_be_visible()
    check_page("mailbox-discard-refused")

    page.get_by_label("Why discard it").fill("Spam")
    page.get_by_role("button", name="Discard the email").click()
    expect(page.get_by_text("The email from offers@spam.example was discarded.")).to_be_visible()
    expect(page.get_by_text("No email is waiting")).to_be_visible()
    check_page("mailbox-discarded")
