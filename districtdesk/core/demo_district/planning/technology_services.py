"""Planning Technology Services: the CIO's directors, a campus-technician team
per area and the district-wide teams, their members' roles, the Change Control
committee, and the enterprise systems the teams own."""

import math

from districtdesk.core.demo_district import DEMO_EMAIL_DOMAIN
from districtdesk.core.demo_district.planning.district_plan import DistrictPlan, scaled_headcount
from districtdesk.core.demo_district.shape.schools import SCHOOLS
from districtdesk.core.demo_district.shape.systems import SYSTEMS
from districtdesk.core.demo_district.shape.teams import (
    CAMPUS_TECHNICIAN_TITLES,
    CAMPUSES_PER_TECHNICIAN,
    TEAMS,
    TECH_DIRECTORS,
)
from districtdesk.core.models import EnterpriseSystem, Person, Role, Team, TeamMembership


def plan_technology_services(plan: DistrictPlan) -> None:
    rng = plan.rng
    cio = plan.heads["TECH"]
    tsc = plan.campus_by_code["TSC"]
    plan.grant(cio, Role.DIRECTOR)
    plan.grant(plan.heads["INSTTECH"], Role.DIRECTOR)
    coordinator = plan.add_person(supervisor=cio, campus=tsc, department="TECH", demo="coordinator")
    plan.grant(coordinator, Role.CHANGE_COORDINATOR)
    directors: dict[str, Person] = {}
    for key, title in TECH_DIRECTORS:
        demo = "director" if key == "OPS" else None
        directors[key] = plan.add_person(
            title=title, supervisor=cio, campus=tsc, department="TECH", demo=demo
        )
        plan.grant(directors[key], Role.DIRECTOR)
    committee: list[Person] = [directors["INFRA"], directors["APPS"]]

    # Campus technicians: one team per area, serving that area's campuses.
    for index, area in enumerate(plan.size.areas):
        code = f"CT-{area.upper()}"
        team = _add_team(plan, code, f"Campus Technicians, {area}", Team.Kind.CAMPUS_TECHNICIANS)
        served = plan.area_campuses[area]
        plan.team_campuses += [Team.campuses.through(team=team, campus=campus) for campus in served]
        schools = [c for c in served if c.kind in SCHOOLS] or served
        size = max(3, math.ceil(len(served) / CAMPUSES_PER_TECHNICIAN))
        is_demo_team = index == 0
        lead = plan.add_person(
            title="Campus Technician Team Lead",
            supervisor=directors["OPS"],
            campus=tsc,
            department="TECH",
            demo="teamlead" if is_demo_team else None,
        )
        _add_team_member(plan, team, lead, is_lead=True)
        for member_index in range(size - 1):
            demo = is_demo_team and member_index == 0
            technician = plan.add_person(
                title=rng.choice(CAMPUS_TECHNICIAN_TITLES),
                supervisor=lead,
                # The demo technician works from the demo requester's school.
                campus=plan.demo_campus if demo else rng.choice(schools),
                department="TECH",
                demo="technician" if demo else None,
            )
            _add_team_member(plan, team, technician)

    demo_members = {"CCC": "analyst", "INV": "inventory", "APPS": "committee"}
    for spec in TEAMS:
        team = _add_team(plan, spec.code, spec.name, spec.kind)
        home = plan.campus_by_code[spec.home]
        boss = directors.get(spec.reports_to) or plan.heads[spec.reports_to]
        lead = plan.add_person(
            title=spec.lead_title, supervisor=boss, campus=home, department=spec.department
        )
        _add_team_member(plan, team, lead, is_lead=True)
        members: list[Person] = []
        size = scaled_headcount(spec.base_size, plan.size.team_scale, minimum=3)
        for member_index in range(size - 1):
            demo = demo_members.get(spec.code) if member_index == 0 else None
            if spec.code == "APPS" and member_index == 1:
                demo = "sysadmin"
            member = plan.add_person(
                title=rng.choice(spec.member_titles),
                supervisor=lead,
                campus=home,
                department=spec.department,
                demo=demo,
            )
            _add_team_member(plan, team, member)
            members.append(member)
        if spec.code in ("NET", "ACCT", "APPS"):
            committee.append(lead)
        if spec.code in ("NET", "APPS"):
            # A subject-matter expert from the team (not the demo accounts).
            committee.append(members[-1])
    committee.append(plan.demo["committee"])
    for member in committee:
        plan.grant(member, Role.CHANGE_COMMITTEE)
    plan.grant(plan.demo["sysadmin"], Role.SYSTEM_ADMIN)


def plan_systems(plan: DistrictPlan) -> None:
    plan.systems = [
        EnterpriseSystem(
            code=spec.code,
            name=spec.name,
            description=spec.description,
            vendor=spec.vendor,
            owner_team=plan.team_by_code[spec.team],
            is_critical=spec.is_critical,
        )
        for spec in SYSTEMS
    ]


def _add_team(plan: DistrictPlan, code: str, name: str, kind: str) -> Team:
    team = Team(
        code=code,
        name=name,
        kind=kind,
        email=f"{code.lower()}@{DEMO_EMAIL_DOMAIN}",
    )
    plan.teams.append(team)
    plan.team_by_code[code] = team
    return team


def _add_team_member(
    plan: DistrictPlan, team: Team, person: Person, *, is_lead: bool = False
) -> None:
    """Join the team, with the roles its kind of work needs."""
    plan.memberships.append(TeamMembership(team=team, person=person, is_lead=is_lead))
    if team.kind == Team.Kind.CUSTOMER_CARE:
        plan.grant(person, Role.CCC_ANALYST)
    else:
        plan.grant(person, Role.TECHNICIAN)
    if team.kind == Team.Kind.INVENTORY:
        plan.grant(person, Role.INVENTORY)
    if is_lead:
        plan.grant(person, Role.TEAM_LEAD)
