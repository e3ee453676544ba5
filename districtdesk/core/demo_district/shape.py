"""The demo district's shape: sizes, departments, buildings, school staffing,
Technology Services teams, enterprise systems and the demo cast. Data only; the
builder turns it into rows."""

from dataclasses import dataclass

from districtdesk.core.models import Campus, Room, Team

# --- Sizes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictSize:
    """How big a district to build; `staff` is a target, met within a few percent."""

    elementary: int
    middle: int
    high: int
    areas: tuple[str, ...]
    staff: int
    department_scale: float
    team_scale: float
    extra_facilities: bool = False
    description: str = ""


# Campus-technician teams and area superintendents each cover one area.
COMPASS_AREAS = (
    "North",
    "Northeast",
    "East",
    "Southeast",
    "South",
    "Southwest",
    "West",
    "Northwest",
)

SIZES: dict[str, DistrictSize] = {
    "small": DistrictSize(
        elementary=4,
        middle=2,
        high=1,
        areas=("North", "South"),
        staff=300,
        department_scale=0.3,
        team_scale=0.5,
        description="10 campuses, ~300 staff: for tests and quick looks",
    ),
    "standard": DistrictSize(
        elementary=25,
        middle=7,
        high=5,
        areas=("North", "East", "South", "West"),
        staff=1500,
        department_scale=1.0,
        team_scale=1.0,
        description="40 campuses, ~1,500 staff: the demo",
    ),
    "large": DistrictSize(
        elementary=174,
        middle=40,
        high=30,
        areas=COMPASS_AREAS,
        staff=30000,
        department_scale=6.0,
        team_scale=3.5,
        extra_facilities=True,
        description="250 campuses, ~30,000 staff: for benchmarks",
    ),
}

# --- Leadership and departments -----------------------------------------------------

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
    # Its staff are the Instructional Technology team (see TEAMS).
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
    # Its staff are the Technology Services directors and teams (see TEAMS).
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

# --- District buildings -----------------------------------------------------------------

_K = Room.Kind


@dataclass(frozen=True)
class FacilitySpec:
    code: str
    name: str
    kind: str
    site_lead: str  # the department whose head answers for the building as its "principal"
    floors: int
    rooms: tuple[tuple[str, str, int], ...]  # (room kind, description, how many)


FACILITIES: tuple[FacilitySpec, ...] = (
    FacilitySpec(
        code="ADM",
        name="Administration Building",
        kind=Campus.Kind.ADMIN,
        site_lead="COO",
        floors=3,
        rooms=(
            (_K.OFFICE, "Superintendent's suite", 2),
            (_K.OFFICE, "Business Office", 4),
            (_K.OFFICE, "Payroll", 2),
            (_K.OFFICE, "Human Resources", 4),
            (_K.OFFICE, "Special Education", 3),
            (_K.OFFICE, "Curriculum & Instruction", 3),
            (_K.OFFICE, "Instructional Technology", 2),
            (_K.OFFICE, "Communications", 2),
            (_K.OFFICE, "Police & Safety", 2),
            (_K.OFFICE, "Conference room", 4),
            (_K.OTHER, "Board room", 1),
            (_K.OTHER, "Mail room", 1),
            (_K.OTHER, "Break room", 2),
            (_K.LAB, "Training lab", 1),
            (_K.STORAGE, "Records storage", 2),
        ),
    ),
    FacilitySpec(
        code="TSC",
        name="Technology Services Center",
        kind=Campus.Kind.ADMIN,
        site_lead="TECH",
        floors=2,
        rooms=(
            (_K.OFFICE, "Technology Services office", 12),
            (_K.OTHER, "Network operations center", 1),
            (_K.OFFICE, "Customer Care Center call floor", 1),
            (_K.OFFICE, "Conference room", 3),
            (_K.OTHER, "Service Center repair depot", 2),
            (_K.OTHER, "Imaging and staging", 2),
            (_K.NETWORK_CLOSET, "Data center", 1),
            (_K.STORAGE, "Device warehouse", 2),
            (_K.STORAGE, "Parts room", 1),
            (_K.LAB, "Training lab", 2),
            (_K.OTHER, "Break room", 1),
        ),
    ),
    FacilitySpec(
        code="TRN-WH",
        name="Transportation and Warehouse Center",
        kind=Campus.Kind.OTHER,
        site_lead="TRANSPORT",
        floors=2,
        rooms=(
            (_K.OFFICE, "Transportation office", 4),
            (_K.OFFICE, "Dispatch", 1),
            (_K.OFFICE, "Facilities & Maintenance office", 3),
            (_K.OFFICE, "Food Services office", 2),
            (_K.OTHER, "Bus maintenance bay", 8),
            (_K.STORAGE, "Central warehouse", 3),
            (_K.STORAGE, "Receiving dock", 1),
            (_K.OTHER, "Driver lounge", 1),
            (_K.OTHER, "Training room", 1),
            (_K.STORAGE, "Fleet parts room", 2),
            (_K.OFFICE, "Conference room", 2),
        ),
    ),
)

