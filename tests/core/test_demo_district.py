"""The demo district: a believable, deterministic district with one working demo
account per role, loaded fast enough to rebuild on every set-up."""

import os
import subprocess
import sys
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from districtdesk.core.demo_district import DEMO_ACCOUNTS, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from districtdesk.core.models import (
    Campus,
    Department,
    EnterpriseSystem,
    Person,
    Role,
    RoleAssignment,
    Room,
    Team,
    TeamMembership,
    validate_campus_code,
)

pytestmark = pytest.mark.django_db


def load(size: str = "small", seed: int = 7, *flags: str) -> str:
    out = StringIO()
    # People and places only: the demo requests and assets have their own tests.
    call_command(
        "load_demo_district",
        "--size",
        size,
        "--seed",
        str(seed),
        "--requests",
        "0",
        "--assets",
        "0",
        *flags,
        stdout=out,
    )
    return out.getvalue()


def flush() -> None:
    """Empty every table inside the test's transaction.

    PostgreSQL refuses to TRUNCATE a table with deferred foreign-key checks still
    pending, so run them first, as Django's TestCase does before its rollback.
    """
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)


def sign_in(username: str, password: str) -> Person | None:
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request, username=username, password=password)


def district_snapshot() -> dict[str, list[tuple]]:
    """What must come out the same for the same seed: places, people, reporting lines."""
    return {
        "campuses": list(Campus.objects.order_by("code").values_list("code", "name", "kind")),
        "rooms": list(
            Room.objects.order_by("campus__code", "number").values_list(
                "campus__code", "number", "kind"
            )
        ),
        "people": list(
            Person.objects.order_by("username").values_list(
                "username", "email", "employee_id", "title", "supervisor__username", "language"
            )
        ),
        "roles": sorted(
            RoleAssignment.objects.values_list("person__username", "role", "campus__code"),
            key=str,
        ),
        "teams": sorted(
            TeamMembership.objects.values_list("team__code", "person__username", "is_lead")
        ),
    }


def roles_of(username: str) -> set[str]:
    return set(
        RoleAssignment.objects.filter(person__username=username).values_list("role", flat=True)
    )


# --- Shape and size -------------------------------------------------------------------


