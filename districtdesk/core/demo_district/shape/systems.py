"""Enterprise systems: those of seed 000 and the rest of a district's usual
estate, each with the Technology Services team that owns it."""

from dataclasses import dataclass


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