# Only the large district has these.
EXTRA_FACILITIES: tuple[FacilitySpec, ...] = (
    FacilitySpec(
        code="CK",
        name="Central Kitchen",
        kind=Campus.Kind.OTHER,
        site_lead="FOOD",
        floors=2,
        rooms=(
            (_K.OTHER, "Production kitchen", 3),
            (_K.STORAGE, "Cold storage", 3),
            (_K.STORAGE, "Dry storage", 2),
            (_K.OFFICE, "Food Services office", 6),
            (_K.OTHER, "Loading dock", 2),
            (_K.OFFICE, "Conference room", 2),
            (_K.OTHER, "Break room", 1),
        ),
    ),
    FacilitySpec(
        code="ATH",
        name="Athletics Complex",
        kind=Campus.Kind.OTHER,
        site_lead="FACILITIES",
        floors=2,
        rooms=(
            (_K.GYM, "Field house", 2),
            (_K.GYM, "Natatorium", 1),
            (_K.OTHER, "Stadium press box", 1),
            (_K.OTHER, "Locker room", 6),
            (_K.OFFICE, "Athletics office", 4),
            (_K.STORAGE, "Equipment storage", 4),
            (_K.OTHER, "Concessions", 2),
            (_K.OTHER, "Training room", 2),
        ),
    ),
    FacilitySpec(
        code="PDC",
        name="Professional Development Center",
        kind=Campus.Kind.ADMIN,
        site_lead="CURRIC",
        floors=2,
        rooms=(
            (_K.OTHER, "Training room", 10),
            (_K.LAB, "Computer training lab", 4),
            (_K.OFFICE, "Curriculum & Instruction office", 8),
            (_K.OFFICE, "Conference room", 4),
            (_K.GYM, "Auditorium", 1),
            (_K.STORAGE, "Materials storage", 2),
        ),
    ),
)

# --- Schools ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolProfile:
    """Rooms and staffing of one level of school."""

    suffix: str
    code_prefix: str
    first_number: int
    honoree_share: float  # named for a person rather than a place
    wings: tuple[int, int]
    floors: tuple[int, int]
    classrooms: tuple[int, int]
    labs: tuple[int, int]
    gyms: tuple[str, ...]
    offices: tuple[str, ...]
    extra_rooms: tuple[tuple[str, str], ...]
    assistant_principals: int
    staff_weight: float  # relative headcount
    office_staff: tuple[str, ...]  # report to the principal
    teaching_staff: tuple[tuple[str, int], ...]  # (title, weight); report to an AP


ELEMENTARY_GRADES = ("Kindergarten", "Grade 1", "Grade 2", "Grade 3", "Grade 4", "Grade 5")
SECONDARY_SUBJECTS: tuple[tuple[str, int], ...] = (
    ("Mathematics", 5),
    ("English language arts", 5),
    ("Science lab", 4),
    ("Social studies", 4),
    ("World languages", 2),
    ("Art", 1),
    ("Special education resource", 2),
    ("English as a second language", 1),
    ("Computer science", 1),
)

# One more assistant principal for every this many staff.
STAFF_PER_EXTRA_AP = 120

