"""Every route × every role, against a committed table of expected answers.

The test walks the URL resolver, so a new route without a row here fails: whoever adds a
page or an endpoint decides, in this table, who may reach it. Objects outside a person's
scope answer 404, exactly like objects that do not exist.
"""

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from districtdesk.core.models import BusinessCalendar, Role
from districtdesk.service_requests.services import working
from tests.cast import build_district
from tests.route_answers import ANONYMOUS, EVERYONE, answers
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db

# Each app's rows: tests/<app>/routes.py holds ROUTES (built with `answers`) and, when its
# rows need objects of their own, `fixtures(district) -> dict` adding them by name.
APP_ROUTE_MODULES = [
    importlib.import_module(f"tests.{app}.routes")
    for app in (
        "service_requests",
        "changes",
        "inventory",
        "notifications",
        "reports",
        "mailbox",
        "acquisitions",
    )
]

# route name -> (method, kwargs builder, expected status per role).
MATRIX = {
    "login": ("get", dict, answers(200, 302)),
    "logout": ("post", dict, answers(302, 302)),
    "health": ("get", dict, answers(200, 200)),
    "home": ("get", dict, answers(302, 200)),
    "calendar_list": ("get", dict, answers(302, 404, system_admin=200)),
    "calendar_detail": (
        "get",
        lambda d: {"pk": d["calendar"].pk},
        answers(302, 404, system_admin=200),
    ),
    "closure_add": (
        "post",
        lambda d: {"pk": d["calendar"].pk},
        answers(302, 404, system_admin=200),
    ),
    "closure_remove": (
        "post",
        lambda d: {"pk": d["calendar"].pk, "closure_pk": d["calendar"].closures.first().pk},
        answers(302, 404, system_admin=302),
    ),
    "api_schema": ("get", dict, answers(200, 200)),
    "api_docs": ("get", dict, answers(200, 200)),
    "api_me": ("get", dict, answers(401, 200)),
    "api-root": ("get", dict, answers(401, 200)),
    "campus-list": ("get", dict, answers(401, 200)),
    "campus-detail": ("get", lambda d: {"pk": d["district"].north.pk}, answers(401, 200)),
    "room-list": ("get", dict, answers(401, 200)),
    "room-detail": (
        "get",
        lambda d: {"pk": d["district"].north.rooms.first().pk},
        answers(401, 200),
    ),
    "team-list": ("get", dict, answers(401, 200)),
    "team-detail": ("get", lambda d: {"pk": d["district"].campus_team.pk}, answers(401, 200)),
    "enterprisesystem-list": ("get", dict, answers(401, 200)),
    "enterprisesystem-detail": (
        "get",
        lambda d: {"pk": d["district"].campus_team.owned_systems.first().pk},
        answers(401, 200),
    ),
}
for module in APP_ROUTE_MODULES:
    assert not set(module.ROUTES) & set(MATRIX), f"{module.__name__} repeats a route"
    MATRIX.update(module.ROUTES)


def route_names(patterns=None, namespace: str | None = None) -> set[str]:
    """Every named route of ours; the admin site is Django's and checks is_staff itself."""
    names: set[str] = set()
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            names |= route_names(entry.url_patterns, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            # DRF's format-suffix twins share a name with their route.
            names.add(entry.name)
    return names


def test_every_route_has_a_row_in_the_matrix():
    assert route_names() == set(MATRIX)


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_each_role_gets_the_expected_answer(client, route):
    district = build_district()
    request = submit(district.people[Role.REQUESTER], now=local(2027, 2, 2, 9))
    working.categorise_request(
        request,
        actor=district.people[Role.CCC_ANALYST],
        category=priority("1.3").category,
        priority=priority("1.3"),
    )
    fixtures = {
        "district": district,
        "calendar": BusinessCalendar.objects.get(is_default=True),
        # A categorised request from the north campus teacher, worked by its technicians.
        "request": request,
    }
    for module in APP_ROUTE_MODULES:
        if hasattr(module, "fixtures"):
            fixtures.update(module.fixtures(district))
    method, kwargs, expected = MATRIX[route]
    url = reverse(route, kwargs=kwargs(fixtures) if kwargs is not dict else {})

    mismatches = {}
    for role in EVERYONE:
        client.logout()
        if role != ANONYMOUS:
            client.force_login(district.people[role])
        response = getattr(client, method)(url)
        if response.status_code != expected[role]:
            mismatches[str(role)] = (response.status_code, expected[role])

    assert not mismatches, f"{route}: (got, expected) per role: {mismatches}"
