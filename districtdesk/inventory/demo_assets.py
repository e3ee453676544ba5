"""Demo assets: a district's worth of devices (about 20,000 for the standard demo district),
spread over every campus's rooms in a realistic mix of types, statuses, funding and
assignments, each with its first location and its history. Deterministic for a seed.

Demo data is written in bulk (a real registration goes through the services one asset at a
time); the rows are the same as the services write: an asset, its delivery move, and its
events, plus a later move or status change for some.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from districtdesk.activity.models import Event
from districtdesk.core.models import Campus, Person, Role, Room
from districtdesk.inventory.history import asset_event
from districtdesk.inventory.models import Asset, AssetModel, AssetMove, AssetType, Manufacturer
from districtdesk.inventory.models.assets import place
from districtdesk.inventory.reference_data import install_asset_types

BATCH = 2000
Status = Asset.Status


@dataclass(frozen=True)
class DemoModel:
    type_code: str
    maker: str
    model_number: str
    name: str
    cost: str
    weight: int
    for_students: bool = False
    for_staff: bool = False


CATALOGUE = [
    DemoModel("chromebook", "Acer", "C733", "Chromebook 311", "249.00", 40, for_students=True),
    DemoModel("chromebook", "Lenovo", "82UY", "100e Chromebook Gen 4", "279.00", 18, True),
    DemoModel("laptop", "Dell", "LAT3540", "Latitude 3540", "899.00", 8, for_staff=True),
    DemoModel("computer", "HP", "PD400G9", "ProDesk 400 G9", "749.00", 7),
    DemoModel("tablet", "Apple", "A2602", "iPad (9th generation)", "329.00", 5, True),
    DemoModel("monitor", "Dell", "P2422H", "P2422H 24-inch monitor", "189.00", 5),
    DemoModel("projector", "Epson", "V11H916020", "PowerLite 1781W", "689.00", 3),
    DemoModel("interactive-panel", "Promethean", "AP9-B75", "ActivPanel 9 75-inch", "3499.00", 3),
    DemoModel("document-camera", "IPEVO", "V4K", "V4K document camera", "99.00", 2),
    DemoModel("phone", "Cisco", "CP-8841", "IP Phone 8841", "215.00", 3, for_staff=True),
    DemoModel("printer", "HP", "M404N", "LaserJet Pro M404n", "299.00", 2),
    DemoModel("scanner", "Fujitsu", "FI-8170", "fi-8170", "995.00", 1),
    DemoModel("network-equipment", "Cisco", "C9200-48P", "Catalyst 9200 48-port", "4100.00", 1),
    DemoModel("cash-register", "Toshiba", "TCX-300", "TCx 300 point of sale", "1450.00", 1),
    DemoModel("hand-held-radio", "Motorola", "CP200D", "CP200d radio", "389.00", 1),
]

# (status, weight, reason, report): the mix a year into service looks like.
STATUS_MIX = [
    (Status.IN_USE, 820, "", ""),
    (Status.IN_STORAGE, 70, "", ""),
    (Status.LOANER, 25, "", ""),
    (Status.IN_REPAIR, 30, "Cracked screen reported by the campus technician", ""),
    (Status.PENDING_PICKUP, 20, "Obsolete: scheduled for the next PUD run", ""),
    (Status.STOLEN, 5, "Taken from a classroom cart", "PD-2026-{n:04d}"),
    (Status.LOST, 8, "Not returned at the end of the school year", "LOSS-{n:04d}"),
    (Status.DISPOSED, 22, "End of life: recycled by the district's e-waste vendor", ""),
]
BUDGET_CODES = ["199-11-6396-00-001", "199-13-6399-00-999", "211-11-6398-00-030"]


def _catalogue() -> list[tuple[DemoModel, AssetModel]]:
    install_asset_types(AssetType)  # a no-op unless the shipped types were flushed
    types = {asset_type.code: asset_type for asset_type in AssetType.objects.all()}
    pairs = []
    for demo in CATALOGUE:
        maker, _created = Manufacturer.objects.get_or_create(name=demo.maker)
        model, _created = AssetModel.objects.get_or_create(
            manufacturer=maker,
            model_number=demo.model_number,
            defaults={"name": demo.name, "asset_type": types[demo.type_code]},
        )
        pairs.append((demo, model))
    return pairs


def _moment(rng: random.Random, day: date, now: datetime) -> datetime:
    at = datetime.combine(day, time(rng.randint(7, 15), rng.choice((0, 15, 30, 45))))
    return min(timezone.make_aware(at), now - timedelta(hours=1))


@transaction.atomic
def load_demo_assets(*, count: int, seed: int, now: datetime) -> dict[str, int]:
    """Create ``count`` assets over the district's campuses; returns the count per status."""
    rng = random.Random(seed)  # noqa: S311 - not for secrets
    catalogue = _catalogue()
    weights = [demo.weight for demo, _model in catalogue]
    rooms: dict[int, list[Room]] = {}
    for room in Room.objects.filter(is_active=True).order_by("pk"):
        rooms.setdefault(room.campus_id, []).append(room)
    campuses = [campus for campus in Campus.objects.order_by("pk") if campus.pk in rooms]
    campus_weights = [len(rooms[campus.pk]) for campus in campuses]
    staff = list(Person.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True))
    clerk = Person.objects.filter(role_assignments__role=Role.INVENTORY).order_by("pk").first()
    first_tag = 1_000_000 + Asset.objects.count()  # seven-digit tags, as many districts use
    statuses = [status for status, *_rest in STATUS_MIX]
    status_weights = [weight for _status, weight, *_rest in STATUS_MIX]
    serials: set[tuple[str, str]] = set()
    assets: list[Asset] = []
    plans: list[tuple[Room, datetime | None]] = []
    for index in range(count):
        demo, model = rng.choices(catalogue, weights)[0]
        campus = rng.choices(campuses, campus_weights)[0]
        purchased = (now - timedelta(days=rng.randint(30, 5 * 365))).date()
        serial = f"{demo.maker[:2].upper()}{rng.getrandbits(40):010X}"
        while (demo.maker, serial) in serials:
            serial = f"{demo.maker[:2].upper()}{rng.getrandbits(40):010X}"
        serials.add((demo.maker, serial))
        status, _weight, reason, report = STATUS_MIX[
            statuses.index(rng.choices(statuses, status_weights)[0])
        ]
        student = ""
        assigned = None
        if demo.for_students and rng.random() < 0.45:
            student = f"S{rng.randint(100000, 999999)}"
        elif (demo.for_staff or demo.type_code == "laptop") and staff:
            assigned = rng.choice(staff)
        bond = rng.random() < 0.6
        registered = _moment(rng, purchased + timedelta(days=rng.randint(3, 20)), now)
        # Where it was delivered, and whether it has moved rooms since.
        campus_rooms = rooms[campus.pk]
        delivered_to = rng.choice(campus_rooms)
        later = registered + (now - registered) * rng.uniform(0.3, 0.9)
        moved = len(campus_rooms) > 1 and rng.random() < 0.06
        room = rng.choice([r for r in campus_rooms if r != delivered_to]) if moved else delivered_to
        status_changed = registered if status == Status.IN_USE else later + timedelta(minutes=5)
        plans.append((delivered_to, later if moved else None))
        assets.append(
            Asset(
                bar_tag=str(first_tag + index),
                serial_number=serial,
                asset_model=model,
                manufacturer_id=model.manufacturer_id,
                campus=campus,
                room=room,
                assigned_to_id=assigned,
                student_id=student,
                funding=Asset.Funding.BOND if bond else Asset.Funding.NON_BOND,
                budget_code="BOND-2022-TECH" if bond else rng.choice(BUDGET_CODES),
                purchase_order=f"PO-{purchased.year}-{rng.randint(1000, 9999)}",
                cost=Decimal(demo.cost),
                purchase_date=purchased,
                warranty_end=purchased + timedelta(days=365 * rng.choice((1, 3, 4))),
                status=status,
                status_reason=reason,
                status_report=report.format(n=index) if report else "",
                status_changed_at=status_changed,
                is_donated=rng.random() < 0.01,
                notes="",
                registered_at=registered,
            )
        )
    Asset.objects.bulk_create(assets, batch_size=BATCH)
    _write_history(assets, plans, clerk)
    counts: dict[str, int] = {}
    for asset in assets:
        counts[asset.status] = counts.get(asset.status, 0) + 1
    return counts


