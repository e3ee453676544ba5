"""Planning school staff and reporting lines: each school's principal (under an
area superintendent), assistant principals, office and teaching staff; then the
roles everyone's place in a reporting line earns."""

from districtdesk.core.demo_district.planning.district_plan import DistrictPlan
from districtdesk.core.demo_district.shape.buildings import EXTRA_FACILITIES, FACILITIES
from districtdesk.core.demo_district.shape.schools import (
    SCHOOLS,
    STAFF_PER_EXTRA_AP,
    SchoolProfile,
)
from districtdesk.core.models import Campus, Role


def plan_school_staff(plan: DistrictPlan) -> None:
    schools = [campus for campus in plan.campuses if campus.kind in SCHOOLS]
    weights = [SCHOOLS[c.kind].staff_weight * plan.rng.uniform(0.85, 1.15) for c in schools]
    remaining = max(0, plan.size.staff - len(plan.people))
    total_weight = sum(weights)
    area_of = {
        campus.code: area for area, campuses in plan.area_campuses.items() for campus in campuses
    }
    for campus, weight in zip(schools, weights, strict=True):
        profile = SCHOOLS[campus.kind]
        headcount = round(remaining * weight / total_weight)
        _staff_school(plan, campus, profile, headcount, area_of[campus.code])
    # Facilities' site leads answer for their buildings (audits, change notices).
    for spec in FACILITIES + (EXTRA_FACILITIES if plan.size.extra_facilities else ()):
        plan.grant(plan.heads[spec.site_lead], Role.PRINCIPAL, plan.campus_by_code[spec.code])


def _staff_school(
    plan: DistrictPlan, campus: Campus, profile: SchoolProfile, headcount: int, area: str
) -> None:
    rng = plan.rng
    is_demo = campus is plan.demo_campus
    principal = plan.add_person(
        title="Principal",
        supervisor=plan.area_superintendents[area],
        campus=campus,
        demo="principal" if is_demo else None,
    )
    plan.grant(principal, Role.PRINCIPAL, campus)
    plan.school_admin_campus[id(principal)] = campus
    ap_count = profile.assistant_principals + headcount // STAFF_PER_EXTRA_AP
    assistants = []
    for index in range(ap_count):
        assistant = plan.add_person(
            title="Assistant Principal",
            supervisor=principal,
            campus=campus,
            demo="supervisor" if is_demo and index == 0 else None,
        )
        plan.school_admin_campus[id(assistant)] = campus
        assistants.append(assistant)
    for title in profile.office_staff:
        plan.add_person(title=title, supervisor=principal, campus=campus)
    titles = [title for title, _ in profile.teaching_staff]
    weights = [weight for _, weight in profile.teaching_staff]
    teachers = max(5, headcount - 1 - ap_count - len(profile.office_staff))
    if is_demo:
        plan.add_person(supervisor=assistants[0], campus=campus, demo="requester")
        teachers -= 1
    for title in rng.choices(titles, weights, k=teachers):
        plan.add_person(title=title, supervisor=rng.choice(assistants), campus=campus)


def plan_everyone_roles(plan: DistrictPlan) -> None:
    """Everyone may ask for help; everyone with reports may approve their requests."""
    supervisors = {id(p.supervisor): p.supervisor for p in plan.people if p.supervisor}
    for person in plan.people:
        plan.grant(person, Role.REQUESTER)
        if id(person) in supervisors:
            plan.grant(person, Role.SUPERVISOR, plan.school_admin_campus.get(id(person)))
    # The demo supervisor supervises, even were the draw to leave them no reports.
    demo_supervisor = plan.demo["supervisor"]
    plan.grant(demo_supervisor, Role.SUPERVISOR, plan.school_admin_campus[id(demo_supervisor)])
