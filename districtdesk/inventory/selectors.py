"""Reads: the assets and moves a person may see, with what the pages and the API show of
each already joined, so a page of any length costs the same few queries."""

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from districtdesk.core.models import Person, Room
from districtdesk.inventory import policies
from districtdesk.inventory.models import (
    Asset,
    AssetModel,
    AssetMove,
    Audit,
    AuditDiscrepancy,
    AuditItem,
    AuditPhase,
    AuditScan,
)
from districtdesk.inventory.tags import normalise_tag
from districtdesk.service_requests.models import Target

LIST_RELATED = ("campus", "room", "asset_model__manufacturer", "asset_model__asset_type")
DETAIL_RELATED = (*LIST_RELATED, "assigned_to", "room__campus")
MOVE_RELATED = (
    "asset",
    "from_campus",
    "from_room",
    "to_campus",
    "to_room",
    "picked_up_by",
    "dropped_off_by",
    "recorded_by",
)


def assets_for(person: Person) -> QuerySet[Asset]:
    return policies.assets_visible_to(person).select_related(*DETAIL_RELATED)


def moves_for(person: Person) -> QuerySet[AssetMove]:
    """Moves of the assets a person may see: the move's asset is the scope."""
    scope = policies.visible_q(person, through="asset__")
    moves = AssetMove.objects.all() if scope is None else AssetMove.objects.filter(scope)
    return moves.select_related(*MOVE_RELATED)


def moves_of(asset: Asset) -> QuerySet[AssetMove]:
    return asset.moves.select_related(*MOVE_RELATED)


def search(assets: QuerySet[Asset], text: str) -> QuerySet[Asset]:
    """A tag or serial number, or the start of one (tags and serials are stored in capitals,
    so a prefix search can use their indexes). Student IDs are never searched: a match would
    tell a masked viewer whose device it is."""
    value = normalise_tag(text)
    if not value:
        return assets
    return assets.filter(Q(bar_tag__startswith=value) | Q(serial_number__startswith=value))


def rooms_by_campus() -> list[tuple[str, list[tuple[int, str]]]]:
    """Every active room, grouped by campus, for a grouped select."""
    groups: dict[str, list[tuple[int, str]]] = {}
    rooms = Room.objects.filter(is_active=True).select_related("campus")
    for room in rooms.order_by("campus__name", "number"):
        label = f"{room.campus.code} {room.number}"
        groups.setdefault(room.campus.name, []).append((room.pk, label))
    return list(groups.items())


def active_models() -> QuerySet[AssetModel]:
    return AssetModel.objects.filter(is_active=True).select_related("manufacturer", "asset_type")


def audit_progress(audit: Audit) -> dict[str, int]:
    """Expected, scanned and each state's count for one audit, in one query."""
    State = AuditItem.State
    counts = audit.items.aggregate(
        expected=Count("pk", filter=Q(expected=True)),
        **{state: Count("pk", filter=Q(state=state)) for state in State.values},
    )
    counts["scanned"] = counts["expected"] - counts[State.MISSING]
    return counts


def audits_for(person: Person) -> QuerySet[Audit]:
    """The audits a person sees, each with its progress counted in the same query."""
    State = AuditItem.State
    unknown = (
        AuditScan.objects.filter(audit=OuterRef("pk"), result=AuditScan.Result.UNKNOWN)
        .values("audit")
        .annotate(tags=Count("tag", distinct=True))
        .values("tags")
    )
    return (
        policies.audits_visible_to(person)
        .select_related("campus", "started_by")
        .annotate(
            missing_count=Count("items", filter=Q(items__state=State.MISSING)),
            verified_count=Count("items", filter=Q(items__state=State.VERIFIED)),
            found_count=Count("items", filter=Q(items__state=State.FOUND)),
            misplaced_count=Count("items", filter=Q(items__state=State.MISPLACED)),
            unknown_count=Coalesce(Subquery(unknown), 0),
        )
        .annotate(scanned_count=F("expected_count") - F("missing_count"))
    )


def audit_overview(person: Person) -> QuerySet[Audit]:
    """The audits a person sees, with progress, open discrepancies and the current phase's
    resolve-by time (its request's SLA target), for the lists and the progress chart."""
    phase_request = AuditPhase.objects.filter(audit=OuterRef("pk"), phase=OuterRef("phase"))
    resolve_by = Target.objects.filter(
        request=OuterRef("phase_request_id"), kind=Target.Kind.RESOLVE
    ).values("due_at")[:1]
    open_discrepancies = (
        AuditDiscrepancy.objects.filter(audit=OuterRef("pk"), outcome=AuditDiscrepancy.Outcome.OPEN)
        .values("audit")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        audits_for(person)
        .annotate(
            phase_request_id=Subquery(phase_request.values("request")[:1]),
            open_discrepancy_count=Coalesce(Subquery(open_discrepancies), 0),
        )
        .annotate(phase_due_at=Subquery(resolve_by))
    )


def discrepancies_of(audit: Audit) -> QuerySet[AuditDiscrepancy]:
    return audit.discrepancies.select_related(
        "asset", "expected_room", "scanned_room", "request", "move"
    )


def final_tags(audit: Audit) -> QuerySet[AuditItem]:
    """Every tag the audit looked at, with what happened to it, for the final export."""
    return audit.items.select_related(
        "asset__room", "asset__campus", "asset__asset_model", "expected_room", "scanned_room"
    ).order_by("asset__bar_tag")


LABEL_COLUMNS = (
    "bar_tag",
    "campus__code",
    "room__number",
    "asset_model__manufacturer__name",
    "asset_model__name",
    "asset_model__model_number",
)


def label_rows(assets: QuerySet[Asset], *, limit: int) -> list[tuple]:
    """What a label prints for each asset, in bar-tag order, in one query: plain values,
    not model objects, for up to `limit` assets."""
    return list(assets.order_by("bar_tag").values_list(*LABEL_COLUMNS)[:limit])
