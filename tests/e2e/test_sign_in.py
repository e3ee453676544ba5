"""A person signs in, sees a home page made for their roles, and signs out."""

import re

import pytest
from playwright.sync_api import Page, expect

from districtdesk.core.models import Role
from tests.cast import build_district
from tests.core.factories import TEST_PASSWORD

# What each role's home page shows that no other role's does.
ROLE_PANELS = {
    Role.REQUESTER: "My open requests",
    Role.SUPERVISOR: "People who report to you",
    Role.PRINCIPAL: "Northeast Elementary",
    Role.TECHNICIAN: "North Campus Technicians",
    Role.TEAM_LEAD: "North Campus Technicians",
    Role.CCC_ANALYST: "Uncategorised queue review",
    Role.CHANGE_COORDINATOR: "Enterprise systems",
    Role.CHANGE_COMMITTEE: "Enterprise systems",
    Role.BUSINESS_OFFICE: "Departments",
    Role.INVENTORY: "Campuses and rooms",
    Role.DIRECTOR: "The district",
    Role.SUPERINTENDENT: "The district",
    Role.SYSTEM_ADMIN: "Coming closures",
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_signs_in_to_its_own_home_page(page: Page, check_page, sign_in, role):
    # Given a district with a person in every role
    person = build_district().people[role]

    # When they sign in
    sign_in(person.username, TEST_PASSWORD)

    # Then their home page greets them and shows their role's panel
    expect(page.get_by_role("heading", level=1)).to_contain_text(person.first_name)
    expect(page.get_by_role("heading", name=ROLE_PANELS[role])).to_be_visible()
    check_page(f"home-{role}")


def test_a_wrong_password_is_refused_with_a_message(page: Page, check_page, sign_in):
    # Given a person
    person = build_district().people[Role.REQUESTER]

    # When they mistype their password
    sign_in(person.username, "not the password at all")

    # Then they stay on the sign-in page and are told why
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    check_page("sign-in-refused")


def test_signing_out_returns_to_the_sign_in_page(page: Page, check_page, sign_in):
    # Given a signed-in person
    person = build_district().people[Role.TECHNICIAN]
    sign_in(person.username, TEST_PASSWORD)
    check_page()

    # When they sign out
    page.get_by_role("button", name="Sign out").click()

    # Then they are back at the sign-in form, and home asks them to sign in again
    expect(page.get_by_role("heading", name="Sign in to DistrictDesk")).to_be_visible()
    check_page("signed-out")
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    check_page()


def test_home_page_fits_a_phone_without_sideways_scrolling(page: Page, check_page, sign_in):
    # Given a director, whose home page holds the widest tables
    person = build_district().people[Role.DIRECTOR]
    page.set_viewport_size({"width": 320, "height": 800})

    # When they sign in on a phone
    sign_in(person.username, TEST_PASSWORD)
    check_page("home-phone")

    # Then nothing is wider than the screen
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