def _write_history(
    assets: list[Asset], plans: list[tuple[Room, datetime | None]], clerk: Person | None
) -> None:
    """Each asset's delivery and registration; the later room move of some, and the status
    change behind every status other than in use."""
    moves, events = [], []
    for asset, (delivered_to, moved_at) in zip(assets, plans, strict=True):
        moves.append(
            AssetMove(
                asset=asset,
                kind=AssetMove.Kind.NEW_DELIVERY,
                to_campus=asset.campus,
                to_room=delivered_to,
                dropped_off_at=asset.registered_at,
                reason="registered",
                recorded_at=asset.registered_at,
                recorded_by=clerk,
            )
        )
        events.append(
            asset_event(
                asset,
                actor=clerk,
                code="asset.registered",
                occurred_at=asset.registered_at,
                bar_tag=asset.bar_tag,
                campus=asset.campus.code,
                room=delivered_to.number,
            )
        )
        if moved_at is not None:
            move = AssetMove(
                asset=asset,
                kind=AssetMove.Kind.EXISTING_MOVE,
                from_campus=asset.campus,
                from_room=delivered_to,
                to_campus=asset.campus,
                to_room=asset.room,
                picked_up_at=moved_at - timedelta(hours=2),
                dropped_off_at=moved_at - timedelta(hours=1),
                reason="Classroom reassigned for the new semester",
                recorded_at=moved_at,
                recorded_by=clerk,
            )
            moves.append(move)
            events.append(
                asset_event(
                    asset,
                    actor=clerk,
                    code="asset.moved",
                    occurred_at=moved_at,
                    kind=move.kind,
                    from_location=place(asset.campus, delivered_to),
                    to_location=place(asset.campus, asset.room),
                    reason=move.reason,
                )
            )
        if asset.status != Status.IN_USE:
            events.append(
                asset_event(
                    asset,
                    actor=clerk,
                    code="asset.status_changed",
                    occurred_at=asset.status_changed_at,
                    before=Status.IN_USE,
                    after=asset.status,
                    reason=asset.status_reason,
                    report=asset.status_report,
                )
            )
    AssetMove.objects.bulk_create(moves, batch_size=BATCH)
    Event.objects.bulk_create(events, batch_size=BATCH)