SCHOOLS: dict[str, SchoolProfile] = {
    Campus.Kind.ELEMENTARY: SchoolProfile(
        suffix="Elementary",
        code_prefix="ES",
        first_number=101,
        honoree_share=0.45,
        wings=(2, 4),
        floors=(1, 1),
        classrooms=(18, 28),
        labs=(1, 2),
        gyms=("Gymnasium",),
        offices=("Main office", "Principal", "Nurse", "Counselor", "Conference room"),
        extra_rooms=(
            (_K.CLASSROOM, "Music room"),
            (_K.CLASSROOM, "Art room"),
            (_K.CLASSROOM, "Reading intervention"),
            (_K.OTHER, "Teacher workroom"),
        ),
        assistant_principals=1,
        staff_weight=1.0,
        office_staff=(
            "Office Manager",
            "Attendance Clerk",
            "Nurse",
            "Counselor",
            "Cafeteria Manager",
            "Head Custodian",
        ),
        teaching_staff=(
            ("Kindergarten Teacher", 3),
            ("First Grade Teacher", 3),
            ("Second Grade Teacher", 3),
            ("Third Grade Teacher", 3),
            ("Fourth Grade Teacher", 3),
            ("Fifth Grade Teacher", 3),
            ("Music Teacher", 1),
            ("Art Teacher", 1),
            ("Physical Education Teacher", 1),
            ("Special Education Teacher", 2),
            ("Reading Interventionist", 1),
            ("ESL Teacher", 1),
            ("Librarian", 1),
            ("Instructional Aide", 3),
        ),
    ),
    Campus.Kind.MIDDLE: SchoolProfile(
        suffix="Middle School",
        code_prefix="MS",
        first_number=301,
        honoree_share=0.4,
        wings=(3, 4),
        floors=(2, 2),
        classrooms=(36, 46),
        labs=(2, 3),
        gyms=("Gymnasium", "Auxiliary gym"),
        offices=("Main office", "Principal", "Nurse", "Counselor", "Counselor", "Conference room"),
        extra_rooms=(
            (_K.OTHER, "Band hall"),
            (_K.OTHER, "Choir room"),
            (_K.CLASSROOM, "Art room"),
            (_K.OTHER, "Teacher workroom"),
            (_K.OFFICE, "Registrar"),
        ),
        assistant_principals=2,
        staff_weight=1.5,
        office_staff=(
            "Office Manager",
            "Attendance Clerk",
            "Registrar",
            "Bookkeeper",
            "Nurse",
            "Counselor",
            "Counselor",
            "Cafeteria Manager",
            "Head Custodian",
        ),
        teaching_staff=(
            ("Mathematics Teacher", 4),
            ("English Language Arts Teacher", 4),
            ("Science Teacher", 4),
            ("Social Studies Teacher", 3),
            ("Spanish Teacher", 1),
            ("Band Director", 1),
            ("Choir Director", 1),
            ("Art Teacher", 1),
            ("Physical Education Teacher", 2),
            ("Special Education Teacher", 2),
            ("ESL Teacher", 1),
            ("Computer Science Teacher", 1),
            ("Librarian", 1),
            ("Instructional Aide", 2),
        ),
    ),
    Campus.Kind.HIGH: SchoolProfile(
        suffix="High School",
        code_prefix="HS",
        first_number=501,
        honoree_share=0.2,
        wings=(4, 5),
        floors=(2, 3),
        classrooms=(42, 50),
        labs=(3, 5),
        gyms=("Gymnasium", "Auxiliary gym", "Auditorium"),
        offices=(
            "Main office",
            "Principal",
            "Nurse",
            "Counselor",
            "Counselor",
            "Counselor",
            "Testing office",
            "Conference room",
        ),
        extra_rooms=(
            (_K.OTHER, "Band hall"),
            (_K.OTHER, "Choir room"),
            (_K.OTHER, "Theatre workshop"),
            (_K.OTHER, "Career and technical education shop"),
            (_K.OTHER, "Career and technical education shop"),
            (_K.OTHER, "Teacher workroom"),
            (_K.OFFICE, "Registrar"),
            (_K.OFFICE, "Athletics office"),
            (_K.OFFICE, "College and career center"),
        ),
        assistant_principals=3,
        staff_weight=2.3,
        office_staff=(
            "Office Manager",
            "Attendance Clerk",
            "Registrar",
            "Bookkeeper",
            "Nurse",
            "Counselor",
            "Counselor",
            "College and Career Counselor",
            "Athletic Coordinator",
            "Testing Coordinator",
            "Cafeteria Manager",
            "Head Custodian",
        ),
        teaching_staff=(
            ("Mathematics Teacher", 5),
            ("English Teacher", 5),
            ("Biology Teacher", 2),
            ("Chemistry Teacher", 2),
            ("Physics Teacher", 1),
            ("Social Studies Teacher", 4),
            ("Spanish Teacher", 2),
            ("French Teacher", 1),
            ("Career and Technical Education Teacher", 2),
            ("Computer Science Teacher", 1),
            ("Band Director", 1),
            ("Choir Director", 1),
            ("Theatre Teacher", 1),
            ("Art Teacher", 1),
            ("Physical Education Teacher and Coach", 2),
            ("Special Education Teacher", 3),
            ("ESL Teacher", 1),
            ("JROTC Instructor", 1),
            ("Librarian", 1),
            ("Instructional Aide", 2),
        ),
    ),
}

