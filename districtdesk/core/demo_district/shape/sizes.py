"""Demo district sizes: how many schools of each level, which areas they are
dealt into, the staff target and how departments and teams scale."""

from dataclasses import dataclass


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
