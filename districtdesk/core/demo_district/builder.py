"""Builds the demo district: plan every row in memory from one seeded
`random.Random` (the steps are in `.planning`, the data they draw on in `.shape`),
then save it with a fixed number of bulk inserts per table.

Planning first keeps the load deterministic (the same seed gives the same
campuses, people and reporting lines) and fast (no query per row: foreign keys
point at planned objects and are filled in as their targets are inserted).
"""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import models, transaction

from districtdesk.core.demo_district import DEFAULT_SEED, DEMO_ACCOUNTS, DEMO_PASSWORD
from districtdesk.core.demo_district.planning.departments import plan_departments
from districtdesk.core.demo_district.planning.district_plan import DistrictPlan
from districtdesk.core.demo_district.planning.places import plan_campuses
from districtdesk.core.demo_district.planning.school_staff import (
    plan_everyone_roles,
    plan_school_staff,
)
from districtdesk.core.demo_district.planning.technology_services import (
    plan_systems,
    plan_technology_services,
)
from districtdesk.core.demo_district.shape.sizes import SIZES, DistrictSize
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
    plan = DistrictPlan(district, seed, make_password(DEMO_PASSWORD))
    plan_campuses(plan)
    plan_departments(plan)
    plan_technology_services(plan)
    plan_school_staff(plan)
    plan_systems(plan)
    plan_everyone_roles(plan)
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
