"""How requests arrive: by channel (portal, email, phone, API) per hour of the day, the
hour read on the district's wall clock."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Sum
from django.db.models.functions import ExtractHour

from districtdesk.core.models import Person
from districtdesk.reports.figures import tallied
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
    """All 24 hours, each with every channel (zeros included): closed requests from the
    tally where it answers, the rest live."""
    requests = requests_in_view(viewer, filters)
    tally = tallied.intake_tally(viewer, filters)
    if tally is not None:
        requests = tallied.not_closed(requests)
    rows = (
        requests.annotate(hour=ExtractHour("submitted_at", tzinfo=district_zone()))
        .values("hour", "channel")
        .annotate(count=Count("pk"))
        .order_by()
    )
    counts = Counter({(row["hour"], row["channel"]): row["count"] for row in rows})
    if tally is not None:
        tallied_rows = tally.values("hour", "channel").annotate(count=Sum("requests")).order_by()
        counts.update({(row["hour"], row["channel"]): row["count"] for row in tallied_rows})
    return [
        HourIntake(hour, {channel: counts.get((hour, channel), 0) for channel in CHANNELS})
        for hour in range(24)
    ]
