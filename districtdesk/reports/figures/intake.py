"""How requests arrive: by channel (portal, email, phone, API) per hour of the day, the
hour read on the district's wall clock."""

from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractHour

from districtdesk.core.models import Person
from districtdesk.reports.figures.scope import requests_in_view
from districtdesk.reports.filters import Filters, district_zone
from districtdesk.service_requests.models import ServiceRequest

CHANNELS = ServiceRequest.Channel.values


@dataclass(frozen=True)
class HourIntake:
    hour: int
    by_channel: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_channel.values())


def intake_by_hour(viewer: Person, filters: Filters) -> list[HourIntake]:
    """All 24 hours, each with every channel (zeros included), in one query."""
    rows = (
        requests_in_view(viewer, filters)
        .annotate(hour=ExtractHour("submitted_at", tzinfo=district_zone()))
        .values("hour", "channel")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = {(row["hour"], row["channel"]): row["count"] for row in rows}
    return [
        HourIntake(hour, {channel: counts.get((hour, channel), 0) for channel in CHANNELS})
        for hour in range(24)
    ]
