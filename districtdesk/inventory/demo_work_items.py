"""Demo inventory work: at a few campuses that are not being audited, a handful of work
items left in every state — requested, picked up, delivered, done and cancelled — so the
work list, an item's page and the API have something in each.

Every step goes through the work-item services: a teacher of the campus asks (the inventory
team asks for new equipment), a technician of the campus's team picks up, and an inventory
technician records drop-offs and does the one-step work, so each service request, move,
status change and event exists exactly as in real use. Deterministic for a seed.
"""

import random
from datetime import datetime, timedelta

from django.db import transaction

from districtdesk.core.models import Campus, Person, Role, Room, Team
from districtdesk.inventory.demo_audits import _worker
from districtdesk.inventory.models import Asset, Audit, InventoryWorkItem, WorkItemAsset
from districtdesk.inventory.services import movement, work_items
from districtdesk.inventory.services.work_items import WorkRequest

Kind = InventoryWorkItem.Kind
Status = InventoryWorkItem.Status
CAMPUSES = 3
# Who is not a teacher asking for work: the people who do it, and the people who run it.
STAFF_ROLES = (
    Role.TECHNICIAN,
    Role.TEAM_LEAD,
    Role.INVENTORY,
    Role.SYSTEM_ADMIN,
    Role.DIRECTOR,
    Role.SUPERINTENDENT,
    Role.CCC_ANALYST,
)


def _warehouse(place: "_Place") -> tuple[Campus, Room | None]:
    """Where obsolete devices go: a storage room at a district facility (the warehouse),
    or the campus's first room where the district has none."""
    storage = (
        Room.objects.filter(
            kind=Room.Kind.STORAGE,
            is_active=True,
            campus__kind__in=(Campus.Kind.OTHER, Campus.Kind.ADMIN),
        )
        .select_related("campus")
        .order_by("campus__code", "number")
        .first()
    )
    return (storage.campus, storage) if storage else (place.campus, place.rooms[0])


class _Place:
    """One campus: its teacher, its technician, and assets not yet used by the demo."""

    def __init__(self, campus: Campus, teacher: Person, technician: Person, rng: random.Random):
        self.campus, self.teacher, self.technician = campus, teacher, technician
        taken = WorkItemAsset.objects.values("asset_id")
        assets = list(
            Asset.objects.filter(campus=campus, status=Asset.Status.IN_USE)
            .exclude(pk__in=taken)
            .select_related("campus", "room")
            .order_by("bar_tag")[:60]
        )
        rng.shuffle(assets)
        self.assets = assets
        self.rooms = list(Room.objects.filter(campus=campus, is_active=True).order_by("number"))

    def take(self, count: int = 1) -> list[Asset]:
        chosen, self.assets = self.assets[:count], self.assets[count:]
        return chosen

    def other_room(self, *assets: Asset) -> Room | None:
        """A room none of the assets is in (the campus alone if every room holds one)."""
        held = {asset.room_id for asset in assets}
        return next((room for room in self.rooms if room.pk not in held), None)


def _places(worker: Person, rng: random.Random) -> list[_Place]:
    """Campuses with a teacher and a campus technician, not audited, most assets first."""
    audited = Audit.objects.values("campus_id")
    places = []
    for campus in Campus.objects.filter(is_active=True).exclude(pk__in=audited).order_by("code"):
        teacher = (
            Person.objects.filter(home_campus=campus, is_active=True)
            .exclude(role_assignments__role__in=STAFF_ROLES)
            .order_by("pk")
            .first()
        )
        teams = Team.campuses.through.objects.filter(campus=campus).values("team_id")
        technician = (
            Person.objects.filter(
                is_active=True,
                role_assignments__role=Role.TECHNICIAN,
                team_memberships__team_id__in=teams,
            )
            .order_by("pk")
            .first()
        )
        if teacher is None:
            continue
        place = _Place(campus, teacher, technician or worker, rng)
        if len(place.assets) >= 12 and len(place.rooms) >= 2:
            places.append(place)
        if len(places) == CAMPUSES:
            break
    return places


def _file(
    place: _Place, kind: str, assets: list[Asset], when: datetime, **fields
) -> InventoryWorkItem:
    actor = fields.pop("actor", place.teacher)
    return work_items.file_work_item(
        WorkRequest(kind=kind, assets=assets, **fields), actor=actor, now=when
    )


