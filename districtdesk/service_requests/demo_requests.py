"""Demo service requests: a few hundred requests in every state, made through the same
services as real ones (so every clock, target and timeline entry is genuine), spread over
the last three weeks of the district's calendar, with the analysts' odd-hour reviews of the
uncategorised queue, and deterministic for a seed."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from districtdesk.core.calendars import next_uncategorised_review, to_sla_calendar
from districtdesk.core.models import EnterpriseSystem, Person, Role, Room, Team, TeamMembership
from districtdesk.service_requests.clock import default_calendar
from districtdesk.service_requests.models import Category, Priority, RoutingRule, ServiceRequest
from districtdesk.service_requests.services import working
from districtdesk.service_requests.services.intake import submit_request
from districtdesk.service_requests.services.reviews import record_queue_review

# (chart priority, weight, summaries): what a district's Technology Services actually sees.
PROBLEMS: list[tuple[str, int, list[str]]] = [
    ("1.1", 1, ["Whole campus lost internet access", "Fiber cut between the MDF and the gym"]),
    (
        "1.2",
        4,
        [
            "Testing lab Chromebooks cannot reach the state testing site",
            "Cafeteria point-of-sale terminals are all offline",
            "Principal's laptop will not boot before the board meeting",
        ],
    ),
    (
        "1.3",
        14,
        [
            "Projector shows no picture",
            "Interactive panel does not respond to touch",
            "Classroom printer jams on every page",
            "Document camera not detected",
            "Student Chromebook cart will not charge",
            "Teacher laptop has no sound",
        ],
    ),
    (
        "1.4",
        9,
        [
            "Front office phone has no dial tone",
            "Attendance clerk's scanner stopped working",
            "Counselor's monitor flickers",
            "Library circulation desk PC is very slow",
        ],
    ),
    (
        "2.3",
        5,
        [
            "Teacher locked out of Google Workspace",
            "Unblock an educational video site for a lesson",
            "Substitute needs a temporary login",
        ],
    ),
    (
        "2.4",
        4,
        [
            "New hire needs Infinite Campus access",
            "Dual-campus login for an itinerant teacher",
            "Additional network drive for the front office",
        ],
    ),
    ("3.3", 3, ["Order two document cameras for grade 3", "Replacement cartridges for the office"]),
    ("3.2", 1, ["Replace the stolen library laptop"]),
    ("4.3", 3, ["Training on the new interactive panels", "Help setting up Google Classroom"]),
    (
        "5.4",
        2,
        ["Upgrade the library catalogue workstations", "Install the new bell system server"],
    ),
    ("7.0", 3, ["Bar tags needed for new monitors", "Tags show the wrong room in the inventory"]),
    ("7.6", 2, ["Move 30 Chromebooks to the portable building"]),
    ("8.9", 1, ["Loaner laptop for a teacher on a field trip"]),
]

# What becomes of each request, with weights: every state a queue or a page must show.
OUTCOMES = [
    ("new", 12),
    ("open", 12),
    ("in_progress", 26),
    ("waiting_vendor", 6),
    ("waiting_district", 5),
    ("resolved", 17),
    ("closed", 22),
]


@dataclass
class DemoStaff:
    now: datetime
    rooms_by_campus: dict[int, list[Room]]
    analysts: list[Person]
    members_by_team: dict[int, list[Person]]
    service_center: Team
    instructional_technology: Team
    inventory: Team


def _staff(now: datetime) -> DemoStaff:
    rooms: dict[int, list[Room]] = {}
    for room in Room.objects.order_by("pk"):
        rooms.setdefault(room.campus_id, []).append(room)
    members: dict[int, list[Person]] = {}
    for membership in TeamMembership.objects.select_related("person").order_by("pk"):
        members.setdefault(membership.team_id, []).append(membership.person)
    teams = {team.kind: team for team in Team.objects.order_by("pk")}
    return DemoStaff(
        now=now,
        rooms_by_campus=rooms,
        analysts=list(
            Person.objects.filter(role_assignments__role=Role.CCC_ANALYST).order_by("pk")
        ),
        members_by_team=members,
        service_center=teams[Team.Kind.SERVICE_CENTER],
        instructional_technology=teams[Team.Kind.INSTRUCTIONAL_TECHNOLOGY],
        inventory=teams[Team.Kind.INVENTORY],
    )


def _working_moment(rng: random.Random, day: datetime) -> datetime:
    """A moment in office hours on a weekday at or before ``day``."""
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day.replace(hour=rng.randint(7, 15), minute=rng.choice((5, 20, 35, 50)), second=0)


def _install_routing_rules(staff: DemoStaff) -> None:
    """Seed 003: training goes to Instructional Technology and inventory work to Inventory;
    problems with an enterprise system go to the team that owns it."""
    categories = {category.number: category for category in Category.objects.all()}
    rules = [
        RoutingRule(
            position=10,
            name="Training → Instructional Technology",
            category=categories[4],
            team=staff.instructional_technology,
        ),
        RoutingRule(
            position=20, name="Inventory → Inventory", category=categories[7], team=staff.inventory
        ),
    ]
    owned = EnterpriseSystem.objects.filter(owner_team__isnull=False).select_related("owner_team")
    for position, system in enumerate(owned.order_by("name"), start=3):
        rules.append(
            RoutingRule(
                position=position * 10,
                name=f"{system.name} → {system.owner_team.name}",
                system=system,
                team=system.owner_team,
            )
        )
    RoutingRule.objects.bulk_create(rules)


@transaction.atomic
def load_demo_requests(*, count: int, seed: int, now: datetime) -> dict[str, int]:
    """Create ``count`` requests in a realistic mix of states; returns the count per status."""
    rng = random.Random(seed)  # noqa: S311 - not for secrets
    staff = _staff(now)
    _install_routing_rules(staff)
    priorities = {
        priority.code: priority for priority in Priority.objects.select_related("category")
    }
    requesters = list(
        Person.objects.filter(is_active=True, home_campus__isnull=False)
        .exclude(role_assignments__role__in=[Role.TECHNICIAN, Role.CCC_ANALYST])
        .select_related("home_campus")
        .order_by("pk")
    )
    demo_requester = Person.objects.get(username="requester")
    weights = [weight for _, weight, _ in PROBLEMS]
    outcome_names = [name for name, _ in OUTCOMES]
    outcome_weights = [weight for _, weight in OUTCOMES]
    for index in range(count):
        code, _, summaries = rng.choices(PROBLEMS, weights)[0]
        outcome = rng.choices(outcome_names, outcome_weights)[0]
        # The demo teacher gets every tenth request, so "My requests" has something in it.
        requester = demo_requester if index % 10 == 0 else rng.choice(requesters)
        submitted = _working_moment(rng, now - timedelta(days=rng.uniform(0, 21)))
        if outcome == "new":
            submitted = max(submitted, now - timedelta(hours=rng.uniform(0.2, 5)))
        submitted = min(submitted, now - timedelta(minutes=rng.randint(5, 60)))
        _play(rng, staff, priorities[code], rng.choice(summaries), requester, outcome, submitted)
    _review_the_queue(rng, staff, now)
    counts = {}
    for status in ServiceRequest.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _review_the_queue(rng: random.Random, staff: DemoStaff, now: datetime) -> None:
    """The analysts' odd-hour reviews of the uncategorised queue over the same three weeks
    (seed 003, step 4): most made within the hour, a few missed, as a busy desk manages."""
    calendar = to_sla_calendar(default_calendar())
    if calendar is None or not staff.analysts:
        return
    due = next_uncategorised_review(calendar, now - timedelta(days=21))
    while due < now:
        if rng.random() < 0.85:
            made = due + timedelta(minutes=rng.randint(0, 40))
            if made < now:
                record_queue_review(actor=rng.choice(staff.analysts), now=made)
        due = next_uncategorised_review(calendar, due + timedelta(minutes=1))


def _play(
    rng: random.Random,
    staff: DemoStaff,
    priority: Priority,
    summary: str,
    requester: Person,
    outcome: str,
    submitted: datetime,
) -> None:
    """Submit one request and take it as far as its outcome, at plausible times (never
    later than now: a step that would fall in the future happens now)."""

    def at(moment: datetime) -> datetime:
        return min(moment, staff.now)

    analyst = rng.choice(staff.analysts)
    by_phone = rng.random() < 0.3 and outcome != "new"
    campus_rooms = staff.rooms_by_campus.get(requester.home_campus_id) or [None]
    room = rng.choice(campus_rooms) if rng.random() < 0.7 else None
    # Scheduled maintenance is planned work: a completion date a few weeks out.
    planned = None
    if priority.category.needs_planned_completion:
        planned = (submitted + timedelta(days=rng.randint(14, 45))).date()
    request = submit_request(
        actor=analyst if by_phone else requester,
        requester=requester,
        channel=ServiceRequest.Channel.PHONE if by_phone else ServiceRequest.Channel.PORTAL,
        summary=summary,
        description=f"{summary}. Reported by {requester.get_full_name()}.",
        impact=rng.choice(
            [
                "Students cannot complete today's lesson.",
                "The office cannot serve families at the front desk.",
                "Teachers are working around it for now.",
                "Needed before next week's state testing.",
            ]
        ),
        urgency=rng.choice(list(ServiceRequest.Urgency.values)),
        campus=requester.home_campus,
        room=room,
        category=priority.category if by_phone else None,
        priority=priority if by_phone else None,
        planned_completion=planned if by_phone else None,
        now=submitted,
    )
    if outcome == "new":
        return
    moment = submitted + timedelta(minutes=rng.randint(10, 110))
    if not by_phone:
        working.categorise_request(
            request,
            actor=analyst,
            category=priority.category,
            priority=priority,
            team=None if request.campus.teams.exists() else staff.service_center,
            planned_completion=planned,
            now=at(moment),
        )
    request.refresh_from_db()
    if request.team_id is None:
        working.assign_request(request, actor=analyst, team=staff.service_center, now=at(moment))
        request.refresh_from_db()
    if outcome == "open":
        return
    members = staff.members_by_team.get(request.team_id) or [analyst]
    technician = rng.choice(members)
    moment += timedelta(hours=rng.uniform(0.5, 20))
    working.acknowledge_request(request, actor=technician, now=at(moment))
    working.add_note(
        request,
        actor=technician,
        body="On site; looking into it.",
        visibility="work_note",
        now=at(moment + timedelta(minutes=5)),
    )
    if outcome == "in_progress":
        return
    if outcome.startswith("waiting"):
        waiting_on = outcome.removeprefix("waiting_")
        reason = (
            "Replacement part ordered from the vendor"
            if waiting_on == "vendor"
            else "Waiting for the principal's approval"
        )
        working.wait_on(
            request,
            actor=technician,
            waiting_on=waiting_on,
            reason=reason,
            now=at(moment + timedelta(hours=1)),
        )
        return
    moment += timedelta(hours=rng.uniform(1, 30))
    working.resolve_request(
        request,
        actor=technician,
        resolution=rng.choice(
            [
                "Replaced the cable and tested with the teacher.",
                "Reset the account and confirmed the teacher can sign in.",
                "Reimaged the device; it is back in service.",
                "Updated the firmware; the device works again.",
            ]
        ),
        now=at(moment),
    )
    if outcome == "closed":
        working.close_request(request, actor=technician, now=at(moment + timedelta(days=2)))
