"""District buildings that are not schools (administration, Technology Services,
transportation, and the large district's extras): their floors and rooms."""

from dataclasses import dataclass

from districtdesk.core.models import Campus, Room

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
