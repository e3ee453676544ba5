"""District leadership and departments: the chiefs under the superintendent, and
each department's head, staff titles, headcount and home building."""

from dataclasses import dataclass

SUPERINTENDENT = "SUPERINTENDENT"

# Chiefs report to the superintendent; department heads report to a chief.
CHIEFS: tuple[tuple[str, str], ...] = (
    ("CAO", "Chief Academic Officer"),
    ("CFO", "Chief Financial Officer"),
    ("COO", "Chief Operations Officer"),
    ("COS", "Chief of Staff"),
)


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    head_title: str
    reports_to: str  # a chief's key, or SUPERINTENDENT
    staff_titles: tuple[str, ...]
    base_staff: int  # besides the head, at the standard size
    home: str  # the code of the building the department works from
    large_home: str = ""  # another building, in the large district


DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec(
        code="SUPT",
        name="Office of the Superintendent",
        head_title="Superintendent",
        reports_to="",
        staff_titles=("Executive Assistant to the Superintendent", "Board Relations Coordinator"),
        base_staff=2,
        home="ADM",
    ),
    DepartmentSpec(
        code="SCHOOLS",
        name="School Leadership",
        head_title="Chief of Schools",
        reports_to=SUPERINTENDENT,
        staff_titles=("School Leadership Coordinator",),
        base_staff=1,
        home="ADM",
    ),
    DepartmentSpec(
        code="BUSINESS",
        name="Business Office",
        head_title="Executive Director of Business Services",
        reports_to="CFO",
        staff_titles=(
            "Accountant",
            "Budget Analyst",
            "Accounts Payable Specialist",
            "Purchasing Agent",
            "Grants Accountant",
            "Contracts Specialist",
        ),
        base_staff=12,
        home="ADM",
    ),
    DepartmentSpec(
        code="PAYROLL",
        name="Payroll",
        head_title="Payroll Manager",
        reports_to="CFO",
        staff_titles=("Payroll Specialist", "Payroll Clerk", "Leave Administrator"),
        base_staff=6,
        home="ADM",
    ),
    DepartmentSpec(
        code="HR",
        name="Human Resources",
        head_title="Director of Human Resources",
        reports_to="COS",
        staff_titles=(
            "HR Generalist",
            "Benefits Specialist",
            "Recruiter",
            "Certification Specialist",
            "Employee Relations Specialist",
            "HR Assistant",
        ),
        base_staff=10,
        home="ADM",
    ),
    DepartmentSpec(
        code="TRANSPORT",
        name="Transportation",
        head_title="Director of Transportation",
        reports_to="COO",
        staff_titles=(
            "Route Planner",
            "Dispatcher",
            "Fleet Mechanic",
            "Transportation Supervisor",
            "Driver Trainer",
        ),
        base_staff=14,
        home="TRN-WH",
    ),
    DepartmentSpec(
        code="FOOD",
        name="Food Services",
        head_title="Director of Food Services",
        reports_to="COO",
        staff_titles=(
            "Nutrition Specialist",
            "Menu Planner",
            "Food Services Coordinator",
            "Warehouse Clerk",
            "Meal Benefits Clerk",
        ),
        base_staff=8,
        home="TRN-WH",
        large_home="CK",
    ),
    DepartmentSpec(
        code="SPED",
        name="Special Education",
        head_title="Executive Director of Special Education",
        reports_to="CAO",
        staff_titles=(
            "Educational Diagnostician",
            "Speech-Language Pathologist",
            "School Psychologist",
            "Special Education Coordinator",
            "Behavior Specialist",
            "Occupational Therapist",
        ),
        base_staff=14,
        home="ADM",
    ),
    DepartmentSpec(
        code="CURRIC",
        name="Curriculum & Instruction",
        head_title="Executive Director of Curriculum & Instruction",
        reports_to="CAO",
        staff_titles=(
            "Curriculum Coordinator",
            "Instructional Coach",
            "Assessment Coordinator",
            "Bilingual/ESL Coordinator",
            "Library Services Coordinator",
        ),
        base_staff=12,
        home="ADM",
        large_home="PDC",
    ),
    # Its staff are the Instructional Technology team (see .teams).
    DepartmentSpec(
        code="INSTTECH",
        name="Instructional Technology",
        head_title="Director of Instructional Technology",
        reports_to="CAO",
        staff_titles=(),
        base_staff=0,
        home="ADM",
    ),
    DepartmentSpec(
        code="FACILITIES",
        name="Facilities & Maintenance",
        head_title="Director of Facilities & Maintenance",
        reports_to="COO",
        staff_titles=(
            "Maintenance Technician",
            "Electrician",
            "HVAC Technician",
            "Plumber",
            "Grounds Supervisor",
            "Work Order Coordinator",
            "Locksmith",
        ),
        base_staff=14,
        home="TRN-WH",
    ),
    DepartmentSpec(
        code="COMMS",
        name="Communications",
        head_title="Director of Communications",
        reports_to="COS",
        staff_titles=(
            "Communications Specialist",
            "Web Content Manager",
            "Graphic Designer",
            "Translator",
        ),
        base_staff=5,
        home="ADM",
    ),
    DepartmentSpec(
        code="SAFETY",
        name="Police & Safety",
        head_title="Chief of Police",
        reports_to="COO",
        staff_titles=(
            "Police Officer",
            "Police Dispatcher",
            "Safety Coordinator",
            "Emergency Manager",
        ),
        base_staff=8,
        home="ADM",
    ),
    # Its staff are the Technology Services directors and teams (see .teams).
    DepartmentSpec(
        code="TECH",
        name="Technology Services",
        head_title="Chief Information Officer",
        reports_to=SUPERINTENDENT,
        staff_titles=(),
        base_staff=0,
        home="TSC",
    ),
)
