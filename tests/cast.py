"""A small district with one person per role, named for what they do."""

from dataclasses import dataclass

from districtdesk.core.models import Campus, Person, Role, Team
from tests.core.factories import (
    CampusFactory,
    DepartmentFactory,
    EnterpriseSystemFactory,
    PersonFactory,
    RoomFactory,
    TeamFactory,
    TeamMembershipFactory,
)


@dataclass
class District:
    north: Campus
    south: Campus
    campus_team: Team
    help_desk: Team
    people: dict[str, Person]


def build_district() -> District:
    """Two campuses, their technicians, and one signed-in person for every role."""
    north = CampusFactory(code="NE-01", name="Northeast Elementary")
    south = CampusFactory(code="SH-02", name="South High", kind=Campus.Kind.HIGH)
    for number in ("101", "102", "LIB"):
        RoomFactory(campus=north, number=number)
    RoomFactory(campus=south, number="A100")
    business_office = DepartmentFactory(code="BUS", name="Business Office")
    campus_team = TeamFactory(code="CT-N", name="North Campus Technicians")
    campus_team.campuses.add(north)
    help_desk = TeamFactory(code="CCC", name="Customer Care Center", kind=Team.Kind.CUSTOMER_CARE)
    EnterpriseSystemFactory(code="infinite-campus", name="Infinite Campus", owner_team=campus_team)

    def person(username: str, first: str, last: str, *roles, **fields) -> Person:
        return PersonFactory(
            username=username, first_name=first, last_name=last, roles=list(roles), **fields
        )

    superintendent = person("superintendent", "Sam", "Okafor", Role.SUPERINTENDENT)
    director = person("director", "Dana", "Reyes", Role.DIRECTOR, supervisor=superintendent)
    principal = person(
        "principal",
        "Priya",
        "Shah",
        Role.SUPERVISOR,
        (Role.PRINCIPAL, north),
        home_campus=north,
        supervisor=superintendent,
    )
    people = {
        Role.SUPERINTENDENT: superintendent,
        Role.DIRECTOR: director,
        Role.PRINCIPAL: principal,
        Role.SUPERVISOR: principal,
        Role.REQUESTER: person(
            "requester", "Rosa", "Alvarez", home_campus=north, supervisor=principal, title="Teacher"
        ),
        Role.TEAM_LEAD: person("teamlead", "Terry", "Lee", Role.TEAM_LEAD, supervisor=director),
        Role.TECHNICIAN: person("technician", "Tomas", "Nguyen", Role.TECHNICIAN),
        Role.CCC_ANALYST: person("analyst", "Ana", "Costa", Role.CCC_ANALYST),
        Role.CHANGE_COORDINATOR: person("coordinator", "Chris", "Park", Role.CHANGE_COORDINATOR),
        Role.CHANGE_COMMITTEE: person("committee", "Kim", "Diaz", Role.CHANGE_COMMITTEE),
        Role.BUSINESS_OFFICE: person(
            "businessoffice", "Bea", "Hall", Role.BUSINESS_OFFICE, department=business_office
        ),
        Role.INVENTORY: person("inventory", "Ivan", "Petrov", Role.INVENTORY),
        Role.SYSTEM_ADMIN: person(
            "sysadmin", "Sue", "Admin", Role.SYSTEM_ADMIN, is_staff=True, is_superuser=True
        ),
    }
    TeamMembershipFactory(team=campus_team, person=people[Role.TEAM_LEAD], is_lead=True)
    TeamMembershipFactory(team=campus_team, person=people[Role.TECHNICIAN])
    TeamMembershipFactory(team=help_desk, person=people[Role.CCC_ANALYST])
    return District(
        north=north, south=south, campus_team=campus_team, help_desk=help_desk, people=people
    )
