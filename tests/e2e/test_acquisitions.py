"""Technology requests in a real browser (seed 002). Every page is checked (axe-core, CSP,
console). Journey 1: a teacher's document camera goes from the form through review, the
principal's approval on a phone, the quote, the Business Office's funding, receiving with a
wedge scanner and deployment, to closed. Journey 2: the principal denies, and the teacher
reads why."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from districtdesk.acquisitions.models import TechnologyRequest
from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset
from tests.acquisitions import builders
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("load")


def open_request(page: Page, check_page, request: TechnologyRequest, name: str) -> None:
    page.goto(f"/technology/{request.pk}/")
    check_page(name)


def status_of(page: Page):
    return page.get_by_role("region", name="Status", exact=True).locator(".status")


def fits_the_screen(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def test_a_document_camera_goes_from_the_form_to_deployed(page: Page, check_page, sign_in):
    district = build_district()
    builders.standards()
    people = district.people
    teacher, technician = people[Role.REQUESTER], people[Role.TECHNICIAN]

    # The teacher asks for a document camera from the standards.
    sign_in(teacher.username, TEST_PASSWORD)
    check_page("acq-home")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Technology").click()
    check_page("acq-mine-empty")
    page.get_by_role("link", name="Ask for technology").first.click()
    check_page("acq-form")
    page.get_by_label("The need").fill("Students cannot see worked examples from the back.")
    page.get_by_label("Impact").fill("Daily maths lessons for 28 students.")
    page.get_by_label("From the district's standards").select_option(
        label="Visualiser 5 document camera · $89.00–$129.00 · supported until Jun 2030"
    )
    expect(page.locator("#standards-check")).to_contain_text("On the standards")
    page.get_by_label("Room").select_option(label="101")
    page.get_by_role("button", name="Submit the request").click()
    expect(status_of(page)).to_have_text("Technology review")
    check_page("acq-submitted")
    request = TechnologyRequest.objects.get()
    sign_out(page)

    # The technology reviewer forwards it to the teacher's principal.
    sign_in(technician.username, TEST_PASSWORD)
    check_page()
    page.goto("/technology/review/")
    check_page("acq-review-queue")
    page.get_by_role("link", name=request.number).click()
    check_page()
    page.get_by_text("Forward for approval").click()
    page.get_by_label("Notes").fill("Fits the standard.")
    page.get_by_role("button", name="Forward to the supervisor").click()
    expect(status_of(page)).to_have_text("Awaiting supervisor approval")
    expect(page.get_by_text("Priya Shah, the requester's supervisor")).to_be_visible()
    check_page("acq-forwarded")
    sign_out(page)

    # The principal approves on her phone.
    page.set_viewport_size(PHONE)
    sign_in(people[Role.PRINCIPAL].username, TEST_PASSWORD)
    check_page()
    page.goto("/technology/approvals/")
    check_page("acq-approvals-phone")
    fits_the_screen(page)
    card = page.locator(f"#approval-{request.pk}")
    card.get_by_label("Feedback for the requester and the technology team").fill("Yes, for maths.")
    card.get_by_role("button", name="Approve").click()
    expect(page.locator(f"#approval-{request.pk}")).to_contain_text("approved.")
    check_page("acq-approved-phone")
    fits_the_screen(page)
    sign_out(page)
    page.set_viewport_size(DESKTOP)

    # The technology team enters the vendor's quote and sends it for funding.
    sign_in(technician.username, TEST_PASSWORD)
    check_page()
    open_request(page, check_page, request, "acq-quoting")
    page.get_by_text("Add a vendor quote").click()
    page.get_by_label("Vendor").fill("Classroom Supply Co.")
    page.get_by_label("Quote number").fill("Q-1001")
    valid_until = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Valid until").fill(valid_until.isoformat())
    page.get_by_label("Unit price").fill("99.00")
    page.get_by_role("button", name="Save the quote").click()
    expect(page.get_by_role("region", name="Quotes")).to_contain_text("$99.00")
    check_page("acq-quoted")
    page.get_by_role("button", name="Send to the Business Office").click()
    expect(status_of(page)).to_have_text("Awaiting funding")
    check_page()
    sign_out(page)

    # The Business Office funds it from a bond budget code.
    sign_in(people[Role.BUSINESS_OFFICE].username, TEST_PASSWORD)
    check_page()
    page.goto("/technology/funding/")
    check_page("acq-funding-queue")
    page.get_by_role("link", name=f"Fund or send back {request.number}").click()
    check_page()
    page.get_by_text("Fund and order").click()
    page.get_by_label("Classroom Supply Co. Q-1001").check()
    page.get_by_label("Bond", exact=True).check()
    page.get_by_label("Budget code").fill("B-2027-410")
    page.get_by_label("Purchase order number").fill("PO-77001")
    page.get_by_role("button", name="Fund it").click()
    expect(status_of(page)).to_have_text("Ordered: awaiting delivery")
    check_page("acq-funded")
    sign_out(page)

    # Inventory receives it, the scanner typing the serial and the bar tag, each with Enter.
    sign_in(people[Role.INVENTORY].username, TEST_PASSWORD)
    check_page()
    page.goto("/technology/receiving/")
    check_page("acq-receiving-list")
    page.get_by_role("link", name=f"Receive {request.number}").click()
    check_page("acq-receive")
    serial = page.get_by_label("Serial number")
    expect(serial).to_be_focused()
    page.keyboard.type("VZ5-0001")
    page.keyboard.press("Enter")
    expect(page.get_by_label("New bar tag")).to_be_focused()
    page.keyboard.type("ne700001")
    page.keyboard.press("Enter")
    answer = page.locator(".scan-answer-region")
    expect(answer).to_contain_text("as asset NE700001")
    expect(answer).to_contain_text("Every item of the order is received.")
    check_page("acq-received")
    page.get_by_role("link", name="Open asset NE700001").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("NE700001")
    check_page("acq-asset")
    asset = Asset.objects.get(bar_tag="NE700001")
    assert (asset.campus, asset.room.number, asset.serial_number) == (
        district.north,
        "101",
        "VZ5-0001",
    )
    expect(page.get_by_role("main")).to_contain_text("101")
    sign_out(page)

    # A technician is assigned and deploys it.
    sign_in(technician.username, TEST_PASSWORD)
    check_page()
    open_request(page, check_page, request, "acq-to-deploy")
    page.get_by_text("Assign a technician to deploy").click()
    page.get_by_label("Technician").select_option(label=str(technician))
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(status_of(page)).to_have_text("Being deployed")
    check_page()
    page.get_by_text("Record the deployment").click()
    page.get_by_label("What was set up, and where").fill("Mounted on the desk in 101.")
    page.get_by_role("button", name="Deployed: close the request").click()
    expect(status_of(page)).to_have_text("Deployed")
    check_page()
    sign_out(page)

    # The teacher sees it closed.
    sign_in(teacher.username, TEST_PASSWORD)
    check_page()
    page.goto("/technology/")
    check_page("acq-mine-deployed")
    expect(page.get_by_role("listitem").filter(has_text=request.number)).to_contain_text("Deployed")
    page.get_by_role("link", name=request.number).click()
    expect(status_of(page)).to_have_text("Deployed")
    check_page("acq-deployed")


def test_the_principal_denies_and_the_teacher_reads_why(page: Page, check_page, sign_in):
    district = build_district()
    catalogue = builders.standards()
    people = district.people
    request = builders.forwarded(district, builders.ask(district, item=catalogue["camera"]))

    page.set_viewport_size(PHONE)
    sign_in(people[Role.PRINCIPAL].username, TEST_PASSWORD)
    check_page()
    page.goto("/technology/approvals/")
    check_page()
    card = page.locator(f"#approval-{request.pk}")
    card.get_by_text("Deny", exact=True).first.click()
    card.get_by_label("No funds available").check()
    card.get_by_label("Explanation for the requester").fill("The budget is spent until July.")
    card.get_by_role("button", name="Deny").click()
    expect(page.locator(f"#approval-{request.pk}")).to_contain_text("denied")
    check_page("acq-denied-phone")
    fits_the_screen(page)
    sign_out(page)

    page.set_viewport_size(DESKTOP)
    sign_in(people[Role.REQUESTER].username, TEST_PASSWORD)
    check_page()
    page.goto("/technology/")
    check_page()
    page.get_by_role("link", name=request.number).click()
    expect(status_of(page)).to_have_text("Denied")
    denial = page.get_by_role("region", name="Denied")
    expect(denial).to_contain_text("No funds available")
    expect(denial).to_contain_text("The budget is spent until July.")
    check_page("acq-denied")
