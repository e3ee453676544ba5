"""The plan of a change-history load, read once from the database: the cast and the rules
of change control, the weekly meetings the history holds, and the requests its changes
answer."""

import random
from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max
from django.utils import timezone

from districtdesk.changes import rules, selectors
from districtdesk.changes.demo_timeline import Demo
from districtdesk.changes.models import AgendaItem, ChangeRequest, Meeting
from districtdesk.reports.filters import school_year_bounds, school_year_of
from districtdesk.service_requests.models import ServiceRequest

Type = ChangeRequest.Type
# Among the requests submitted before a change, how many of the newest are looked at for
# one no other change answers yet.
LOOK_BACK = 25


class NoRequestToAnswer(ValueError):
    """No request of the kind a change answers was submitted before it."""


@dataclass
class RequestPool:
    """The requests of one kind, oldest first, and those a change already answers."""

    submitted: list[datetime]
    ids: list[int]
    taken: set[int] = field(default_factory=set)

    def answered_by(self, drafted: datetime) -> int:
        """The newest request before `drafted` that no other change answers, or failing
        that the newest before it."""
        end = bisect_left(self.submitted, drafted)
        if end == 0:
            raise NoRequestToAnswer(
                f"No request of the kind a change answers was submitted before {drafted:%Y-%m-%d}:"
                " load the request history first."
            )
        newest = self.ids[end - 1]
        pick = next(
            (
                self.ids[i]
                for i in range(end - 1, max(end - LOOK_BACK, 0) - 1, -1)
                if self.ids[i] not in self.taken
            ),
            newest,
        )
        self.taken.add(pick)
        return pick


@dataclass
class HistoryPlan:
    now: datetime
    count: int
    cast: Demo  # the demo's coordinator, committee, schools and systems; its rng draws all
    policy: rules.Policy
    windows: list[rules.WeeklyWindow]
    blackouts: list[rules.Blackout]
    committee_votes: bool
    meeting_room: str
    # The history's weekly meetings, oldest first; the last is the week before the demo's.
    meetings: list[datetime]
    # When the history stops: the demo prepares its first meeting then. Nothing later happens.
    until: datetime
    requests: dict[str, RequestPool]  # by the type of change that answers them
    first_change_id: int
    first_meeting_id: int
    first_item_id: int
    change_type_id: int
    meeting_type_id: int


def _pool(requests) -> RequestPool:
    rows = list(requests.order_by("submitted_at", "pk").values_list("submitted_at", "pk"))
    return RequestPool([submitted for submitted, _pk in rows], [pk for _submitted, pk in rows])


def _next_id(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def build_plan(*, now: datetime, seed: int, count: int) -> HistoryPlan:
    cast = Demo(random.Random(seed), now)  # noqa: S311 - demo data, not secrets
    settings_row = selectors.current_settings()
    # The three school years: the one under way and the two before it.
    today = timezone.localtime(now, cast.zone).date()
    start = school_year_bounds(school_year_of(today) - 2)[0]
    last = cast.meetings[0] - timedelta(weeks=1)
    meetings = []
    meeting = rules.next_meeting_at(start + timedelta(weeks=1), cast.policy)
    while meeting <= last:
        meetings.append(meeting)
        meeting += timedelta(weeks=1)
    earlier = ServiceRequest.objects.filter(submitted_at__lt=last)
    return HistoryPlan(
        now=now,
        count=count,
        cast=cast,
        policy=cast.policy,
        windows=selectors.windows(),
        blackouts=selectors.blackouts_around(start, last),
        committee_votes=settings_row.committee_votes,
        meeting_room=settings_row.meeting_room,
        meetings=meetings,
        until=last + timedelta(hours=1),
        requests={
            # Planned work answers scheduled maintenance, as the demo's changes do; an
            # emergency answers an emergency or high-priority break-fix.
            Type.SCHEDULED: _pool(earlier.filter(category__needs_planned_completion=True)),
            Type.EMERGENCY: _pool(
                earlier.filter(priority__category__number=1, priority__number__lte=2)
            ),
        },
        first_change_id=_next_id(ChangeRequest),
        first_meeting_id=_next_id(Meeting),
        first_item_id=_next_id(AgendaItem),
        change_type_id=ContentType.objects.get_for_model(ChangeRequest).pk,
        meeting_type_id=ContentType.objects.get_for_model(Meeting).pk,
    )
