"""The inventory in numbers (seed 003's "NDLP and device breakdowns"): assets by campus,
type, model, status and funding, warranties ending soon, and the campus audits under way.

Every figure is a GROUP BY over the assets the viewer may see (inventory.policies), so a
district of 150,000 assets costs the same handful of queries as a demo's hundred.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from districtdesk.core.models import Person
from districtdesk.inventory import selectors as inventory_selectors
from districtdesk.inventory.models import Asset, Audit
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


def _status_counts() -> dict:
    return {status: Count("pk", filter=Q(status=status)) for status in STATUSES}


def _status_rows(rows, labels) -> list[StatusRow]:
    return [StatusRow(labels(row), {status: row[status] for status in STATUSES}) for row in rows]


def by_campus(viewer: Person, scope: AssetScope) -> list[StatusRow]:
    rows = (
        assets_in_view(viewer, scope)
        .values("campus__code", "campus__name")
        .annotate(**_status_counts())
        .order_by("campus__code")
    )
    return _status_rows(rows, lambda row: (f"{row['campus__code']} {row['campus__name']}",))


def by_type(viewer: Person, scope: AssetScope) -> list[StatusRow]:
    rows = (
        assets_in_view(viewer, scope)
        .values("asset_model__asset_type__name")
        .annotate(**_status_counts())
        .order_by("asset_model__asset_type__name")
    )
    return _status_rows(rows, lambda row: (row["asset_model__asset_type__name"],))


def by_model(viewer: Person, scope: AssetScope) -> list[StatusRow]:
    rows = (
        assets_in_view(viewer, scope)
        .values(
            "asset_model_id",
            "asset_model__asset_type__name",
            "asset_model__manufacturer__name",
            "asset_model__model_number",
            "asset_model__name",
        )
        .annotate(**_status_counts())
        .order_by(
            "asset_model__asset_type__name",
            "asset_model__manufacturer__name",
            "asset_model__model_number",
        )
    )
    return _status_rows(
        rows,
        lambda row: (
            row["asset_model__asset_type__name"],
            " ".join(
                part
                for part in (
                    row["asset_model__manufacturer__name"],
                    row["asset_model__name"] or row["asset_model__model_number"],
                )
                if part
            ),
        ),
    )


@dataclass(frozen=True)
class FundingRow:
    funding: str
    budget_code: str
    assets: int
    held: int
    cost: float


def by_funding(viewer: Person, scope: AssetScope) -> list[FundingRow]:
    """Bond, non-bond and unrecorded funding, each by budget code: the assets, those the
    district still holds, and what they cost (where a cost is recorded)."""
    rows = (
        assets_in_view(viewer, scope)
        .values("funding", "budget_code")
        .annotate(assets=Count("pk"), held=Count("pk", filter=Q(status__in=HELD)), cost=Sum("cost"))
        .order_by("funding", "budget_code")
    )
    return [
        FundingRow(
            row["funding"],
            row["budget_code"],
            row["assets"],
            row["held"],
            round(float(row["cost"] or 0), 2),
        )
        for row in rows
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
