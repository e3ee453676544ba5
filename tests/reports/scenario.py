"""A small district's requests with known outcomes at pinned times, made through the
working services exactly as staff make them.

Counted at NOW (Tuesday 16 February 2027, 10:00 in the district):

- met:       north, portal, 1.3, categorised, acknowledged and resolved in time;
- late:      north, email, 1.3, categorised, acknowledged and resolved late;
- emergency: north, phone, 1.1, entered by the analyst, never acknowledged: overdue;
- fresh:     north, portal, uncategorised, submitted an hour before NOW;
- forgotten: north, portal, uncategorised since 3 February: overdue to categorise;
- waiting:   north, portal, 1.3, waited on the district once, now waits on a vendor;
- south:     south, API, 2.4, January, resolved in time (no team serves south);
- moved:     north, portal, categorised 1.3 to the campus team, then moved to 1.4 and to
             the help desk: counted by its current category and team;
- training:  north, portal, 4.3 (no defined SLA): its resolve target is left out;
- reopened:  north, portal, 1.3, resolved in time, then reopened: its resolve runs again;
- night:     south, email, 23:30 on 11 February (05:30 UTC the next day): hour 23.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from districtdesk.acquisitions.services import purchasing, requesting
from districtdesk.changes.models import ChangeRequest
from districtdesk.changes.services import implementation, submission
from districtdesk.core.models import Role
from districtdesk.service_requests.models import ServiceRequest
from districtdesk.service_requests.services import reviews, working
from tests.acquisitions import builders as acquisition_builders
from tests.cast import District
from tests.changes import builders as change_builders
from tests.service_requests.builders import local, priority, submit

NOW = local(2027, 2, 16, 10, 0)
Channel = ServiceRequest.Channel
Outcome = ChangeRequest.Outcome
ChangeType = ChangeRequest.Type


@dataclass
class Scenario:
    district: District
    requests: dict[str, ServiceRequest]


# Each figure is checked twice: with the resolved requests left resolved (counted live)
# and with them closed (counted from the stored tallies, service_requests/tally.py).
SETTLINGS = ("resolved", "closed")


def settle(settling: str, district: District) -> None:
    """Close every resolved request an hour after it was resolved, when asked to."""
    if settling != "closed":
        return
    admin = district.people[Role.SYSTEM_ADMIN]
    for request in ServiceRequest.objects.filter(status=ServiceRequest.Status.RESOLVED):
        working.close_request(request, actor=admin, now=request.resolved_at + timedelta(hours=1))


def _categorise(request, district: District, code: str, when, team=None):
    chosen = priority(code)
    working.categorise_request(
        request,
        actor=district.people[Role.CCC_ANALYST],
        category=chosen.category,
        priority=chosen,
        team=team,
        now=when,
    )


def build_scenario(district: District) -> Scenario:
    people = district.people
    teacher, admin = people[Role.REQUESTER], people[Role.SYSTEM_ADMIN]
    south_teacher = people[Role.PRINCIPAL]  # any requester works; the campus is explicit
    made: dict[str, ServiceRequest] = {}

    made["met"] = r = submit(teacher, now=local(2027, 2, 1, 9, 0))
    _categorise(r, district, "1.3", local(2027, 2, 1, 9, 30))
    working.acknowledge_request(r, actor=admin, now=local(2027, 2, 1, 10, 0))
    working.resolve_request(r, actor=admin, resolution="Lamp replaced", now=local(2027, 2, 3, 9))

    made["late"] = r = submit(teacher, channel=Channel.EMAIL, now=local(2027, 2, 1, 9, 0))
    _categorise(r, district, "1.3", local(2027, 2, 2, 14, 0))
    working.acknowledge_request(r, actor=admin, now=local(2027, 2, 4, 15, 0))
    working.resolve_request(r, actor=admin, resolution="Reimaged", now=local(2027, 2, 10, 11))

    chosen = priority("1.1")
    made["emergency"] = submit(
        teacher,
        actor=people[Role.CCC_ANALYST],
        channel=Channel.PHONE,
        category=chosen.category,
        priority=chosen,
        now=local(2027, 2, 8, 8, 15),
    )

    made["fresh"] = submit(teacher, now=local(2027, 2, 16, 9, 0))
    made["forgotten"] = submit(teacher, now=local(2027, 2, 3, 12, 0))

    made["waiting"] = r = submit(teacher, now=local(2027, 2, 4, 8, 0))
    _categorise(r, district, "1.3", local(2027, 2, 4, 8, 30))
    working.acknowledge_request(r, actor=admin, now=local(2027, 2, 4, 9, 0))
    working.wait_on(
        r, actor=admin, waiting_on="district", reason="Asked the teacher", now=local(2027, 2, 4, 10)
    )
    working.resume_request(r, actor=admin, now=local(2027, 2, 5, 10, 0))
    working.wait_on(
        r, actor=admin, waiting_on="vendor", reason="Part on order", now=local(2027, 2, 9, 13, 0)
    )

    made["south"] = r = submit(
        south_teacher, channel=Channel.API, campus=district.south, now=local(2027, 1, 20, 13, 0)
    )
    _categorise(r, district, "2.4", local(2027, 1, 20, 13, 30))
    working.acknowledge_request(r, actor=admin, now=local(2027, 1, 20, 14, 0))
    working.resolve_request(r, actor=admin, resolution="Access granted", now=local(2027, 1, 22, 9))

    made["moved"] = r = submit(teacher, now=local(2027, 2, 9, 8, 0))
    _categorise(r, district, "1.3", local(2027, 2, 9, 8, 30))
    chosen = priority("1.4")
    working.recategorise_request(
        r,
        actor=admin,
        category=chosen.category,
        priority=chosen,
        reason="Administrative, not instructional",
        now=local(2027, 2, 9, 9, 0),
    )
    working.assign_request(r, actor=admin, team=district.help_desk, now=local(2027, 2, 9, 9, 30))

    made["training"] = r = submit(teacher, now=local(2027, 2, 10, 14, 0))
    _categorise(r, district, "4.3", local(2027, 2, 10, 14, 30))

    made["reopened"] = r = submit(teacher, now=local(2027, 2, 11, 8, 0))
    _categorise(r, district, "1.3", local(2027, 2, 11, 8, 10))
    working.acknowledge_request(r, actor=admin, now=local(2027, 2, 11, 8, 20))
    working.resolve_request(r, actor=admin, resolution="Restarted", now=local(2027, 2, 11, 9))
    working.reopen_request(r, actor=teacher, reason="Broke again", now=local(2027, 2, 12, 9, 0))

    made["night"] = submit(
        south_teacher, channel=Channel.EMAIL, campus=district.south, now=local(2027, 2, 11, 23, 30)
    )

    for request in made.values():
        request.refresh_from_db()
    return Scenario(district=district, requests=made)


# --- The team lead's week -------------------------------------------------------------
#
# Added on top of the scenario for the team dashboard, all on the north campus team:
# - assigned:    1.3, assigned to the technician, acknowledged: resolve runs on time;
# - overdue:     1.1 phone emergency on 15 February, assigned to the technician: overdue;
# - upgrade:     5.3 scheduled maintenance, categorised 1 February: its weekly status note
#                fell due on 8 February and was never written (late);
# - noted:       5.4 scheduled maintenance, categorised 12 February: note due 19 February;
# - help desk:   1.3 at north, moved to the help desk: not the campus team's.


def build_team_week(district: District) -> dict[str, ServiceRequest]:
    people = district.people
    teacher, admin = people[Role.REQUESTER], people[Role.SYSTEM_ADMIN]
    technician, team = people[Role.TECHNICIAN], district.campus_team
    made: dict[str, ServiceRequest] = {}

    made["assigned"] = r = submit(teacher, now=local(2027, 2, 15, 8, 0))
    _categorise(r, district, "1.3", local(2027, 2, 15, 8, 30), team=team)
    working.assign_request(r, actor=admin, team=team, assignee=technician)
    working.acknowledge_request(r, actor=technician, now=local(2027, 2, 15, 9, 0))

    chosen = priority("1.1")
    made["overdue"] = r = submit(
        teacher,
        actor=people[Role.CCC_ANALYST],
        channel=Channel.PHONE,
        category=chosen.category,
        priority=chosen,
        now=local(2027, 2, 15, 7, 0),
    )
    working.assign_request(r, actor=admin, team=team, assignee=technician)

    for key, code, day, planned in (
        ("upgrade", "5.3", local(2027, 2, 1, 9, 0), date(2027, 3, 1)),
        ("noted", "5.4", local(2027, 2, 12, 9, 0), date(2027, 4, 1)),
    ):
        made[key] = r = submit(teacher, now=day)
        chosen = priority(code)
        working.categorise_request(
            r,
            actor=people[Role.CCC_ANALYST],
            category=chosen.category,
            priority=chosen,
            team=team,
            planned_completion=planned,
            now=day + timedelta(minutes=30),
        )
        working.assign_request(r, actor=admin, team=team, assignee=technician)

    made["help desk"] = r = submit(teacher, now=local(2027, 2, 12, 8, 0))
    _categorise(r, district, "1.3", local(2027, 2, 12, 8, 30), team=team)
    working.assign_request(r, actor=admin, team=district.help_desk)

    for request in made.values():
        request.refresh_from_db()
    return made


# --- The uncategorised queue's reviews --------------------------------------------------
#
# Each with what it counts for (business hours 7:30–16:30 on weekdays; Presidents' Day,
# Monday 15 February, is a closure in the shipped calendar):
REVIEWS = (
    local(2027, 2, 8, 9, 10),  # Monday 9:00, due: done
    local(2027, 2, 8, 9, 50),  # the same hour again: counts once
    local(2027, 2, 8, 10, 30),  # an even hour: reviews no due hour
    local(2027, 2, 9, 11, 5),  # Tuesday 11:00: done
    local(2027, 2, 9, 17, 15),  # 17:00 is after hours: not due
    local(2027, 2, 15, 13, 0),  # Presidents' Day: not due
    local(2027, 2, 16, 9, 30),  # today 9:00, over by NOW: done
    local(2026, 9, 1, 15, 59),  # Tuesday 1 September 15:00: done, in the first month
)


def build_queue_reviews(district: District) -> None:
    analyst = district.people[Role.CCC_ANALYST]
    for moment in REVIEWS:
        reviews.record_queue_review(actor=analyst, now=moment)


# --- Change control ---------------------------------------------------------------------
#
# - done:      scheduled, 18 days' notice, approved, successful, reviewed (February);
# - override:  scheduled, 12 days' notice, the coordinator overrode the lead time;
# - short:     scheduled, submitted on Sunday 7 February for Saturday 13 February 20:00
#              (under a week);
# - backed:    emergency on 3 February, backed out, not yet reviewed;
# - postponed: emergency on 1 March, postponed due to failure, reviewed;
# - record:    informational, successful on 10 February, not yet reviewed;
# - draft:     never submitted: counted nowhere.


def build_changes(district: District, *, meeting: bool = True) -> dict[str, ChangeRequest]:
    """Every change above; `meeting=False` leaves out "done", whose approval needs the one
    meeting of 8 February (for building the changes a second time)."""
    people = district.people
    technician, coordinator = people[Role.TECHNICIAN], people[Role.CHANGE_COORDINATOR]
    made: dict[str, ChangeRequest] = {}

    if meeting:
        _approved_and_done(district, made)
    made["override"] = change = change_builders.submitted(
        district,
        title="Replace the library switch",
        planned_start=local(2027, 2, 14, 1),
        planned_end=local(2027, 2, 14, 3),
        systems=[],
    )
    submission.override_lead_time(change, actor=coordinator, reason="Vendor support ends.")

    made["short"] = change_builders.submitted(
        district,
        title="Patch the wireless controllers",
        planned_start=local(2027, 2, 13, 20),
        planned_end=local(2027, 2, 13, 22),
        systems=[],
        now=local(2027, 2, 7, 10),
    )

    for key, outcome, moment, reviewed in (
        ("backed", Outcome.BACKED_OUT, local(2027, 2, 3, 15), False),
        ("postponed", Outcome.POSTPONED, local(2027, 3, 1, 15), True),
    ):
        made[key] = change = change_builders.submitted(
            district,
            title=f"Emergency {key}",
            change_type=ChangeType.EMERGENCY,
            planned_start=moment,
            planned_end=moment + timedelta(hours=1),
            systems=[],
            now=moment,
        )
        implementation.complete_change(
            change, actor=technician, outcome=outcome, now=moment + timedelta(hours=1)
        )
        if reviewed:
            implementation.review_change(
                change,
                actor=technician,
                what_happened="Rolled back.",
                impact="An hour's outage.",
                now=moment + timedelta(days=1),
            )

    made["record"] = change = change_builders.submitted(
        district,
        title="Moved the print server's backups",
        change_type=ChangeType.INFORMATIONAL,
        service_request=None,
        planned_start=local(2027, 2, 10, 18),
        planned_end=local(2027, 2, 10, 19),
        systems=[],
    )
    implementation.schedule_change(change, actor=technician, now=local(2027, 2, 3, 9))
    implementation.start_change(change, actor=technician, now=local(2027, 2, 10, 18))
    implementation.complete_change(
        change, actor=technician, outcome=Outcome.SUCCESSFUL, now=local(2027, 2, 10, 19)
    )

    made["draft"] = change_builders.draft(district, title="Not yet submitted", systems=[])

    for change in made.values():
        change.refresh_from_db()
    return made


def _approved_and_done(district: District, made: dict) -> None:
    technician = district.people[Role.TECHNICIAN]
    made["done"] = change = change_builders.submitted(district)
    change = change_builders.approved(district, change)
    implementation.schedule_change(change, actor=technician, now=local(2027, 2, 9, 9))
    implementation.start_change(change, actor=technician, now=local(2027, 2, 20, 20))
    implementation.complete_change(
        change, actor=technician, outcome=Outcome.SUCCESSFUL, now=local(2027, 2, 20, 22)
    )
    implementation.review_change(
        change, actor=technician, what_happened="Done.", impact="None.", now=local(2027, 2, 22, 9)
    )


# --- Inventory --------------------------------------------------------------------------
#
# Counted at NOW (16 February 2027): north holds two Chromebooks (bond, BOND-2024; one
# warranty ends 18 February, one 18 April), a projector in storage (non-bond, GF-100,
# warranty ends 18 May: 91 days out, not counted) and a lost Chromebook whose warranty ends
# 20 February (lost: not counted); south holds a projector (no funding recorded, warranty
# ends 18 March: 30 days) and a disposed Chromebook. North's audit is under way with one of
# its three expected tags scanned.


def build_assets(district: District, *, audit: bool = True) -> dict:
    """The assets above; `audit=False` leaves out north's audit (one per campus at a time),
    for building the assets a second time."""
    from districtdesk.inventory.models import AssetType
    from districtdesk.inventory.services.auditing import record_scan, start_audit
    from districtdesk.inventory.services.movement import change_asset_status
    from tests.inventory.factories import AssetModelFactory, inventory_technician, register, room

    inventory = district.people[Role.INVENTORY]
    chromebook = AssetModelFactory(name="Chromebook 314")
    projector_type = AssetType.objects.get_or_create(
        code="projector", defaults={"name": "Projectors"}
    )[0]
    projector = AssetModelFactory(name="PowerLite", asset_type=projector_type)
    at = local(2026, 8, 3, 9)
    made = {
        "north 1": register(
            district,
            asset_model=chromebook,
            funding="bond",
            budget_code="BOND-2024",
            cost=Decimal("329.00"),
            warranty_end=date(2027, 2, 18),
            now=at,
        ),
        "north 2": register(
            district,
            asset_model=chromebook,
            funding="bond",
            budget_code="BOND-2024",
            cost=Decimal("329.00"),
            warranty_end=date(2027, 4, 18),
            now=at,
        ),
        "stored": register(
            district,
            asset_model=projector,
            status="in_storage",
            funding="non_bond",
            budget_code="GF-100",
            warranty_end=date(2027, 5, 18),
            room_number="102",
            now=at,
        ),
        "lost": register(district, asset_model=chromebook, warranty_end=date(2027, 2, 20), now=at),
        "south": register(
            district,
            campus=district.south,
            room_number="A100",
            asset_model=projector,
            warranty_end=date(2027, 3, 18),
            now=at,
        ),
        "gone": register(
            district, campus=district.south, room_number="A100", asset_model=chromebook, now=at
        ),
    }
    change_asset_status(
        made["lost"], actor=inventory, status="lost", reason="Not returned", report="L-7", now=at
    )
    change_asset_status(made["gone"], actor=inventory, status="disposed", reason="Recycled", now=at)
    if audit:
        technician = inventory_technician()
        started = start_audit(district.north, actor=technician, now=local(2027, 2, 15, 9))
        record_scan(
            started,
            actor=technician,
            tag=made["north 1"].bar_tag,
            room=room(district.north, "101"),
            now=local(2027, 2, 15, 9, 5),
        )
    for asset in made.values():
        asset.refresh_from_db()
    return made


# --- Technology requests (the Business Office) --------------------------------------------
#
# Counted at NOW (Tuesday 16 February 2027, 10:00), each moved through the services at the
# times below (all at the north campus; approvals by the teacher's supervisor):
# - two quotes:  approved 4 January, quoted twice (2 × 99.00 + 45.50 = 243.50, and 150.00),
#                funded on the dearer one, bond B-2027-410, 8 January (4 days): ordered;
# - bond:        approved 11 January, 3 × 120.00 = 360.00, bond B-2027-410, 13 January (2 days);
# - received:    approved, quoted (99.00), funded bond B-2027-410 and received on 20 January;
# - general:     approved 1 February 9:00, 1,299.99, non-bond GF-100, 2 February 21:00 (1.5 days);
# - title:       approved 3 February, 4 × 25.25 = 101.00, non-bond GF-100, 9 February (6 days);
# - last year:   funded non-bond GF-100 on 20 June 2026: the 2025–26 school year;
# - in review:   asked 15 February 9:00 (25 hours in the step: under 2 days);
# - approval:    forwarded 12 February 10:00 (4 days: 2 to 5);
# - quoting:     approved 6 February 10:00 (exactly 10 days: 10 to 30);
# - funding old: quotes 300.00 and 280.00, sent for funding 10 January (37 days: 30 or more);
# - funding new: quote 2 × 99.00, sent for funding 14 February 10:00 (exactly 2 days: 2 to 5);
# - withdrawn:   asked and withdrawn on 1 February: in no step.
# Money waiting for funding: 280.00 + 198.00 = 478.00 at the lowest quotes.


def _quote(district: District, request, lines, when):
    return purchasing.add_quote(
        request,
        actor=district.people[Role.TECHNICIAN],
        vendor="Classroom Supply Co.",
        valid_until=when.date() + timedelta(days=30),
        lines=[
            purchasing.LineInput(description=f"Item {n}", quantity=q, unit_price=Decimal(p))
            for n, (q, p) in enumerate(lines, start=1)
        ],
        now=when,
    )


def _send_for_funding(district: District, request, when):
    return purchasing.request_funding(request, actor=district.people[Role.TECHNICIAN], now=when)


def _fund(district: District, request, quote, funding: str, code: str, when):
    return purchasing.fund(
        request,
        actor=district.people[Role.BUSINESS_OFFICE],
        quote=quote,
        funding=funding,
        budget_code=code,
        purchase_order=f"PO-{request.pk}",
        now=when,
    )


def _funded_at(district: District, approved_at, lines, funding, code, funded_at, *, extra=None):
    request = acquisition_builders.ask(district, now=approved_at - timedelta(hours=2))
    acquisition_builders.approved(district, request, now=approved_at)
    quote = _quote(district, request, lines, approved_at + timedelta(hours=1))
    if extra:
        _quote(district, request, extra, approved_at + timedelta(hours=2))
    _send_for_funding(district, request, approved_at + timedelta(hours=3))
    return _fund(district, request, quote, funding, code, funded_at)


def build_technology_requests(district: District, *, received: bool = True) -> dict:
    """The requests above; `received=False` leaves out the received one (its bar tag can be
    used once), for building them a second time."""
    made = {
        "two quotes": _funded_at(
            district,
            local(2027, 1, 4, 9),
            [(2, "99.00"), (1, "45.50")],
            "bond",
            "B-2027-410",
            local(2027, 1, 8, 9),
            extra=[(1, "150.00")],
        ),
        "bond": _funded_at(
            district,
            local(2027, 1, 11, 9),
            [(3, "120.00")],
            "bond",
            "B-2027-410",
            local(2027, 1, 13, 9),
        ),
        "general": _funded_at(
            district,
            local(2027, 2, 1, 9),
            [(1, "1299.99")],
            "non_bond",
            "GF-100",
            local(2027, 2, 2, 21),
        ),
        "title": _funded_at(
            district,
            local(2027, 2, 3, 9),
            [(4, "25.25")],
            "non_bond",
            "GF-100",
            local(2027, 2, 9, 9),
        ),
        "last year": _funded_at(
            district,
            local(2026, 6, 15, 9),
            [(1, "75.00")],
            "non_bond",
            "GF-100",
            local(2026, 6, 20, 9),
        ),
    }
    if received:
        camera = acquisition_builders.standards()["camera"]
        asked = acquisition_builders.ask(district, item=camera, now=local(2027, 1, 20, 8))
        made["received"] = acquisition_builders.received(district, asked, now=local(2027, 1, 20, 9))

    made["in review"] = acquisition_builders.ask(district, now=local(2027, 2, 15, 9))
    made["approval"] = r = acquisition_builders.ask(district, now=local(2027, 2, 12, 9))
    acquisition_builders.forwarded(district, r, now=local(2027, 2, 12, 10))
    made["quoting"] = r = acquisition_builders.ask(district, now=local(2027, 2, 6, 9))
    acquisition_builders.approved(district, r, now=local(2027, 2, 6, 10))

    made["funding old"] = r = acquisition_builders.ask(district, now=local(2027, 1, 8, 9))
    acquisition_builders.approved(district, r, now=local(2027, 1, 8, 10))
    _quote(district, r, [(1, "300.00")], local(2027, 1, 9, 9))
    _quote(district, r, [(1, "280.00")], local(2027, 1, 9, 10))
    _send_for_funding(district, r, local(2027, 1, 10, 10))
    made["funding new"] = r = acquisition_builders.ask(district, now=local(2027, 2, 13, 9))
    acquisition_builders.approved(district, r, now=local(2027, 2, 13, 10))
    _quote(district, r, [(2, "99.00")], local(2027, 2, 14, 9))
    _send_for_funding(district, r, local(2027, 2, 14, 10))

    made["withdrawn"] = r = acquisition_builders.ask(district, now=local(2027, 2, 1, 8))
    requesting.withdraw(
        r, actor=district.people[Role.REQUESTER], reason="Borrowed one.", now=local(2027, 2, 1, 9)
    )

    for request in made.values():
        request.refresh_from_db()
    return made
