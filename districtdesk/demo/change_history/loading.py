"""Writing the drawn history in batched inserts, in one transaction."""

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from django.core.management.color import no_style
from django.db import connection, transaction

from districtdesk.activity.models import Event
from districtdesk.changes.models import AgendaItem, ChangeRequest, ChangeReview, Meeting, Vote
from districtdesk.demo.change_history.drawing import Drawing
from districtdesk.demo.change_history.plan import build_plan

BATCH = 2_000


def load_change_history(
    *,
    count: int,
    seed: int,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
    say: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Add ``count`` changes of history, with the weekly meetings that decided and reviewed
    them, ending where the demo's own three months begin; returns how many in each status.

    Every scheduled or emergency change answers a request submitted before it: load the
    request history first. ``progress`` hears (changes written, count) after each batch;
    ``say`` each later stage."""
    report = progress or (lambda done, total: None)
    stage = say or (lambda line: None)
    with transaction.atomic():
        drawn = Drawing(build_plan(now=now, seed=seed, count=count)).draw()
        for start in range(0, count, BATCH):
            # Ids are drawn in the order the changes were written; the number is the id.
            ChangeRequest.objects.bulk_create(drawn.changes[start : start + BATCH])
            report(min(start + BATCH, count), count)
        stage("Systems, campuses, reviews and meetings")
        ChangeRequest.systems.through.objects.bulk_create(drawn.system_links, batch_size=BATCH)
        ChangeRequest.campuses.through.objects.bulk_create(drawn.campus_links, batch_size=BATCH)
        ChangeReview.objects.bulk_create(drawn.reviews, batch_size=BATCH)
        Meeting.objects.bulk_create(drawn.meetings, batch_size=BATCH)
        Meeting.attendees.through.objects.bulk_create(drawn.attendance, batch_size=BATCH)
        AgendaItem.objects.bulk_create(drawn.items, batch_size=BATCH)
        Vote.objects.bulk_create(drawn.votes, batch_size=BATCH)
        stage(f"Events: {len(drawn.events):,}, one per step")
        Event.objects.bulk_create(drawn.events, batch_size=BATCH)
        # Rows written with their ids: the next change, meeting or item continues after them.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [ChangeRequest, Meeting, AgendaItem]
            ):
                cursor.execute(statement)
    return dict(Counter(str(change.status) for change in drawn.changes))
