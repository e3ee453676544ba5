"""Browser tests: Playwright drives Debian's Chromium against a live server.

Every page a test visits must pass axe-core's WCAG 2.1 A/AA rules and must log
no console errors and no Content-Security-Policy violations: the `page` fixture
records every document the browser loads and fails the test at teardown if one
of them was never checked with `check_page`. Set E2E_SCREENSHOTS to a folder to
keep a screenshot of every checked page.
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.reference_data import restore_shipped_reference_data

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_SOURCE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Listens inside every page for CSP violations, which never reach the console API.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def shipped_reference_data(live_server) -> None:
    """The live server sees only committed rows, so each browser test's rows are flushed
    afterwards, and with them what the migrations ship: put it back."""
    restore_shipped_reference_data()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    report = yield
    if report.when == "call":
        item.call_passed = report.passed
    return report


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    # Playwright's sync API keeps an event loop in the test thread from here on; Django's
    # ORM refuses to run beside one unless told that the test owns the thread. That holds for
    # every later test in this process too (database flushes included), so it stays set.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run ./scripts/test, which installs it.")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class PageAudit:
    """What the browser saw: documents loaded, documents checked, errors logged."""

    def __init__(self) -> None:
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        self.console_errors: list[str] = []


@pytest.fixture
def audit() -> PageAudit:
    return PageAudit()


@pytest.fixture
def page(browser: Browser, live_server, audit: PageAudit, request) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on(
        "framenavigated",
        lambda frame: audit.loaded.append(frame.url) if frame == page.main_frame else None,
    )
    page.on(
        "console",
        lambda message: (
            audit.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    yield page
    if not getattr(request.node, "call_passed", False):
        if folder := os.environ.get("E2E_SCREENSHOTS"):
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"FAILED-{request.node.name}.png"))
        context.close()
        return  # the test's own failure says what went wrong
    context.close()
    unchecked = sorted({url for url in audit.loaded if url not in audit.checked} - {"about:blank"})
    assert not unchecked, f"Pages visited but never checked with check_page: {unchecked}"
    assert not audit.console_errors, f"Console errors: {audit.console_errors}"


@pytest.fixture
def check_page(page: Page, audit: PageAudit, request):
    """Run axe-core on the current page; fail on any WCAG 2.1 A/AA violation."""
    screenshots = os.environ.get("E2E_SCREENSHOTS")

    def check(name: str | None = None) -> None:
        page.wait_for_load_state("load")
        page.evaluate(AXE_SOURCE.read_text())
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(node["target"][0] for node in v["nodes"][:5])
            for v in result["violations"]
        ]
        assert not violations, f"axe found violations on {page.url}:\n" + "\n".join(violations)
        csp = page.evaluate("window.__cspViolations")
        assert not csp, f"Content-Security-Policy violations on {page.url}: {csp}"
        audit.checked.add(page.url)
        if screenshots:
            label = name or re.sub(r"\W+", "-", request.node.name)
            Path(screenshots).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(screenshots) / f"{label}.png"), full_page=True)

    return check


@pytest.fixture
def sign_in(page: Page, check_page):
    """Sign in through the real form (itself checked), landing on the home page."""

    def sign_in_as(username: str, password: str) -> None:
        page.goto("/accounts/login/")
        check_page("sign-in")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state("load")

    return sign_in_as
