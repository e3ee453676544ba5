"""The district plan: every row of the demo district as unsaved model instances,
drawn from one seeded `random.Random`, and the ways every planning step adds
people to it (a person with a fixed or drawn name, a role granted once)."""

import random
import string
import unicodedata
from datetime import UTC, datetime, timedelta
from typing import Any

from districtdesk.core.demo_district import DEMO_EMAIL_DOMAIN, names
from districtdesk.core.demo_district.shape.demo_people import DEMO_PEOPLE
from districtdesk.core.demo_district.shape.sizes import DistrictSize
from districtdesk.core.models import (
    Campus,
    Department,
    EnterpriseSystem,
    Person,
    RoleAssignment,
    Room,
    Team,
    TeamMembership,
)

# Hire dates count back from here, so date_joined is the same on every run.
HIRE_EPOCH = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)

SPANISH_SHARE = 0.05


def _ascii_slug(text: str) -> str:
    """'María José Núñez' -> 'mariajosenunez', for usernames and email addresses."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def scaled_headcount(base: int, scale: float, *, minimum: int) -> int:
    """A standard-size headcount scaled to the district, never below `minimum` (0 stays 0)."""
    return max(minimum, round(base * scale)) if base else 0


class DistrictPlan:
    """Every row of the district as unsaved model instances, in insertion order."""

    def __init__(self, size: DistrictSize, seed: int, demo_password_hash: str) -> None:
        self.size = size
        # Seeded on purpose: the same seed must give the same district.
        self.rng = random.Random(seed)  # noqa: S311 - not for secrets
        self.demo_password_hash = demo_password_hash
        self.campuses: list[Campus] = []
        self.campus_by_code: dict[str, Campus] = {}
        self.area_campuses: dict[str, list[Campus]] = {area: [] for area in size.areas}
        self.rooms: list[Room] = []
        self.departments: dict[str, Department] = {}
        self.teams: list[Team] = []
        self.team_by_code: dict[str, Team] = {}
        self.team_campuses: list[Any] = []
        self.people: list[Person] = []
        self.depth: dict[int, int] = {}
        self.memberships: list[TeamMembership] = []
        self.systems: list[EnterpriseSystem] = []
        self.demo: dict[str, Person] = {}
        self.demo_campus: Campus  # set by plan_campuses: the demo cast's school
        self.school_admin_campus: dict[int, Campus] = {}
        self.heads: dict[str, Person] = {}
        self.campus_names: set[str] = set()
        self.area_superintendents: dict[str, Person] = {}
        self._roles: dict[tuple[int, str, str], RoleAssignment] = {}
        self._email_locals: set[str] = set()
        self._demo_locals: dict[str, str] = {
            username: self._claim_email_local(spec.first_name, spec.last_name)
            for username, spec in DEMO_PEOPLE.items()
        }
        self._employee_number = 100000 + self.rng.randrange(1000)

    def _claim_email_local(self, first: str, last: str) -> str:
        base = f"{_ascii_slug(first)}.{_ascii_slug(last)}"
        local, suffix = base, 1
        while local in self._email_locals:
            suffix += 1
            local = f"{base}{suffix}"
        self._email_locals.add(local)
        return local

    def _unusable_password(self) -> str:
        # Like make_password(None), but drawn from the seeded generator.
        alphabet = string.ascii_letters + string.digits
        return "!" + "".join(self.rng.choices(alphabet, k=40))

    def add_person(
        self,
        *,
        title: str = "",
        supervisor: Person | None,
        campus: Campus,
        department: str | None = None,
        demo: str | None = None,
    ) -> Person:
        if demo is not None:  # a fixed name and title, and the shared demo password
            spec = DEMO_PEOPLE[demo]
            first, last, title = spec.first_name, spec.last_name, spec.title
            local = self._demo_locals[demo]
            username, password = demo, self.demo_password_hash
            language = Person.Language.ENGLISH
        else:
            first = self.rng.choice(names.FIRST_NAMES)
            last = self.rng.choice(names.LAST_NAMES)
            local = self._claim_email_local(first, last)
            username, password = local, self._unusable_password()
            language = (
                Person.Language.SPANISH
                if self.rng.random() < SPANISH_SHARE
                else Person.Language.ENGLISH
            )
        self._employee_number += self.rng.randint(1, 9)
        person = Person(
            username=username,
            password=password,
            first_name=first,
            last_name=last,
            email=f"{local}@{DEMO_EMAIL_DOMAIN}",
            employee_id=str(self._employee_number),
            title=title,
            phone=f"{campus.phone} x{self.rng.randint(1000, 9999)}",
            language=language,
            home_campus=campus,
            department=self.departments[department] if department else None,
            supervisor=supervisor,
            is_staff=demo == "sysadmin",
            is_superuser=demo == "sysadmin",
            date_joined=HIRE_EPOCH - timedelta(days=self.rng.randint(14, 30 * 365)),
        )
        self.depth[id(person)] = 0 if supervisor is None else self.depth[id(supervisor)] + 1
        self.people.append(person)
        if demo is not None:
            self.demo[demo] = person
        return person

    def grant(self, person: Person, role: str, campus: Campus | None = None) -> None:
        key = (id(person), role, campus.code if campus else "")
        if key not in self._roles:
            self._roles[key] = RoleAssignment(person=person, role=role, campus=campus)

    @property
    def role_assignments(self) -> list[RoleAssignment]:
        return list(self._roles.values())