# --- Technology Services ------------------------------------------------------------------

# Directors over the teams; all report to the CIO.
TECH_DIRECTORS: tuple[tuple[str, str], ...] = (
    ("OPS", "Director of Technology Operations"),
    ("INFRA", "Director of Infrastructure & Security"),
    ("CARE", "Director of Customer Care & Performance Excellence"),
    ("APPS", "Director of Enterprise Applications"),
)


@dataclass(frozen=True)
class TeamSpec:
    code: str
    name: str
    kind: str
    reports_to: str  # a Technology Services director's key, or a department code
    lead_title: str
    member_titles: tuple[str, ...]
    base_size: int  # members including the lead, at the standard size
    department: str = "TECH"
    home: str = "TSC"


# Campus-technician teams come one per area, sized by the campuses they serve.
CAMPUS_TECHNICIAN_TITLES = ("Campus Technician", "Senior Campus Technician")
CAMPUSES_PER_TECHNICIAN = 2

TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec(
        code="SC",
        name="Service Center",
        kind=Team.Kind.SERVICE_CENTER,
        reports_to="OPS",
        lead_title="Service Center Supervisor",
        member_titles=("Service Center Technician", "Repair Technician"),
        base_size=6,
    ),
    TeamSpec(
        code="NET",
        name="Network Services",
        kind=Team.Kind.NETWORK_SERVICES,
        reports_to="INFRA",
        lead_title="Network Services Manager",
        member_titles=("Network Engineer", "Network Technician", "Telecommunications Technician"),
        base_size=6,
    ),
    TeamSpec(
        code="ACCT",
        name="Accounts & Security",
        kind=Team.Kind.ACCOUNTS_SECURITY,
        reports_to="INFRA",
        lead_title="Information Security Manager",
        member_titles=("Security Analyst", "Identity and Access Analyst"),
        base_size=4,
    ),
    TeamSpec(
        code="INV",
        name="Inventory",
        kind=Team.Kind.INVENTORY,
        reports_to="OPS",
        lead_title="Inventory Supervisor",
        member_titles=("Inventory Specialist", "Asset Technician"),
        base_size=4,
    ),
    TeamSpec(
        code="ITECH",
        name="Instructional Technology",
        kind=Team.Kind.INSTRUCTIONAL_TECHNOLOGY,
        reports_to="INSTTECH",
        lead_title="Instructional Technology Coordinator",
        member_titles=(
            "Instructional Technology Specialist",
            "Digital Learning Coach",
            "LMS Administrator",
        ),
        base_size=5,
        department="INSTTECH",
        home="ADM",
    ),
    TeamSpec(
        code="CCC",
        name="Customer Care Center",
        kind=Team.Kind.CUSTOMER_CARE,
        reports_to="CARE",
        lead_title="Customer Care Center Supervisor",
        member_titles=("Customer Care Center Analyst",),
        base_size=6,
    ),
    TeamSpec(
        code="APPS",
        name="Enterprise Applications",
        kind=Team.Kind.APPLICATIONS,
        reports_to="APPS",
        lead_title="Applications Manager",
        member_titles=(
            "Applications Analyst",
            "Database Administrator",
            "Data Quality Analyst",
            "Developer",
        ),
        base_size=7,
    ),
)

# --- Enterprise systems (seed 000 and the rest of a district's usual estate) -------------


@dataclass(frozen=True)
class SystemSpec:
    code: str
    name: str
    team: str  # the owner team's code
    vendor: str
    is_critical: bool  # an outage stops instruction or payroll
    description: str