def test_given_an_empty_database_when_the_standard_district_loads_then_counts_are_believable():
    load("standard")

    kinds = Counter(Campus.objects.values_list("kind", flat=True))
    assert sum(kinds.values()) == 40
    assert kinds[Campus.Kind.ELEMENTARY] >= 20
    assert kinds[Campus.Kind.MIDDLE] == 7
    assert kinds[Campus.Kind.HIGH] == 5
    assert kinds[Campus.Kind.ADMIN] >= 1
    assert kinds[Campus.Kind.OTHER] >= 1
    for code in Campus.objects.values_list("code", flat=True):
        validate_campus_code(code)
    rooms_per_campus = Counter(Room.objects.values_list("campus__code", flat=True))
    assert all(30 <= count <= 100 for count in rooms_per_campus.values()), rooms_per_campus
    for kind in (Room.Kind.LIBRARY, Room.Kind.NETWORK_CLOSET, Room.Kind.CAFETERIA, Room.Kind.GYM):
        schools_with_it = Room.objects.filter(
            kind=kind, campus__kind__in=["elementary", "middle", "high"]
        )
        assert schools_with_it.values("campus").distinct().count() == 37
    assert 1400 <= Person.objects.count() <= 1600
    spanish = Person.objects.filter(language=Person.Language.SPANISH).count()
    assert 0.02 <= spanish / Person.objects.count() <= 0.09
    assert not Person.objects.exclude(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").exists()
    departments = set(Department.objects.values_list("name", flat=True))
    assert {"Business Office", "Instructional Technology", "Technology Services"} <= departments
    assert len(departments) >= 12
    assert set(Team.objects.values_list("kind", flat=True)) == set(Team.Kind.values)
    assert Team.objects.filter(kind=Team.Kind.CAMPUS_TECHNICIANS).count() >= 3


def test_given_the_standard_district_then_seed_000_systems_exist_with_owners_and_criticality():
    load("standard")

    systems = {system.name: system for system in EnterpriseSystem.objects.all()}
    seed_000 = {"Infinite Campus", "Lawson", "Digital Doors", "Network Services", "Kronos"}
    assert seed_000 <= set(systems)
    assert len(systems) >= 10
    assert all(system.owner_team_id and system.description for system in systems.values())
    assert systems["Infinite Campus"].is_critical
    assert systems["Lawson"].is_critical
    assert not systems["Digital Doors"].is_critical


# --- Determinism ----------------------------------------------------------------------


def test_given_the_same_seed_when_loaded_twice_into_a_flushed_database_then_rows_are_identical():
    load(seed=11)
    first = district_snapshot()
    flush()

    load(seed=11)

    assert district_snapshot() == first


def test_given_another_seed_when_loaded_then_the_district_differs():
    load(seed=11)
    first = district_snapshot()
    flush()

    load(seed=12)

    second = district_snapshot()
    assert second["campuses"] != first["campuses"]
    assert second["people"] != first["people"]


# --- Demo accounts --------------------------------------------------------------------


def test_demo_accounts_name_each_role_exactly_once():
    assert sorted(DEMO_ACCOUNTS.values()) == sorted(Role.values)


def test_given_the_district_then_each_demo_account_holds_its_role_and_signs_in():
    load()

    for username, role in DEMO_ACCOUNTS.items():
        assert role in roles_of(username), username
        assert sign_in(username, DEMO_PASSWORD) == Person.objects.get(username=username)
    superusers = Person.objects.filter(is_superuser=True)
    assert list(superusers.values_list("username", flat=True)) == ["sysadmin"]
    assert superusers.get().is_staff


def test_given_the_district_then_nobody_outside_the_demo_cast_can_sign_in_with_a_password():
    load()

    others = Person.objects.exclude(username__in=DEMO_ACCOUNTS)
    assert others.exists()
    assert not [person.username for person in others if person.has_usable_password()]
    for person in others.order_by("employee_id")[:3]:
        assert sign_in(person.username, DEMO_PASSWORD) is None


def test_given_the_district_then_the_demo_cast_forms_one_working_chain_of_command():
    load()
    cast = {p.username: p for p in Person.objects.filter(username__in=DEMO_ACCOUNTS)}
    requester, supervisor, principal = cast["requester"], cast["supervisor"], cast["principal"]
    technician, teamlead = cast["technician"], cast["teamlead"]

    school = requester.home_campus
    assert school.kind == Campus.Kind.ELEMENTARY
    assert RoleAssignment.objects.get(role=Role.PRINCIPAL, campus=school).person == principal
    assert requester.supervisor == supervisor
    assert supervisor.supervisor == principal and supervisor.home_campus == school
    team = Team.objects.get(memberships__person=technician, kind=Team.Kind.CAMPUS_TECHNICIANS)
    assert team.memberships.get(is_lead=True).person == teamlead
    assert team.campuses.filter(pk=school.pk).exists()
    assert technician.supervisor == teamlead and teamlead.supervisor == cast["director"]
    assert Team.objects.filter(
        kind=Team.Kind.CUSTOMER_CARE, memberships__person=cast["analyst"]
    ).exists()
    assert Team.objects.filter(
        kind=Team.Kind.INVENTORY, memberships__person=cast["inventory"]
    ).exists()
    assert cast["businessoffice"].department.name == "Business Office"
    assert cast["superintendent"].supervisor is None


# --- Structure ------------------------------------------------------------------------


def test_given_the_standard_district_then_everyone_but_the_superintendent_reports_up_to_them():
    load("standard")

    supervisor_of = dict(Person.objects.values_list("pk", "supervisor_id"))
    tops = [pk for pk, supervisor in supervisor_of.items() if supervisor is None]
    assert tops == [Person.objects.get(username="superintendent").pk]
    for pk in supervisor_of:
        seen = {pk}
        while supervisor_of[pk] is not None:
            pk = supervisor_of[pk]
            assert pk not in seen, "supervisor cycle"
            seen.add(pk)
        assert pk == tops[0]
    supervisors = set(supervisor_of.values()) - {None}
    assert supervisors == set(
        RoleAssignment.objects.filter(role=Role.SUPERVISOR).values_list("person", flat=True)
    )


def test_given_the_district_then_every_campus_has_exactly_one_principal():
    load()

    principals = Counter(
        RoleAssignment.objects.filter(role=Role.PRINCIPAL).values_list("campus__code", flat=True)
    )
    assert set(principals) == set(Campus.objects.values_list("code", flat=True))
    assert set(principals.values()) == {1}
    for assignment in RoleAssignment.objects.filter(
        role=Role.PRINCIPAL, campus__kind__in=["elementary", "middle", "high"]
    ).select_related("person", "campus"):
        assert assignment.person.home_campus == assignment.campus
        assert assignment.person.direct_reports.filter(title="Assistant Principal").exists()


def test_given_the_district_then_every_campus_is_served_by_exactly_one_campus_technician_team():
    load()

    technician_teams = Team.objects.filter(kind=Team.Kind.CAMPUS_TECHNICIANS)
    assert all(team.campuses.exists() for team in technician_teams)
    served = Counter(
        Campus.objects.filter(teams__kind=Team.Kind.CAMPUS_TECHNICIANS).values_list(
            "code", flat=True
        )
    )
    assert set(served) == set(Campus.objects.values_list("code", flat=True))
    assert set(served.values()) == {1}
    assert not Team.objects.exclude(kind=Team.Kind.CAMPUS_TECHNICIANS).filter(
        campuses__isnull=False
    )


def test_given_the_district_then_each_team_has_one_lead_and_members_hold_their_roles():
    load()

    leads = Counter(TeamMembership.objects.filter(is_lead=True).values_list("team", flat=True))
    assert set(leads) == set(Team.objects.values_list("pk", flat=True))
    assert set(leads.values()) == {1}
    for membership in TeamMembership.objects.select_related("team", "person"):
        roles = roles_of(membership.person.username)
        if membership.team.kind == Team.Kind.CUSTOMER_CARE:
            assert Role.CCC_ANALYST in roles
        else:
            assert Role.TECHNICIAN in roles
        if membership.team.kind == Team.Kind.INVENTORY:
            assert Role.INVENTORY in roles
        assert (Role.TEAM_LEAD in roles) == membership.is_lead
    business_office = Person.objects.filter(department__name="Business Office")
    assert all(Role.BUSINESS_OFFICE in roles_of(p.username) for p in business_office)
    assert RoleAssignment.objects.filter(role=Role.CHANGE_COORDINATOR).count() == 1
    assert RoleAssignment.objects.filter(role=Role.CHANGE_COMMITTEE).count() >= 4


# --- Safety ---------------------------------------------------------------------------


def test_given_a_loaded_district_when_loaded_again_then_it_refuses_and_changes_nothing():
    load()
    people = Person.objects.count()

    with pytest.raises(CommandError, match=r"already holds \d+ campuses"):
        load()

    assert Person.objects.count() == people


def test_given_a_loaded_district_when_loaded_with_if_empty_then_it_says_so_and_exits_cleanly():
    load()
    campuses = Campus.objects.count()

    output = load("small", 7, "--if-empty")

    assert output.strip() == f"Demo district already loaded ({campuses} campuses): nothing to do."
    assert Campus.objects.count() == campuses


def test_given_an_empty_database_when_loaded_with_if_empty_then_it_loads_and_lists_the_cast():
    output = load("small", 7, "--if-empty")

    assert Campus.objects.exists()
    for username in DEMO_ACCOUNTS:
        assert f"\n{username} " in output


# --- Speed ----------------------------------------------------------------------------


def test_given_a_larger_district_then_the_load_makes_the_same_queries_only_more_rows_per_insert():
    def capture(size: str) -> tuple[int, int, int]:
        flush()
        with CaptureQueriesContext(connection) as queries:
            load(size)
        statements = [query["sql"].lstrip().upper() for query in queries.captured_queries]
        inserts = sum(1 for sql in statements if sql.startswith("INSERT"))
        rows = sum(
            model.objects.count()
            for model in (Campus, Room, Person, RoleAssignment, TeamMembership)
        )
        return len(statements) - inserts, inserts, rows

    small_other, small_inserts, small_rows = capture("small")
    standard_other, standard_inserts, standard_rows = capture("standard")

    # No per-row lookups or updates: everything but the batched INSERTs is fixed.
    assert standard_other == small_other
    # Five times the rows costs a few more batches, never a query per row.
    assert standard_rows > 4 * small_rows
    assert standard_inserts - small_inserts < (standard_rows - small_rows) / 40


# --- The constants the set-up script reads ---------------------------------------------


def test_demo_credentials_can_be_read_without_configuring_django():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "from districtdesk.core.demo_district import DEMO_PASSWORD; print(DEMO_PASSWORD)"
    result = subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
    )
    assert result.stdout.strip() == DEMO_PASSWORD
