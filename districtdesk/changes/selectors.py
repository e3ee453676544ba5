"""Read queries for change control: the district's settings as rule inputs, a change's
flags, the lists, and what belongs on the next meeting's agenda."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings as django_settings
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from districtdesk.changes import rules
from districtdesk.changes.models import (
    AgendaItem,
    BlackoutPeriod,
    ChangeControlSettings,
    ChangeRequest,
    MaintenanceWindow,
    Meeting,
    Vote,
)
from districtdesk.changes.policies import changes_visible_to
from districtdesk.core.models import Person

Status = ChangeRequest.Status
Type = ChangeRequest.Type


def current_settings() -> ChangeControlSettings:
    """The settings row the data migration ships; unsaved defaults if someone removed it."""
    return ChangeControlSettings.objects.filter(pk=1).first() or ChangeControlSettings(pk=1)


def policy(settings_row: ChangeControlSettings | None = None) -> rules.Policy:
    row = settings_row or current_settings()
    return rules.Policy(
        timezone=ZoneInfo(django_settings.TIME_ZONE),
        uses_meeting=row.approval_model == ChangeControlSettings.ApprovalModel.MEETING,
        meeting_weekday=row.meeting_weekday,
        meeting_time=row.meeting_time,
        lead_time_days=row.lead_time_days,
    )


def windows() -> list[rules.WeeklyWindow]:
    return [
        rules.WeeklyWindow(w.weekday, w.starts_at, w.ends_at, w.ends_next_day)
        for w in MaintenanceWindow.objects.filter(is_active=True)
    ]


def blackouts_around(start: datetime, end: datetime) -> list[rules.Blackout]:
    rows = BlackoutPeriod.objects.filter(
        is_active=True, first_day__lte=end.date(), last_day__gte=start.date()
    )
    return [rules.Blackout(b.name, b.kind, b.first_day, b.last_day) for b in rows]


def as_planned(
    change: ChangeRequest, system_ids: set[int] | None = None, campus_ids: set[int] | None = None
) -> rules.PlannedChange:
    """The change as the rules see it; pass the ids for a change that is not saved yet."""
    if system_ids is None:
        system_ids = {system.pk for system in change.systems.all()}
    if campus_ids is None:
        campus_ids = {campus.pk for campus in change.campuses.all()}
    return rules.PlannedChange(
        change_type=change.change_type,
        planned_start=change.planned_start,
        planned_end=change.planned_end,
        affects_connectivity=change.affects_connectivity,
        system_ids=frozenset(system_ids),
        campus_ids=frozenset(campus_ids),
        number=change.number,
    )


def overlapping(
    planned: rules.PlannedChange, *, exclude_pk: int | None
) -> list[rules.PlannedChange]:
    candidates = (
        ChangeRequest.objects.filter(
            status__in=ChangeRequest.ACTIVE_STATUSES,
            planned_start__lt=planned.planned_end,
            planned_end__gt=planned.planned_start,
        )
        .exclude(pk=exclude_pk)
        .prefetch_related("systems", "campuses")
    )
    return [as_planned(other) for other in candidates]


def flags_for(
    change: ChangeRequest,
    *,
    now: datetime,
    system_ids: set[int] | None = None,
    campus_ids: set[int] | None = None,
) -> list[rules.Flag]:
    """Every flag the change raises now; a submitted change is judged from its submission."""
    planned = as_planned(change, system_ids, campus_ids)
    return rules.check_change(
        planned,
        now=now,
        submitted_at=change.submitted_at,
        policy=policy(),
        windows=windows(),
        blackouts=blackouts_around(change.planned_start, change.planned_end),
        others=overlapping(planned, exclude_pk=change.pk),
    )


def for_lists(changes: QuerySet[ChangeRequest]) -> QuerySet[ChangeRequest]:
    return changes.select_related("submitter", "service_request").prefetch_related(
        "systems", "campuses"
    )


def changes_for(viewer: Person) -> QuerySet[ChangeRequest]:
    return for_lists(changes_visible_to(viewer))


def meeting_with_agenda(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    items = (
        AgendaItem.objects.select_related("change__submitter", "decided_by")
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.select_related("voter")))
        .order_by("position")
    )
    return meetings.prefetch_related(Prefetch("items", queryset=items), "attendees")


def agenda_candidates(meeting: Meeting) -> list[tuple[ChangeRequest, str]]:
    """What the meeting should discuss and why: scheduled changes awaiting a decision,
    emergencies not yet reviewed at a meeting (so every emergency since the last meeting),
    informational changes not yet recorded, and completed changes awaiting their review.
    Changes already on this meeting's agenda are left out."""
    already = meeting.items.values("change_id")
    reviewed_at_meetings = AgendaItem.objects.filter(purpose=AgendaItem.Purpose.REVIEW).values(
        "change_id"
    )
    recorded = AgendaItem.objects.values("change_id")
    base = ChangeRequest.objects.exclude(pk__in=already).order_by("submitted_at", "pk")
    to_decide = base.filter(
        change_type=Type.SCHEDULED, status__in=[Status.SUBMITTED, Status.DEFERRED]
    )
    emergencies = base.filter(
        change_type=Type.EMERGENCY,
        status__in=[Status.SUBMITTED, Status.IN_PROGRESS, Status.COMPLETED, Status.REVIEWED],
    ).exclude(pk__in=reviewed_at_meetings)
    informational = base.filter(
        change_type=Type.INFORMATIONAL, status__in=[Status.SUBMITTED, Status.SCHEDULED]
    ).exclude(pk__in=recorded)
    to_review = base.filter(change_type=Type.SCHEDULED, status=Status.COMPLETED).exclude(
        pk__in=reviewed_at_meetings
    )
    Purpose = AgendaItem.Purpose
    return [
        *((change, Purpose.DECIDE) for change in to_decide),
        *((change, Purpose.REVIEW) for change in emergencies),
        *((change, Purpose.INFORM) for change in informational),
        *((change, Purpose.REVIEW) for change in to_review),
    ]


