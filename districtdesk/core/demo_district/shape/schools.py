"""School profiles, one per level (elementary, middle, high): how a school is
named and numbered, its rooms, and who works there."""

from dataclasses import dataclass

from districtdesk.core.models import Campus, Room

_K = Room.Kind


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
