"""Builds the demo district: plan every row in memory from one seeded
`random.Random`, then save it with a fixed number of bulk inserts per table.

Planning first keeps the load deterministic (the same seed gives the same
campuses, people and reporting lines) and fast (no query per row: foreign keys
point at planned objects and are filled in as their targets are inserted).
"""

import math
import random
import string
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from districtdesk.core.demo_district import (
    DEFAULT_SEED,
    DEMO_ACCOUNTS,
    DEMO_EMAIL_DOMAIN,
    DEMO_PASSWORD,
    names,
)
from districtdesk.core.demo_district.shape import (
    CAMPUS_TECHNICIAN_TITLES,
    CAMPUSES_PER_TECHNICIAN,
    CHIEFS,
    DEMO_PEOPLE,
    DEPARTMENTS,
    ELEMENTARY_GRADES,
    EXTRA_FACILITIES,
    FACILITIES,
    SCHOOLS,
    SECONDARY_SUBJECTS,
    SIZES,
    STAFF_PER_EXTRA_AP,
    SUPERINTENDENT,
    SYSTEMS,
    TEAMS,
    TECH_DIRECTORS,
    DepartmentSpec,
    DistrictSize,
    FacilitySpec,
    SchoolProfile,
)
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
)

__all__ = [
    "DEFAULT_SEED",
    "DEMO_ACCOUNTS",
    "DEMO_PASSWORD",
    "SIZES",
    "DemoAccount",
    "DemoDistrictSummary",
    "DistrictNotEmptyError",
    "DistrictSize",
    "load_demo_district",
]

# Rows per INSERT; SQLite's backend lowers it to fit its 999-parameter limit.
BATCH_SIZE = 1000

# Hire dates count back from here, so date_joined is the same on every run.
HIRE_EPOCH = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)

SPANISH_SHARE = 0.05

Progress = Callable[[str], None]


# --- Results --------------------------------------------------------------------


class DistrictNotEmptyError(Exception):
    """The database already holds campuses: loading would mix two districts."""

    def __init__(self, campus_count: int) -> None:
        self.campus_count = campus_count
        super().__init__(f"The database already holds {campus_count} campuses.")


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    name: str
    title: str
    campus: str


@dataclass(frozen=True)
class DemoDistrictSummary:
    size: str
    seed: int
    totals: dict[str, int]
    demo_accounts: list[DemoAccount]
    seconds: float


# --- Planning -------------------------------------------------------------------


