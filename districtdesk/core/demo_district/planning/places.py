"""Planning places: the district's campuses (schools, then district buildings),
each named, addressed and dealt into an area, and the rooms of each."""

import math
import random
import string
from collections.abc import Sequence

from districtdesk.core.demo_district import names
from districtdesk.core.demo_district.planning.district_plan import DistrictPlan
from districtdesk.core.demo_district.shape.buildings import (
    EXTRA_FACILITIES,
    FACILITIES,
    FacilitySpec,
)
from districtdesk.core.demo_district.shape.schools import (
    ELEMENTARY_GRADES,
    SCHOOLS,
    SECONDARY_SUBJECTS,
    SchoolProfile,
)
from districtdesk.core.models import Campus, Room


def plan_campuses(plan: DistrictPlan) -> None:
    size, areas = plan.size, plan.size.areas
    counts = {
        Campus.Kind.ELEMENTARY: size.elementary,
        Campus.Kind.MIDDLE: size.middle,
        Campus.Kind.HIGH: size.high,
    }
    dealt = 0
    for kind, count in counts.items():
        profile = SCHOOLS[kind]
        for index in range(count):
            base = _campus_base_name(plan, profile.honoree_share)
            # Dealt round the areas so each area has a mix of levels.
            area = areas[dealt % len(areas)]
            dealt += 1
            code = f"{profile.code_prefix}-{profile.first_number + index}"
            campus = _add_campus(plan, code, f"{base} {profile.suffix}", kind, area)
            _plan_school_rooms(plan, campus, profile)
    facilities = FACILITIES + (EXTRA_FACILITIES if size.extra_facilities else ())
    for spec in facilities:
        area = areas[dealt % len(areas)]
        dealt += 1
        campus = _add_campus(plan, spec.code, spec.name, spec.kind, area)
        _plan_facility_rooms(plan, campus, spec)
    plan.demo_campus = plan.campus_by_code[f"{SCHOOLS[Campus.Kind.ELEMENTARY].code_prefix}-101"]


def _campus_base_name(plan: DistrictPlan, honoree_share: float) -> str:
    rng = plan.rng
    while True:
        roll = rng.random()
        if roll < honoree_share:
            base = f"{rng.choice(names.FIRST_NAMES)} {rng.choice(names.LAST_NAMES)}"
        elif roll < honoree_share + (1 - honoree_share) * 0.75:
            base = f"{rng.choice(names.TREES)} {rng.choice(names.LANDFORMS)}"
        else:
            base = rng.choice(names.PLACES)
        if base not in plan.campus_names:
            plan.campus_names.add(base)
            return base


def _address(rng: random.Random) -> str:
    street = rng.choice(
        (rng.choice(names.TREES), rng.choice(names.LAST_NAMES), rng.choice(names.PLACES))
    )
    return f"{rng.randint(100, 9800)} {street} {rng.choice(names.STREET_SUFFIXES)}"


def _phone(rng: random.Random) -> str:
    # The 010 exchange does not exist in the North American plan: never a real line.
    return f"(555) 010-{rng.randint(1000, 9999)}"


def _add_campus(plan: DistrictPlan, code: str, name: str, kind: str, area: str) -> Campus:
    campus = Campus(
        code=code, name=name, kind=kind, address=_address(plan.rng), phone=_phone(plan.rng)
    )
    plan.campuses.append(campus)
    plan.campus_by_code[code] = campus
    plan.area_campuses[area].append(campus)
    return campus


def _plan_school_rooms(plan: DistrictPlan, campus: Campus, profile: SchoolProfile) -> None:
    rng = plan.rng
    wings = string.ascii_uppercase[: rng.randint(*profile.wings)]
    floors = range(1, rng.randint(*profile.floors) + 1)
    slots = [f"{wing}{floor}" for floor in floors for wing in wings]
    numbered: list[tuple[str, str]] = [(Room.Kind.OFFICE, office) for office in profile.offices]
    ap_offices = profile.assistant_principals
    numbered += [(Room.Kind.OFFICE, "Assistant principal")] * ap_offices
    numbered.append((Room.Kind.LIBRARY, "Library media center"))
    numbered += [(Room.Kind.LAB, "Computer lab")] * rng.randint(*profile.labs)
    numbered += list(profile.extra_rooms)
    classrooms = rng.randint(*profile.classrooms)
    if campus.kind == Campus.Kind.ELEMENTARY:
        grades = len(ELEMENTARY_GRADES)
        numbered += [
            (Room.Kind.CLASSROOM, ELEMENTARY_GRADES[index * grades // classrooms])
            for index in range(classrooms)
        ]
    else:
        subjects = [subject for subject, _ in SECONDARY_SUBJECTS]
        weights = [weight for _, weight in SECONDARY_SUBJECTS]
        numbered += [
            (Room.Kind.CLASSROOM, subject)
            for subject in sorted(rng.choices(subjects, weights, k=classrooms))
        ]
    per_slot = math.ceil(len(numbered) / len(slots))
    rows = [
        (f"{slots[index // per_slot]}{index % per_slot + 1:02d}", kind, description)
        for index, (kind, description) in enumerate(numbered)
    ]
    rows.append(("MDF", Room.Kind.NETWORK_CLOSET, "Main distribution frame"))
    rows += [
        (f"IDF-{slot}", Room.Kind.NETWORK_CLOSET, "Intermediate distribution frame")
        for slot in slots[1:]
    ]
    rows.append(("CAF", Room.Kind.CAFETERIA, "Cafeteria"))
    rows += [(f"GYM-{n}", Room.Kind.GYM, gym) for n, gym in enumerate(profile.gyms, start=1)]
    rows += [(f"ST-{n}", Room.Kind.STORAGE, "Storage") for n in range(1, rng.randint(2, 4) + 1)]
    if campus.kind == Campus.Kind.ELEMENTARY and rng.random() < 0.3:
        rows += [
            (f"P-{n:02d}", Room.Kind.CLASSROOM, "Portable classroom")
            for n in range(1, rng.randint(2, 4) + 1)
        ]
    _add_rooms(plan, campus, rows)


def _plan_facility_rooms(plan: DistrictPlan, campus: Campus, spec: FacilitySpec) -> None:
    numbered = [(kind, desc) for kind, desc, count in spec.rooms for _ in range(count)]
    per_floor = math.ceil(len(numbered) / spec.floors)
    rows = [
        (f"{index // per_floor + 1}{index % per_floor + 1:02d}", kind, description)
        for index, (kind, description) in enumerate(numbered)
    ]
    rows.append(("MDF", Room.Kind.NETWORK_CLOSET, "Main distribution frame"))
    rows += [
        (f"IDF-{floor}", Room.Kind.NETWORK_CLOSET, "Intermediate distribution frame")
        for floor in range(2, spec.floors + 1)
    ]
    _add_rooms(plan, campus, rows)


def _add_rooms(plan: DistrictPlan, campus: Campus, rows: Sequence[tuple[str, str, str]]) -> None:
    plan.rooms += [
        Room(campus=campus, number=number, kind=kind, description=description)
        for number, kind, description in rows
    ]