def _play(place: _Place, *, worker: Person, start: datetime) -> list[InventoryWorkItem]:
    """One campus's work, from the oldest (done) to the newest (just asked for)."""
    made: list[InventoryWorkItem] = []
    hour = timedelta(hours=1)

    # Delivered: a cart moved to another room.
    cart = place.take(3)
    to = place.other_room(*cart)
    t = start
    item = _file(
        place,
        Kind.EXISTING_MOVE,
        cart,
        t,
        reason="Cart for the library.",
        to_campus=place.campus,
        to_room=to,
    )
    item = work_items.pick_up(item, actor=place.technician, now=t + 20 * hour)
    made.append(
        work_items.drop_off(item, actor=worker, dropped_off_by=place.technician, now=t + 21 * hour)
    )

    # Delivered: obsolete devices taken away and disposed of.
    t = start + 2 * hour
    old = place.take(2)
    item = _file(place, Kind.OBSOLETE_PICKUP, old, t, reason="Projectors replaced by panels.")
    item = work_items.pick_up(item, actor=place.technician, now=t + 26 * hour)
    to_campus, to_room = _warehouse(place)
    made.append(
        work_items.drop_off(
            item, actor=worker, to_campus=to_campus, to_room=to_room, now=t + 27 * hour
        )
    )

    # Done: a tag request, a location correction and a damage report.
    t = start + 4 * hour
    [tagged] = place.take()
    item = _file(place, Kind.TAG_REQUEST, [tagged], t, reason="The tag has worn off.")
    made.append(
        work_items.complete(item, actor=worker, new_tag=f"R{tagged.bar_tag}"[:20], now=t + 8 * hour)
    )
    [misplaced] = place.take()
    item = _file(
        place,
        Kind.LOCATION_CORRECTION,
        [misplaced],
        t + hour,
        reason="It has been in this room all year.",
        to_campus=place.campus,
        to_room=place.other_room(misplaced),
    )
    made.append(work_items.complete(item, actor=worker, now=t + 9 * hour))
    [cracked] = place.take()
    item = _file(
        place,
        Kind.DAMAGE_LOSS,
        [cracked],
        t + 2 * hour,
        reason="Screen cracked when the cart tipped.",
        reported_status=Asset.Status.IN_REPAIR,
    )
    made.append(
        work_items.complete(
            item, actor=worker, report_reference="DMG-" + cracked.bar_tag[-4:], now=t + 10 * hour
        )
    )

    # Cancelled: a move the campus no longer needs.
    t = start + 30 * hour
    [spare] = place.take()
    item = _file(
        place,
        Kind.EXISTING_MOVE,
        [spare],
        t,
        reason="Room swap.",
        to_campus=place.campus,
        to_room=place.other_room(spare),
    )
    made.append(
        work_items.cancel(
            item, actor=place.teacher, reason="The room swap is off.", now=t + 2 * hour
        )
    )

    # Picked up, not yet dropped off.
    t = start + 48 * hour
    moving = place.take(2)
    item = _file(
        place,
        Kind.EXISTING_MOVE,
        moving,
        t,
        reason="Teacher moved rooms.",
        to_campus=place.campus,
        to_room=place.other_room(*moving),
    )
    made.append(work_items.pick_up(item, actor=place.technician, now=t + 3 * hour))

    # Requested: a lost report and a tag request, waiting for the team.
    t = start + 60 * hour
    [lost] = place.take()
    made.append(
        _file(
            place,
            Kind.DAMAGE_LOSS,
            [lost],
            t,
            reason="Not returned after the field trip.",
            reported_status=Asset.Status.LOST,
            report_reference="LOSS-" + lost.bar_tag[-4:],
        )
    )
    made.append(_file(place, Kind.TAG_REQUEST, place.take(), t + hour, reason="No tag on it."))
    return made


def _new_equipment(place: _Place, *, worker: Person, start: datetime) -> list[InventoryWorkItem]:
    """New equipment in storage where it was received, delivered to its first room."""
    fresh = [asset for asset in place.assets if movement.is_new_equipment(asset)][:2]
    if not fresh:
        stored = place.take(2)
        for asset in stored:
            movement.change_asset_status(
                asset, actor=worker, status=Asset.Status.IN_STORAGE, reason="Received", now=start
            )
            asset.refresh_from_db()
        fresh = [asset for asset in stored if movement.is_new_equipment(asset)]
    if not fresh:
        return []
    for asset in fresh:
        if asset in place.assets:
            place.assets.remove(asset)
    item = _file(
        place,
        Kind.NEW_MOVE,
        fresh,
        start + timedelta(minutes=5),
        actor=worker,
        reason="Purchase order delivery to its classroom.",
        to_campus=place.campus,
        to_room=place.other_room(*fresh),
    )
    item = work_items.pick_up(item, actor=worker, now=start + timedelta(hours=18))
    return [work_items.drop_off(item, actor=worker, now=start + timedelta(hours=19))]


@transaction.atomic
def load_demo_work_items(*, seed: int, now: datetime) -> dict[str, int]:
    """A few campuses' inventory work, in every state; the count by status."""
    worker = _worker()
    if worker is None or InventoryWorkItem.objects.exists():
        return {}
    rng = random.Random(seed)  # noqa: S311 (demo data, not secrets)
    made: list[InventoryWorkItem] = []
    for days_ago, place in zip((9, 6, 4), _places(worker, rng), strict=False):
        start = now - timedelta(days=days_ago)
        made += _play(place, worker=worker, start=start)
        if len(made) <= 12:
            made += _new_equipment(place, worker=worker, start=start - timedelta(days=1))
    by_status: dict[str, int] = {}
    for item in made:
        by_status[item.status] = by_status.get(item.status, 0) + 1
    return by_status
