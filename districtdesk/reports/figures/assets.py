"""The inventory in numbers (seed 003's "NDLP and device breakdowns"): assets by campus,
type, model, status and funding, warranties ending soon, and the campus audits under way.

Every figure is a GROUP BY over the assets the viewer may see (inventory.policies), so a
district of 150,000 assets costs the same handful of queries as a demo's hundred.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from districtdesk.core.models import Campus, Person
from districtdesk.inventory import selectors as inventory_selectors
from districtdesk.inventory.models import Asset, AssetModel, Audit
from districtdesk.inventory.policies import assets_visible_to

Status = Asset.Status
STATUSES = tuple(Status.values)
# Assets still with the district: a warranty matters for these, not for one lost or gone.
HELD = (
    Status.IN_USE,
    Status.IN_STORAGE,
    Status.IN_REPAIR,
    Status.LOANER,
    Status.PENDING_PICKUP,
)
WARRANTY_HORIZON_DAYS = 90
WARRANTY_BANDS = ((0, 30), (31, 60), (61, 90))


@dataclass(frozen=True)
class AssetScope:
    campus_id: int | None = None
    asset_type_id: int | None = None
    funding: str | None = None


def assets_in_view(viewer: Person, scope: AssetScope) -> QuerySet[Asset]:
    assets = assets_visible_to(viewer)
    if scope.campus_id is not None:
        assets = assets.filter(campus_id=scope.campus_id)
    if scope.asset_type_id is not None:
        assets = assets.filter(asset_model__asset_type_id=scope.asset_type_id)
    if scope.funding is not None:
        assets = assets.filter(funding=scope.funding)
    return assets


@dataclass(frozen=True)
class StatusRow:
    labels: tuple[str, ...]
    by_status: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass(frozen=True)
class FundingRow:
    funding: str
    budget_code: str
    assets: int
    held: int
    cost: float


class AssetCounts:
    """The assets in view counted once by campus, model, funding, budget code and status:
    the four breakdowns fold these rows, so they share one pass over the assets (at
    150,000, each pass is most of a breakdown's cost) and two small queries for names."""

    def __init__(self, viewer: Person, scope: AssetScope) -> None:
        self.rows = list(
            assets_in_view(viewer, scope)
            .values_list("campus_id", "asset_model_id", "funding", "budget_code", "status")
            .annotate(count=Count("pk"), cost=Sum("cost"))
            .order_by()
        )
        campus_ids = {row[0] for row in self.rows}
        model_ids = {row[1] for row in self.rows}
        self.campuses = {
            campus.pk: campus
            for campus in Campus.objects.filter(pk__in=campus_ids).only("code", "name")
        }
        self.models = {
            model.pk: model
            for model in AssetModel.objects.filter(pk__in=model_ids).select_related(
                "asset_type", "manufacturer"
            )
        }

    def _by_status(self, key, labels, sort_key) -> list[StatusRow]:
        found: dict = defaultdict(Counter)
        for campus_id, model_id, _funding, _code, status, count, _cost in self.rows:
            found[key(campus_id, model_id)][status] += count
        return [
            StatusRow(labels(group), {status: counts[status] for status in STATUSES})
            for group, counts in sorted(found.items(), key=lambda item: sort_key(item[0]))
        ]

    def by_campus(self) -> list[StatusRow]:
        return self._by_status(
            lambda campus_id, model_id: campus_id,
            lambda campus_id: (f"{self.campuses[campus_id].code} {self.campuses[campus_id].name}",),
            lambda campus_id: self.campuses[campus_id].code,
        )

    def by_type(self) -> list[StatusRow]:
        return self._by_status(
            lambda campus_id, model_id: self.models[model_id].asset_type.name,
            lambda name: (name,),
            lambda name: name,
        )

    def by_model(self) -> list[StatusRow]:
        def sort_key(model_id: int) -> tuple:
            model = self.models[model_id]
            return (model.asset_type.name, model.manufacturer.name, model.model_number, model_id)

        def labels(model_id: int) -> tuple[str, str]:
            model = self.models[model_id]
            named = " ".join(
                part for part in (model.manufacturer.name, model.name or model.model_number) if part
            )
            return (model.asset_type.name, named)

        return self._by_status(lambda campus_id, model_id: model_id, labels, sort_key)

    def by_funding(self) -> list[FundingRow]:
        """Bond, non-bond and unrecorded funding, each by budget code: the assets, those
        the district still holds, and what they cost (where a cost is recorded)."""
        found: dict = defaultdict(lambda: [0, 0, Decimal(0)])
        for _campus_id, _model_id, funding, code, status, count, cost in self.rows:
            row = found[(funding, code)]
            row[0] += count
            row[1] += count if status in HELD else 0
            row[2] += cost or 0
        return [
            FundingRow(funding, code, assets, held, round(float(cost), 2))
            for (funding, code), (assets, held, cost) in sorted(found.items())
        ]


@dataclass(frozen=True)
class WarrantyRow:
    campus: str
    by_band: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.by_band)


def warranties_ending(viewer: Person, scope: AssetScope, *, now: datetime) -> list[WarrantyRow]:
    """Assets the district still holds whose warranty ends today or within the next 90
    days, per campus and 30-day band (days from today), in one query."""
    today = timezone.localdate(now)
    bands = {
        f"band_{position}": Count(
            "pk",
            filter=Q(
                warranty_end__gte=today + timedelta(days=first),
                warranty_end__lte=today + timedelta(days=last),
            ),
        )
        for position, (first, last) in enumerate(WARRANTY_BANDS)
    }
    rows = (
        assets_in_view(viewer, scope)
        .filter(
            status__in=HELD,
            warranty_end__gte=today,
            warranty_end__lte=today + timedelta(days=WARRANTY_HORIZON_DAYS),
        )
        .values("campus__code", "campus__name")
        .annotate(**bands)
        .order_by("campus__code")
    )
    return [
        WarrantyRow(
            f"{row['campus__code']} {row['campus__name']}",
            tuple(row[f"band_{position}"] for position in range(len(WARRANTY_BANDS))),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class AuditRow:
    campus: str
    phase: str
    started: date
    expected: int
    scanned: int
    open_discrepancies: int

    @property
    def to_scan(self) -> int:
        return self.expected - self.scanned

    @property
    def scanned_percent(self) -> float | None:
        return round(100 * self.scanned / self.expected, 1) if self.expected else None


def audits_under_way(viewer: Person, scope: AssetScope) -> list[AuditRow]:
    """Each campus audit not yet completed (one per campus at most), with its progress
    counted by the inventory app's own overview query."""
    audits = inventory_selectors.audit_overview(viewer).exclude(phase=Audit.Phase.COMPLETED)
    if scope.campus_id is not None:
        audits = audits.filter(campus_id=scope.campus_id)
    return [
        AuditRow(
            campus=f"{audit.campus.code} {audit.campus.name}",
            phase=str(audit.get_phase_display()),
            started=timezone.localdate(audit.started_at),
            expected=audit.expected_count,
            scanned=audit.scanned_count,
            open_discrepancies=audit.open_discrepancy_count,
        )
        for audit in audits.order_by("campus__code")
    ]