def _ascii_slug(text: str) -> str:
    """'María José Núñez' -> 'mariajosenunez', for usernames and email addresses."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


class _DistrictPlan:
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
        self._roles: dict[tuple[int, str, str], RoleAssignment] = {}
        self._school_admin_campus: dict[int, Campus] = {}
        self._heads: dict[str, Person] = {}
        self._email_locals: set[str] = set()
        self._demo_locals: dict[str, str] = {
            username: self._claim_email_local(spec.first_name, spec.last_name)
            for username, spec in DEMO_PEOPLE.items()
        }
        self._employee_number = 100000 + self.rng.randrange(1000)
        self._campus_names: set[str] = set()
        self.area_superintendents: dict[str, Person] = {}

    # People ---------------------------------------------------------------------

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

    def _person(
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

    def _grant(self, person: Person, role: str, campus: Campus | None = None) -> None:
        key = (id(person), role, campus.code if campus else "")
        if key not in self._roles:
            self._roles[key] = RoleAssignment(person=person, role=role, campus=campus)

    def _join(self, team: Team, person: Person, *, is_lead: bool = False) -> None:
        self.memberships.append(TeamMembership(team=team, person=person, is_lead=is_lead))

    @property
    def role_assignments(self) -> list[RoleAssignment]:
        return list(self._roles.values())

    # Campuses and rooms -----------------------------------------------------------

    def _campus_base_name(self, honoree_share: float) -> str:
        rng = self.rng
        while True:
            roll = rng.random()
            if roll < honoree_share:
                base = f"{rng.choice(names.FIRST_NAMES)} {rng.choice(names.LAST_NAMES)}"
            elif roll < honoree_share + (1 - honoree_share) * 0.75:
                base = f"{rng.choice(names.TREES)} {rng.choice(names.LANDFORMS)}"
            else:
                base = rng.choice(names.PLACES)
            if base not in self._campus_names:
                self._campus_names.add(base)
                return base

    def _address(self) -> str:
        rng = self.rng
        street = rng.choice(
            (rng.choice(names.TREES), rng.choice(names.LAST_NAMES), rng.choice(names.PLACES))
        )
        return f"{rng.randint(100, 9800)} {street} {rng.choice(names.STREET_SUFFIXES)}"

    def _phone(self) -> str:
        # The 010 exchange does not exist in the North American plan: never a real line.
        return f"(555) 010-{self.rng.randint(1000, 9999)}"

    def _add_campus(self, code: str, name: str, kind: str, area: str) -> Campus:
        campus = Campus(
            code=code, name=name, kind=kind, address=self._address(), phone=self._phone()
        )
        self.campuses.append(campus)
        self.campus_by_code[code] = campus
        self.area_campuses[area].append(campus)
        return campus

    def plan_campuses(self) -> None:
        size, areas = self.size, self.size.areas
        counts = {
            Campus.Kind.ELEMENTARY: size.elementary,
            Campus.Kind.MIDDLE: size.middle,
            Campus.Kind.HIGH: size.high,
        }
        dealt = 0
        for kind, count in counts.items():
            profile = SCHOOLS[kind]
            for index in range(count):
                base = self._campus_base_name(profile.honoree_share)
                # Dealt round the areas so each area has a mix of levels.
                area = areas[dealt % len(areas)]
                dealt += 1
                code = f"{profile.code_prefix}-{profile.first_number + index}"
                campus = self._add_campus(code, f"{base} {profile.suffix}", kind, area)
                self._plan_school_rooms(campus, profile)
        facilities = FACILITIES + (EXTRA_FACILITIES if size.extra_facilities else ())
        for spec in facilities:
            area = areas[dealt % len(areas)]
            dealt += 1
            campus = self._add_campus(spec.code, spec.name, spec.kind, area)
            self._plan_facility_rooms(campus, spec)
        self.demo_campus = self.campus_by_code[f"{SCHOOLS[Campus.Kind.ELEMENTARY].code_prefix}-101"]

    def _plan_school_rooms(self, campus: Campus, profile: SchoolProfile) -> None:
        rng = self.rng
        wings = string.ascii_uppercase[: rng.randint(*profile.wings)]
        floors = range(1, rng.randint(*profile.floors) + 1)
        slots = [f"{wing}{floor}" for floor in floors for wing in wings]
        numbered: list[tuple[str, str]] = [(Room.Kind.OFFICE, office) for office in profile.offices]
        ap_offices = profile.assistant_principals
        numbered += [(Room.Kind.OFFICE, "Assistant principal")] * ap_offices
        numbered.append((Room.Kind.LIBRARY, "Library media center"))
        numbered += [(Room.Kind.LAB, "Computer lab")] * rng.randint(*profile.labs)
        numbered += list(profile.extra_rooms)
        classrooms = rng.randint(*profile.classrooms)
        if campus.kind == Campus.Kind.ELEMENTARY:
            grades = len(ELEMENTARY_GRADES)
            numbered += [
                (Room.Kind.CLASSROOM, ELEMENTARY_GRADES[index * grades // classrooms])
                for index in range(classrooms)
            ]
        else:
            subjects = [subject for subject, _ in SECONDARY_SUBJECTS]
            weights = [weight for _, weight in SECONDARY_SUBJECTS]
            numbered += [
                (Room.Kind.CLASSROOM, subject)
                for subject in sorted(rng.choices(subjects, weights, k=classrooms))
            ]
        per_slot = math.ceil(len(numbered) / len(slots))
        rows = [
            (f"{slots[index // per_slot]}{index % per_slot + 1:02d}", kind, description)
            for index, (kind, description) in enumerate(numbered)
        ]
        rows.append(("MDF", Room.Kind.NETWORK_CLOSET, "Main distribution frame"))
        rows += [
            (f"IDF-{slot}", Room.Kind.NETWORK_CLOSET, "Intermediate distribution frame")
            for slot in slots[1:]
        ]
        rows.append(("CAF", Room.Kind.CAFETERIA, "Cafeteria"))
        rows += [(f"GYM-{n}", Room.Kind.GYM, gym) for n, gym in enumerate(profile.gyms, start=1)]
        rows += [(f"ST-{n}", Room.Kind.STORAGE, "Storage") for n in range(1, rng.randint(2, 4) + 1)]
        if campus.kind == Campus.Kind.ELEMENTARY and rng.random() < 0.3:
            rows += [
                (f"P-{n:02d}", Room.Kind.CLASSROOM, "Portable classroom")
                for n in range(1, rng.randint(2, 4) + 1)
            ]
        self._add_rooms(campus, rows)

    def _plan_facility_rooms(self, campus: Campus, spec: FacilitySpec) -> None:
        numbered = [(kind, desc) for kind, desc, count in spec.rooms for _ in range(count)]
        per_floor = math.ceil(len(numbered) / spec.floors)
        rows = [
            (f"{index // per_floor + 1}{index % per_floor + 1:02d}", kind, description)
            for index, (kind, description) in enumerate(numbered)
        ]
        rows.append(("MDF", Room.Kind.NETWORK_CLOSET, "Main distribution frame"))
        rows += [
            (f"IDF-{floor}", Room.Kind.NETWORK_CLOSET, "Intermediate distribution frame")
            for floor in range(2, spec.floors + 1)
        ]
        self._add_rooms(campus, rows)

    def _add_rooms(self, campus: Campus, rows: Sequence[tuple[str, str, str]]) -> None:
        self.rooms += [
            Room(campus=campus, number=number, kind=kind, description=description)
            for number, kind, description in rows
        ]

    # Departments and district leadership -------------------------------------------

    def _department_home(self, spec: DepartmentSpec) -> Campus:
        if self.size.extra_facilities and spec.large_home:
            return self.campus_by_code[spec.large_home]
        return self.campus_by_code[spec.home]

    def plan_departments(self) -> None:
        for spec in DEPARTMENTS:
            self.departments[spec.code] = Department(code=spec.code, name=spec.name)
        admin = self.campus_by_code["ADM"]
        superintendent = self._person(
            title="Superintendent",
            supervisor=None,
            campus=admin,
            department="SUPT",
            demo="superintendent",
        )
        self._grant(superintendent, Role.SUPERINTENDENT)
        self._heads[SUPERINTENDENT] = superintendent
        for key, title in CHIEFS:
            self._heads[key] = self._person(
                title=title, supervisor=superintendent, campus=admin, department="SUPT"
            )
        for spec in DEPARTMENTS:
            home = self._department_home(spec)
            if spec.code == "SUPT":
                head = superintendent
            else:
                head = self._person(
                    title=spec.head_title,
                    supervisor=self._heads[spec.reports_to],
                    campus=home,
                    department=spec.code,
                )
            self._heads[spec.code] = head
            staff = self._scaled(spec.base_staff, self.size.department_scale, minimum=1)
            if spec.code == "BUSINESS":
                self._grant(head, Role.BUSINESS_OFFICE)
                demo = self._person(
                    supervisor=head, campus=home, department=spec.code, demo="businessoffice"
                )
                self._grant(demo, Role.BUSINESS_OFFICE)
                staff -= 1
            for _ in range(staff if spec.staff_titles else 0):
                person = self._person(
                    title=self.rng.choice(spec.staff_titles),
                    supervisor=head,
                    campus=home,
                    department=spec.code,
                )
                if spec.code == "BUSINESS":
                    self._grant(person, Role.BUSINESS_OFFICE)
        # Area superintendents: the principals of each area report to one.
        self.area_superintendents |= {
            area: self._person(
                title=f"Area Superintendent, {area}",
                supervisor=self._heads["SCHOOLS"],
                campus=admin,
                department="SCHOOLS",
            )
            for area in self.size.areas
        }

    @staticmethod
    def _scaled(base: int, scale: float, *, minimum: int) -> int:
        return max(minimum, round(base * scale)) if base else 0

    # Technology Services --------------------------------------------------------------

    def _add_team(self, code: str, name: str, kind: str) -> Team:
        team = Team(
            code=code,
            name=name,
            kind=kind,
            email=f"{code.lower()}@{DEMO_EMAIL_DOMAIN}",
        )
        self.teams.append(team)
        self.team_by_code[code] = team
        return team

    def plan_technology_services(self) -> None:
        rng = self.rng
        cio = self._heads["TECH"]
        tsc = self.campus_by_code["TSC"]
        self._grant(cio, Role.DIRECTOR)
        self._grant(self._heads["INSTTECH"], Role.DIRECTOR)
        coordinator = self._person(
            supervisor=cio, campus=tsc, department="TECH", demo="coordinator"
        )
        self._grant(coordinator, Role.CHANGE_COORDINATOR)
        directors: dict[str, Person] = {}
        for key, title in TECH_DIRECTORS:
            demo = "director" if key == "OPS" else None
            directors[key] = self._person(
                title=title, supervisor=cio, campus=tsc, department="TECH", demo=demo
            )
            self._grant(directors[key], Role.DIRECTOR)
        committee: list[Person] = [directors["INFRA"], directors["APPS"]]

        # Campus technicians: one team per area, serving that area's campuses.
        for index, area in enumerate(self.size.areas):
            code = f"CT-{area.upper()}"
            team = self._add_team(code, f"Campus Technicians, {area}", Team.Kind.CAMPUS_TECHNICIANS)
            served = self.area_campuses[area]
            self.team_campuses += [
                Team.campuses.through(team=team, campus=campus) for campus in served
            ]
            schools = [c for c in served if c.kind in SCHOOLS] or served
            size = max(3, math.ceil(len(served) / CAMPUSES_PER_TECHNICIAN))
            is_demo_team = index == 0
            lead = self._person(
                title="Campus Technician Team Lead",
                supervisor=directors["OPS"],
                campus=tsc,
                department="TECH",
                demo="teamlead" if is_demo_team else None,
            )
            self._tech_member(team, lead, is_lead=True)
            for member_index in range(size - 1):
                demo = is_demo_team and member_index == 0
                technician = self._person(
                    title=rng.choice(CAMPUS_TECHNICIAN_TITLES),
                    supervisor=lead,
                    # The demo technician works from the demo requester's school.
                    campus=self.demo_campus if demo else rng.choice(schools),
                    department="TECH",
                    demo="technician" if demo else None,
                )
                self._tech_member(team, technician)

        demo_members = {"CCC": "analyst", "INV": "inventory", "APPS": "committee"}
        for spec in TEAMS:
            team = self._add_team(spec.code, spec.name, spec.kind)
            home = self.campus_by_code[spec.home]
            boss = directors.get(spec.reports_to) or self._heads[spec.reports_to]
            lead = self._person(
                title=spec.lead_title, supervisor=boss, campus=home, department=spec.department
            )
            self._tech_member(team, lead, is_lead=True)
            members: list[Person] = []
            size = self._scaled(spec.base_size, self.size.team_scale, minimum=3)
            for member_index in range(size - 1):
                demo = demo_members.get(spec.code) if member_index == 0 else None
                if spec.code == "APPS" and member_index == 1:
                    demo = "sysadmin"
                member = self._person(
                    title=rng.choice(spec.member_titles),
                    supervisor=lead,
                    campus=home,
                    department=spec.department,
                    demo=demo,
                )
                self._tech_member(team, member)
                members.append(member)
            if spec.code in ("NET", "ACCT", "APPS"):
                committee.append(lead)
            if spec.code in ("NET", "APPS"):
                # A subject-matter expert from the team (not the demo accounts).
                committee.append(members[-1])
        committee.append(self.demo["committee"])
        for member in committee:
            self._grant(member, Role.CHANGE_COMMITTEE)
        self._grant(self.demo["sysadmin"], Role.SYSTEM_ADMIN)

    def _tech_member(self, team: Team, person: Person, *, is_lead: bool = False) -> None:
        self._join(team, person, is_lead=is_lead)
        if team.kind == Team.Kind.CUSTOMER_CARE:
            self._grant(person, Role.CCC_ANALYST)
        else:
            self._grant(person, Role.TECHNICIAN)
        if team.kind == Team.Kind.INVENTORY:
            self._grant(person, Role.INVENTORY)
        if is_lead:
            self._grant(person, Role.TEAM_LEAD)

    # Schools ------------------------------------------------------------------------

    def plan_school_staff(self) -> None:
        schools = [campus for campus in self.campuses if campus.kind in SCHOOLS]
        weights = [SCHOOLS[c.kind].staff_weight * self.rng.uniform(0.85, 1.15) for c in schools]
        remaining = max(0, self.size.staff - len(self.people))
        total_weight = sum(weights)
        area_of = {
            campus.code: area
            for area, campuses in self.area_campuses.items()
            for campus in campuses
        }
        for campus, weight in zip(schools, weights, strict=True):
            profile = SCHOOLS[campus.kind]
            headcount = round(remaining * weight / total_weight)
            self._staff_school(campus, profile, headcount, area_of[campus.code])
        # Facilities' site leads answer for their buildings (audits, change notices).
        for spec in FACILITIES + (EXTRA_FACILITIES if self.size.extra_facilities else ()):
            self._grant(self._heads[spec.site_lead], Role.PRINCIPAL, self.campus_by_code[spec.code])

    def _staff_school(
        self, campus: Campus, profile: SchoolProfile, headcount: int, area: str
    ) -> None:
        rng = self.rng
        is_demo = campus is self.demo_campus
        principal = self._person(
            title="Principal",
            supervisor=self.area_superintendents[area],
            campus=campus,
            demo="principal" if is_demo else None,
        )
        self._grant(principal, Role.PRINCIPAL, campus)
        self._school_admin_campus[id(principal)] = campus
        ap_count = profile.assistant_principals + headcount // STAFF_PER_EXTRA_AP
        assistants = []
        for index in range(ap_count):
            assistant = self._person(
                title="Assistant Principal",
                supervisor=principal,
                campus=campus,
                demo="supervisor" if is_demo and index == 0 else None,
            )
            self._school_admin_campus[id(assistant)] = campus
            assistants.append(assistant)
        for title in profile.office_staff:
            self._person(title=title, supervisor=principal, campus=campus)
        titles = [title for title, _ in profile.teaching_staff]
        weights = [weight for _, weight in profile.teaching_staff]
        teachers = max(5, headcount - 1 - ap_count - len(profile.office_staff))
        if is_demo:
            self._person(supervisor=assistants[0], campus=campus, demo="requester")
            teachers -= 1
        for title in rng.choices(titles, weights, k=teachers):
            self._person(title=title, supervisor=rng.choice(assistants), campus=campus)

    # Systems, roles ------------------------------------------------------------------

    def plan_systems(self) -> None:
        self.systems = [
            EnterpriseSystem(
                code=spec.code,
                name=spec.name,
                description=spec.description,
                vendor=spec.vendor,
                owner_team=self.team_by_code[spec.team],
                is_critical=spec.is_critical,
            )
            for spec in SYSTEMS
        ]

    def plan_everyone_roles(self) -> None:
        """Everyone may ask for help; everyone with reports may approve their requests."""
        supervisors = {id(p.supervisor): p.supervisor for p in self.people if p.supervisor}
        for person in self.people:
            self._grant(person, Role.REQUESTER)
            if id(person) in supervisors:
                self._grant(person, Role.SUPERVISOR, self._school_admin_campus.get(id(person)))
        # The demo supervisor supervises, even were the draw to leave them no reports.
        demo_supervisor = self.demo["supervisor"]
        self._grant(
            demo_supervisor, Role.SUPERVISOR, self._school_admin_campus[id(demo_supervisor)]
        )


# --- Saving ---------------------------------------------------------------------


def _save(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    model._default_manager.bulk_create(rows, batch_size=BATCH_SIZE)


@transaction.atomic
def load_demo_district(
    size: str = "standard", seed: int = DEFAULT_SEED, progress: Progress | None = None
) -> DemoDistrictSummary:
    """Fill an empty database with the demo district, all or nothing.

    Raises DistrictNotEmptyError if any campus exists: the demo is a whole
    district and would collide with (or be confused for) real data.
    """
    started = time.perf_counter()
    report = progress or (lambda line: None)

    def stage(label: str, since: float) -> float:
        now = time.perf_counter()
        report(f"  {label} ({now - since:.2f} s)")
        return now

    campus_count = Campus.objects.count()
    if campus_count:
        raise DistrictNotEmptyError(campus_count)
    report(f"Loading the {size} demo district (seed {seed})")
    district = SIZES[size]
    # Hash once: every demo account shares the password, and hashing is slow by design.
    plan = _DistrictPlan(district, seed, make_password(DEMO_PASSWORD))
    plan.plan_campuses()
    plan.plan_departments()
    plan.plan_technology_services()
    plan.plan_school_staff()
    plan.plan_systems()
    plan.plan_everyone_roles()
    role_assignments = plan.role_assignments
    mark = stage("Planned every row in memory", started)

    _save(Campus, plan.campuses)
    _save(Room, plan.rooms)
    _save(Department, list(plan.departments.values()))
    mark = stage(
        f"Campuses: {len(plan.campuses):,}, rooms: {len(plan.rooms):,}, "
        f"departments: {len(plan.departments):,}",
        mark,
    )
    _save(Team, plan.teams)
    _save(Team.campuses.through, plan.team_campuses)
    _save(EnterpriseSystem, plan.systems)
    mark = stage(f"Teams: {len(plan.teams):,}, enterprise systems: {len(plan.systems):,}", mark)
    # Supervisors before their reports, so each level's foreign keys have a target.
    for level in sorted(set(plan.depth.values())):
        _save(Person, [p for p in plan.people if plan.depth[id(p)] == level])
    mark = stage(f"People: {len(plan.people):,}", mark)
    _save(RoleAssignment, role_assignments)
    _save(TeamMembership, plan.memberships)
    stage(
        f"Role assignments: {len(role_assignments):,}, team memberships: {len(plan.memberships):,}",
        mark,
    )

    role_labels = dict(Role.choices)
    demo_accounts = [
        DemoAccount(
            username=username,
            role=str(role_labels[role]),
            name=plan.demo[username].get_full_name(),
            title=plan.demo[username].title,
            campus=plan.demo[username].home_campus.name,
        )
        for username, role in DEMO_ACCOUNTS.items()
    ]
    totals = {
        "campuses": len(plan.campuses),
        "rooms": len(plan.rooms),
        "departments": len(plan.departments),
        "teams": len(plan.teams),
        "enterprise systems": len(plan.systems),
        "people": len(plan.people),
        "role assignments": len(role_assignments),
        "team memberships": len(plan.memberships),
    }
    return DemoDistrictSummary(
        size=size,
        seed=seed,
        totals=totals,
        demo_accounts=demo_accounts,
        seconds=time.perf_counter() - started,
    )
