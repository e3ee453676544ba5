"""Demo audits: four of the smallest campuses' official audits, left in different phases —
one completed, one in reconciliation, one with its discrepancies being documented, and one
still scanning — so every page of the audit has something to show.

Unlike the demo assets (written in bulk), every step goes through the audit services, with
an inventory technician as the actor and the campus principal acknowledging, so each
phase's service request, each scan, discrepancy, move and status change, and each event
exist exactly as they would in real use. Deterministic for a seed.
"""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count, Q

from districtdesk.core.models import Campus, Person, Role, RoleAssignment, Room
from districtdesk.inventory.models import Asset, Audit, AuditDiscrepancy, AuditItem
from districtdesk.inventory.services import audit_phases, auditing, discrepancies

Phase = Audit.Phase
Kind = AuditDiscrepancy.Kind

# The phase each demo audit is left in, and how many days before "now" it started.
PLAN = (
    (Phase.COMPLETED, 30),
    (Phase.RECONCILIATION, 12),
    (Phase.DISCREPANCY, 6),
    (Phase.SCANNING, 1),
)
# What scanning leaves behind at a campus that is scanned to the end.
MISSING, MISPLACED, UNKNOWN = 4, 2, 1
# The share of its tags the audit still scanning has reached.
PARTLY_SCANNED = 0.4


def _worker() -> Person | None:
    """An inventory technician: inventory staff who also work service requests."""
    technicians = RoleAssignment.objects.filter(role=Role.TECHNICIAN).values("person")
    return (
        Person.objects.filter(
            is_active=True, role_assignments__role=Role.INVENTORY, pk__in=technicians
        )
        .order_by("pk")
        .first()
    )


def _campuses() -> list[tuple[Campus, Person]]:
    """The smallest campuses (fewest assets to scan) that have a principal to acknowledge,
    each with that principal."""
    principals = {
        campus: person
        for campus, person in RoleAssignment.objects.filter(
            role=Role.PRINCIPAL, campus__isnull=False, person__is_active=True
        )
        .order_by("pk")
        .values_list("campus_id", "person_id")
    }
    campuses = (
        Campus.objects.filter(pk__in=principals)
        .annotate(asset_count=Count("assets", filter=~Q(assets__status__in=auditing.NOT_EXPECTED)))
        .filter(asset_count__gt=MISSING + MISPLACED)
        .order_by("asset_count", "code")[: len(PLAN)]
    )
    people = Person.objects.in_bulk(principals.values())
    return [(campus, people[principals[campus.pk]]) for campus in campuses]


