"""Technology Services: the directors under the CIO, the campus-technician
teams' titles and coverage, and the district-wide teams."""

from dataclasses import dataclass

from districtdesk.core.models import Team

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
