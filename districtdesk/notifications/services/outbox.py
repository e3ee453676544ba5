"""Writing the outbox: who is told about an event, by which channel. Runs inside the
transaction of the step that recorded the event, so a notification exists exactly when its
event does, and costs the step at most three queries whatever the audience's size."""

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Q

from districtdesk.activity.models import Event
from districtdesk.core.models import Person
from districtdesk.notifications.models import Audience, Notification, Preference, Rule

Channel = Notification.Channel
Delivery = Preference.Delivery


def audience_filter(
    audience: str, role: str, subject: models.Model, event: Event | None = None
) -> Q | None:
    """The people an audience names for this subject, as a filter on Person; None when the
    subject has no such person (an unassigned request has no assignee). Subjects are read
    by their field names, so any app's subject with a requester, submitter, approver,
    assignee or team works; campuses are read from the event's `notify_campus_ids`, and an
    approver's delegates from its `notify_delegate_ids`, facts the step wrote, so no
    audience costs a query of its own."""
    requester_id = getattr(subject, "requester_id", None)
    campus_ids = (event.params.get("notify_campus_ids") if event is not None else None) or []
    team_id = getattr(subject, "team_id", None)
    match audience:
        case Audience.REQUESTER if requester_id:
            return Q(pk=requester_id)
        case Audience.ASSIGNEE if getattr(subject, "assignee_id", None):
            return Q(pk=subject.assignee_id)
        case Audience.TEAM_MEMBERS if team_id:
            return Q(team_memberships__team=team_id)
        case Audience.TEAM_LEAD if team_id:
            return Q(team_memberships__team=team_id, team_memberships__is_lead=True)
        case Audience.REQUESTER_SUPERVISOR if requester_id:
            return Q(direct_reports=requester_id)
        case Audience.ROLE if role:
            return Q(role_assignments__role=role)
        case Audience.SUBMITTER if getattr(subject, "submitter_id", None):
            return Q(pk=subject.submitter_id)
        case Audience.APPROVER if getattr(subject, "approver_id", None):
            delegates = event.params.get("notify_delegate_ids") if event is not None else None
            return Q(pk=subject.approver_id) | Q(pk__in=delegates or [])
        case Audience.CAMPUS_ROLE if role and campus_ids:
            # Held at one of those campuses, or district-wide (a superintendent).
            return Q(role_assignments__role=role) & (
                Q(role_assignments__campus__in=campus_ids)
                | Q(role_assignments__campus__isnull=True)
            )
    return None


def next_digest_at(moment: datetime) -> datetime:
    """The first daily digest time (NOTIFICATIONS_DIGEST_HOUR, district time) after moment."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = moment.astimezone(zone)
    candidate = datetime.combine(
        local.date(), time(settings.NOTIFICATIONS_DIGEST_HOUR), tzinfo=zone
    )
    if candidate <= local:
        candidate = datetime.combine(
            local.date() + timedelta(days=1), time(settings.NOTIFICATIONS_DIGEST_HOUR), tzinfo=zone
        )
    return candidate


def notifications_for(event: Event, people: list[tuple[int, str | None, str]]) -> list:
    """The rows for each (person id, delivery preference, email address): always one in the
    application, and by email singly or in the daily digest as the person chose."""
    at = event.occurred_at
    rows = []
    for person_id, delivery, email in people:
        rows.append(
            Notification(
                recipient_id=person_id,
                event=event,
                channel=Channel.IN_APP,
                status=Notification.Status.SENT,
                created_at=at,
                sent_at=at,
            )
        )
        delivery = delivery or Delivery.EMAIL
        if delivery == Delivery.IN_APP or not email:
            continue
        rows.append(
            Notification(
                recipient_id=person_id,
                event=event,
                channel=Channel.DIGEST if delivery == Delivery.DIGEST else Channel.EMAIL,
                status=Notification.Status.PENDING,
                created_at=at,
                next_attempt_at=next_digest_at(at) if delivery == Delivery.DIGEST else at,
            )
        )
    return rows


def write_notifications(*, event: Event, subject: models.Model, **_: Any) -> None:
    """The receiver of activity's event_recorded: one query for the rules, one for the
    people, one insert. The actor is never told of their own step."""
    rules = Rule.objects.filter(event_code=event.code, is_active=True).values_list(
        "audience", "role"
    )
    match = Q()
    actor_only = Q(pk=event.actor_id)
    for audience, role in rules:
        found = audience_filter(audience, role, subject, event)
        # An audience of the actor alone (a requester's own submission) tells nobody: no
        # need to ask for the people.
        if found is not None and found != actor_only:
            match |= found
    if not match:
        return
    people = (
        Person.objects.filter(match, is_active=True)
        .exclude(pk=event.actor_id)
        .values_list("pk", "notification_preference__delivery", "email")
        .distinct()
    )
    Notification.objects.bulk_create(notifications_for(event, list(people)))
