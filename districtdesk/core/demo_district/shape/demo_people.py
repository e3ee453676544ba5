"""The demo cast: the fixed people behind the demo accounts."""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoPersonSpec:
    first_name: str
    last_name: str
    title: str


# Fixed names, so the README can introduce the cast whatever the seed. Where each
# one sits in the district is decided by the planning steps (..planning).
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