class PreviewRefused(ValueError):
    """The planned times cannot be judged yet; the message says why."""


def preview_flags(
    *,
    change_type: str,
    planned_start: datetime,
    planned_end: datetime,
    affects_connectivity: bool,
    system_ids: set[int],
    campus_ids: set[int],
    now: datetime,
    exclude_pk: int | None = None,
) -> list[rules.Flag]:
    """The flags a change being written would raise if it were submitted now; the form
    shows them before anyone submits. Times the services would refuse are not judged."""
    if planned_end <= planned_start:
        raise PreviewRefused(_("The change must end after it starts."))
    if planned_end - planned_start > rules.MAX_DURATION:
        raise PreviewRefused(
            _("Plan a change that lasts at most %(days)s days; split a longer one.")
            % {"days": rules.MAX_DURATION.days}
        )
    if not (rules.EARLIEST <= planned_start <= rules.LATEST):
        raise PreviewRefused(
            _("Plan the change between %(earliest)s and %(latest)s.")
            % {"earliest": rules.EARLIEST.year, "latest": rules.LATEST.year}
        )
    change = ChangeRequest(
        pk=exclude_pk,
        change_type=change_type,
        planned_start=planned_start,
        planned_end=planned_end,
        affects_connectivity=affects_connectivity,
    )
    return flags_for(change, now=now, system_ids=system_ids, campus_ids=campus_ids)


def flags_for_many(changes: list[ChangeRequest], *, now: datetime) -> dict[int, list[rules.Flag]]:
    """Every change's flags in a fixed number of queries, for lists and agendas: the
    settings, windows, blackouts and the other changes are read once for them all.
    Each change's systems and campuses must be prefetched."""
    if not changes:
        return {}
    settings_policy, weekly = policy(), windows()
    start = min(change.planned_start for change in changes)
    end = max(change.planned_end for change in changes)
    blackouts = blackouts_around(start, end)
    others = [
        (other.pk, as_planned(other))
        for other in ChangeRequest.objects.filter(
            status__in=ChangeRequest.ACTIVE_STATUSES, planned_start__lt=end, planned_end__gt=start
        ).prefetch_related("systems", "campuses")
    ]
    flags = {}
    for change in changes:
        planned = as_planned(change)
        flags[change.pk] = rules.check_change(
            planned,
            now=now,
            submitted_at=change.submitted_at,
            policy=settings_policy,
            windows=weekly,
            blackouts=blackouts,
            others=[plan for pk, plan in others if pk != change.pk],
        )
    return flags
