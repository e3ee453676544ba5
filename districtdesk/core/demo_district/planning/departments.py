"""Planning the departments and district leadership: the superintendent, the
chiefs, each department's head and staff, and the area superintendents the
principals report to."""

from districtdesk.core.demo_district.planning.district_plan import DistrictPlan, scaled_headcount
from districtdesk.core.demo_district.shape.departments import (
    CHIEFS,
    DEPARTMENTS,
    SUPERINTENDENT,
    DepartmentSpec,
)
from districtdesk.core.models import Campus, Department, Role


def plan_departments(plan: DistrictPlan) -> None:
    for spec in DEPARTMENTS:
        plan.departments[spec.code] = Department(code=spec.code, name=spec.name)
    admin = plan.campus_by_code["ADM"]
    superintendent = plan.add_person(
        title="Superintendent",
        supervisor=None,
        campus=admin,
        department="SUPT",
        demo="superintendent",
    )
    plan.grant(superintendent, Role.SUPERINTENDENT)
    plan.heads[SUPERINTENDENT] = superintendent
    for key, title in CHIEFS:
        plan.heads[key] = plan.add_person(
            title=title, supervisor=superintendent, campus=admin, department="SUPT"
        )
    for spec in DEPARTMENTS:
        home = _department_home(plan, spec)
        if spec.code == "SUPT":
            head = superintendent
        else:
            head = plan.add_person(
                title=spec.head_title,
                supervisor=plan.heads[spec.reports_to],
                campus=home,
                department=spec.code,
            )
        plan.heads[spec.code] = head
        staff = scaled_headcount(spec.base_staff, plan.size.department_scale, minimum=1)
        if spec.code == "BUSINESS":
            plan.grant(head, Role.BUSINESS_OFFICE)
            demo = plan.add_person(
                supervisor=head, campus=home, department=spec.code, demo="businessoffice"
            )
            plan.grant(demo, Role.BUSINESS_OFFICE)
            staff -= 1
        for _ in range(staff if spec.staff_titles else 0):
            person = plan.add_person(
                title=plan.rng.choice(spec.staff_titles),
                supervisor=head,
                campus=home,
                department=spec.code,
            )
            if spec.code == "BUSINESS":
                plan.grant(person, Role.BUSINESS_OFFICE)
    # Area superintendents: the principals of each area report to one.
    plan.area_superintendents |= {
        area: plan.add_person(
            title=f"Area Superintendent, {area}",
            supervisor=plan.heads["SCHOOLS"],
            campus=admin,
            department="SCHOOLS",
        )
        for area in plan.size.areas
    }


def _department_home(plan: DistrictPlan, spec: DepartmentSpec) -> Campus:
    if plan.size.extra_facilities and spec.large_home:
        return plan.campus_by_code[spec.large_home]
    return plan.campus_by_code[spec.home]