SYSTEMS: tuple[SystemSpec, ...] = (
    SystemSpec(
        code="infinite-campus",
        name="Infinite Campus",
        team="APPS",
        vendor="Infinite Campus, Inc.",
        is_critical=True,
        description="Student information system: enrollment, attendance, schedules, grades "
        "and state reporting.",
    ),
    SystemSpec(
        code="lawson",
        name="Lawson",
        team="APPS",
        vendor="Infor",
        is_critical=True,
        description="Enterprise resource planning: finance, purchasing, human resources and "
        "payroll.",
    ),
    SystemSpec(
        code="digital-doors",
        name="Digital Doors",
        team="APPS",
        vendor="District-developed",
        is_critical=False,
        description="Data portal for principals and teachers: student, program and budget "
        "data, forms and reports.",
    ),
    SystemSpec(
        code="network-services",
        name="Network Services",
        team="NET",
        vendor="District-operated",
        is_critical=True,
        description="Wide-area and campus networks, wireless, internet filtering, firewalls "
        "and VoIP telephones.",
    ),
    SystemSpec(
        code="kronos",
        name="Kronos",
        team="APPS",
        vendor="UKG",
        is_critical=True,
        description="Time and attendance for hourly staff; its hours feed payroll.",
    ),
    SystemSpec(
        code="google-workspace",
        name="Google Workspace for Education",
        team="ACCT",
        vendor="Google",
        is_critical=True,
        description="Student and staff email, Drive and Classroom, and Chromebook management.",
    ),
    SystemSpec(
        code="microsoft-365",
        name="Microsoft 365 and Active Directory",
        team="ACCT",
        vendor="Microsoft",
        is_critical=True,
        description="Staff sign-in and single sign-on, email, Office apps and device policies.",
    ),
    SystemSpec(
        code="library-system",
        name="Destiny Library Manager",
        team="ITECH",
        vendor="Follett",
        is_critical=False,
        description="Library catalogue and circulation for every school library.",
    ),
    SystemSpec(
        code="mass-notification",
        name="SchoolMessenger",
        team="APPS",
        vendor="PowerSchool",
        is_critical=False,
        description="Mass notification: calls, texts and email to families and staff, "
        "including emergency alerts.",
    ),
    SystemSpec(
        code="lms",
        name="Canvas learning management system",
        team="ITECH",
        vendor="Instructure",
        is_critical=True,
        description="Courses, assignments and grading for classes in every school.",
    ),
    SystemSpec(
        code="inventory-system",
        name="TIPWeb-IT",
        team="INV",
        vendor="Hayes Software Systems",
        is_critical=False,
        description="Technology inventory: bar tags, locations, assignments and the annual "
        "district audit.",
    ),
    SystemSpec(
        code="cafeteria-pos",
        name="Cafeteria point of sale",
        team="APPS",
        vendor="PrimeroEdge",
        is_critical=False,
        description="Meal accounts, cafeteria registers and meal-benefit eligibility.",
    ),
    SystemSpec(
        code="districtdesk",
        name="DistrictDesk",
        team="APPS",
        vendor="Open source",
        is_critical=False,
        description="This service desk: requests, changes and technology inventory.",
    ),
)

# --- The demo cast ------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoPersonSpec:
    first_name: str
    last_name: str
    title: str


# Fixed names, so the README can introduce the cast whatever the seed. Where each
# one sits in the district is decided by the builder.
DEMO_PEOPLE: dict[str, DemoPersonSpec] = {
    "superintendent": DemoPersonSpec("Howard", "Bennett", "Superintendent"),
    "director": DemoPersonSpec("Angela", "Brooks", "Director of Technology Operations"),
    "coordinator": DemoPersonSpec("Denise", "Carter", "Executive Assistant to the CIO"),
    "businessoffice": DemoPersonSpec("Rebecca", "Stein", "Budget Analyst"),
    "teamlead": DemoPersonSpec("Priya", "Raman", "Campus Technician Team Lead"),
    "technician": DemoPersonSpec("Marcus", "Lee", "Campus Technician"),
    "inventory": DemoPersonSpec("Luis", "Herrera", "Inventory Specialist"),
    "analyst": DemoPersonSpec("Jordan", "Ellis", "Customer Care Center Analyst"),
    "committee": DemoPersonSpec("Samuel", "Nguyen", "Data Quality Analyst"),
    "sysadmin": DemoPersonSpec("Kim", "Tran", "Systems Administrator"),
    "principal": DemoPersonSpec("Grace", "Whitaker", "Principal"),
    "supervisor": DemoPersonSpec("Daniel", "Okafor", "Assistant Principal"),
    "requester": DemoPersonSpec("Alicia", "Moreno", "Third Grade Teacher"),
}
