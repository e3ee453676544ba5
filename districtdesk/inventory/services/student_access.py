"""The read log of student-linked data (FERPA 34 CFR 99.32): who was shown which student's
device, when, and where (page, list, API or export).

A read is recorded only when the reader is actually shown the student ID
(`policies.sees_students`); masked roles see "A student (hidden)" and leave no row. Each
request records each asset once, in one bulk insert, however many rows it shows.
"""

from collections.abc import Iterable
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from districtdesk.core.models import Person
from districtdesk.inventory import policies
from districtdesk.inventory.models import Asset, StudentDataAccess

Channel = StudentDataAccess.Channel


def record_student_reads(
    shown: Iterable[tuple[int, str]],
    *,
    actor: Person,
    channel: str,
    now: datetime | None = None,
) -> list[StudentDataAccess]:
    """One read-log row per asset shown with its student ID. `shown` holds
    (asset id, student ID) pairs; assets without a student are skipped, and an asset shown
    twice in one request counts once."""
    if not policies.sees_students(actor):
        return []
    now = now or timezone.now()
    reads: dict[int, str] = {}
    for asset_id, student_id in shown:
        if student_id:
            reads.setdefault(asset_id, student_id)
    if not reads:
        return []
    return StudentDataAccess.objects.bulk_create(
        StudentDataAccess(
            accessed_at=now, actor=actor, channel=channel, asset_id=asset_id, student_id=student
        )
        for asset_id, student in reads.items()
    )


def record_asset_reads(
    assets: Iterable[Asset], *, actor: Person, channel: str, now: datetime | None = None
) -> list[StudentDataAccess]:
    """The assets a page or an API answer shows, as model objects already loaded."""
    return record_student_reads(
        ((asset.pk, asset.student_id) for asset in assets), actor=actor, channel=channel, now=now
    )


def record_export_reads(
    assets: QuerySet[Asset], *, actor: Person, channel: str, now: datetime | None = None
) -> list[StudentDataAccess]:
    """An export's rows, read as (id, student ID) pairs of the assets with a student: one
    query and one bulk insert, recorded before the file is written (a download cut short
    is still counted as read)."""
    if not policies.sees_students(actor):
        return []
    shown = assets.exclude(student_id="").order_by().values_list("pk", "student_id")
    return record_student_reads(
        shown.iterator(chunk_size=2000), actor=actor, channel=channel, now=now
    )