class _Clock:
    """The demo's own time, moving on a few minutes with each step."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def tick(self, minutes: float = 1) -> datetime:
        self.now += timedelta(minutes=minutes)
        return self.now


def _scan(audit: Audit, *, actor: Person, rng: random.Random, clock: _Clock, share: float) -> None:
    """Scan room by room. A campus scanned to the end leaves a few tags missing, scans a
    few in the wrong room, and meets one tag nobody knows."""
    items = list(
        audit.items.filter(expected=True)
        .select_related("asset", "expected_room")
        .order_by("expected_room__number", "asset__bar_tag")
    )
    rooms = list(Room.objects.filter(campus=audit.campus, is_active=True).order_by("number"))
    if share < 1:
        chosen = items[: int(len(items) * share)]
        for item in chosen:
            room = item.expected_room or rooms[0]
            auditing.record_scan(
                audit, actor=actor, tag=item.asset.bar_tag, room=room, now=clock.tick(0.2)
            )
        return
    rng.shuffle(items)
    # The first few stay Missing; the next few are scanned in the wrong room.
    misplaced = items[MISSING : MISSING + MISPLACED]
    for item in sorted(items[MISSING:], key=lambda item: item.asset.bar_tag):
        room = item.expected_room or rooms[0]
        if item in misplaced:
            room = next((other for other in rooms if other != item.expected_room), room)
        auditing.record_scan(
            audit, actor=actor, tag=item.asset.bar_tag, room=room, now=clock.tick(0.2)
        )
    for _ in range(UNKNOWN):
        auditing.record_scan(
            audit, actor=actor, tag=f"ZZ{rng.randrange(10**6):06d}", room=rooms[0], now=clock.tick()
        )


def _document(audit: Audit, *, actor: Person, clock: _Clock, share: float = 1) -> None:
    rows = list(audit.discrepancies.order_by("kind", "tag"))
    notes = {
        Kind.MISSING: "Not in its room at scanning; not seen there since winter break.",
        Kind.MISPLACED: "Found in another room of the campus during scanning.",
        Kind.FOUND: "On record as gone, but scanned here.",
        Kind.UNKNOWN: "A tag we have no record of: probably a donated device never registered.",
    }
    for discrepancy in rows[: max(1, int(len(rows) * share))]:
        discrepancies.document_discrepancy(
            discrepancy, actor=actor, notes=notes[discrepancy.kind], now=clock.tick(5)
        )


def _settle(audit: Audit, *, actor: Person, clock: _Clock, everything: bool) -> None:
    """Misplaced items move to where they were found, unknown tags go to investigation, and
    the search finds one missing item and writes off the rest (one stolen). Left part-way,
    the missing items are still being searched for."""
    rows = list(audit.discrepancies.select_related("asset", "scanned_room").order_by("kind", "tag"))
    rooms = list(Room.objects.filter(campus=audit.campus, is_active=True).order_by("number"))
    searched = 0
    for discrepancy in rows:
        when = clock.tick(30)
        if discrepancy.kind == Kind.MISPLACED:
            discrepancies.move_to_where_found(discrepancy, actor=actor, now=when)
        elif discrepancy.kind in (Kind.UNKNOWN, Kind.FOUND):
            discrepancies.investigate_discrepancy(
                discrepancy,
                actor=actor,
                reason="Find out whose device this is and register it.",
                now=when,
            )
        elif everything or searched < 1:
            searched += 1
            if searched == 1:
                discrepancies.locate_missing(
                    discrepancy, actor=actor, room=rooms[-1], note="In the book room.", now=when
                )
            else:
                stolen = searched == 2
                discrepancies.write_off_missing(
                    discrepancy,
                    actor=actor,
                    status=Asset.Status.STOLEN if stolen else Asset.Status.LOST,
                    report=f"{'PD' if stolen else 'LOSS'}-{audit.pk:03d}{searched}",
                    reason="Not found in the search of every room.",
                    now=when,
                )


def _run_audit(
    campus: Campus,
    principal: Person,
    phase: str,
    *,
    actor: Person,
    rng: random.Random,
    start: datetime,
) -> Audit:
    clock = _Clock(start)
    audit = auditing.start_audit(campus, actor=actor, now=clock.now)
    _scan(
        audit,
        actor=actor,
        rng=rng,
        clock=clock,
        share=PARTLY_SCANNED if phase == Phase.SCANNING else 1,
    )
    if phase == Phase.SCANNING:
        return audit
    clock.tick(60 * 24)
    audit_phases.end_scanning(audit, actor=actor, now=clock.now)
    if phase == Phase.DISCREPANCY:
        _document(audit, actor=actor, clock=clock, share=0.5)
        return audit
    _document(audit, actor=actor, clock=clock)
    audit_phases.submit_discrepancies(audit, actor=actor, now=clock.tick(60 * 24))
    _settle(audit, actor=actor, clock=clock, everything=phase == Phase.COMPLETED)
    if phase == Phase.RECONCILIATION:
        return audit
    audit_phases.end_reconciliation(
        audit,
        actor=actor,
        findings="Every room searched twice; one device found in the book room, the rest "
        "written off with their reports.",
        now=clock.tick(60 * 24),
    )
    audit_phases.acknowledge_audit(audit, actor=principal, now=clock.tick(60 * 24))
    audit_phases.complete_audit(audit, actor=actor, now=clock.tick(60))
    return audit


@transaction.atomic
def load_demo_audits(*, seed: int, now: datetime) -> dict[str, int]:
    """Four campuses' audits, one in each of the phases in PLAN; the count by phase."""
    actor = _worker()
    if actor is None or AuditItem.objects.exists():
        return {}
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    by_phase: dict[str, int] = {}
    for (campus, principal), (phase, days_ago) in zip(_campuses(), PLAN, strict=False):
        audit = _run_audit(
            campus, principal, phase, actor=actor, rng=rng, start=now - timedelta(days=days_ago)
        )
        audit.refresh_from_db(fields=["phase"])
        by_phase[audit.phase] = by_phase.get(audit.phase, 0) + 1
    return by_phase
