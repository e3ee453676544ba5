"""The change's and the meeting's state machines: which step may start from which status,
for which type of change and which approval model, in one table each."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.changes.models import ChangeControlSettings, ChangeRequest, Meeting
from districtdesk.core.errors import DomainError

Status = ChangeRequest.Status
Type = ChangeRequest.Type
Approval = ChangeControlSettings.ApprovalModel
ALL_TYPES = frozenset(Type.values)
BOTH_MODELS = frozenset(Approval.values)


@dataclass(frozen=True)
class Transition:
    step: str
    sources: frozenset[str]
    target: str | None  # None: the step leaves the status as it is
    types: frozenset[str] = ALL_TYPES
    models: frozenset[str] = BOTH_MODELS


def _t(step, sources, target, types=ALL_TYPES, models=BOTH_MODELS) -> Transition:
    return Transition(step, frozenset(sources), target, frozenset(types), frozenset(models))


DECIDABLE = {Status.SUBMITTED, Status.DEFERRED}
MEETING = {Approval.MEETING}
SINGLE = {Approval.SINGLE_APPROVER}
SCHEDULED_ONLY = {Type.SCHEDULED}
EMERGENCY_ONLY = {Type.EMERGENCY}
INFORMATIONAL_ONLY = {Type.INFORMATIONAL}

TRANSITIONS: tuple[Transition, ...] = (
    _t("revise", {Status.DRAFT, Status.DEFERRED}, None),
    _t("submit", {Status.DRAFT}, Status.SUBMITTED),
    _t("override_lead_time", {Status.SUBMITTED, Status.ON_AGENDA, Status.DEFERRED}, None),
    # A scheduled change waits for a decision: at the meeting, or from the single approver.
    _t("place_on_agenda", DECIDABLE, Status.ON_AGENDA, SCHEDULED_ONLY, MEETING),
    _t("approve", {Status.ON_AGENDA}, Status.APPROVED, SCHEDULED_ONLY, MEETING),
    _t("deny", {Status.ON_AGENDA}, Status.DENIED, SCHEDULED_ONLY, MEETING),
    _t("defer", {Status.ON_AGENDA}, Status.DEFERRED, SCHEDULED_ONLY, MEETING),
    _t("approve", DECIDABLE, Status.APPROVED, SCHEDULED_ONLY, SINGLE),
    _t("deny", DECIDABLE, Status.DENIED, SCHEDULED_ONLY, SINGLE),
    _t("defer", {Status.SUBMITTED}, Status.DEFERRED, SCHEDULED_ONLY, SINGLE),
    # Emergencies and informational changes go on the agenda for review or for the record,
    # without waiting on it: the item changes nothing about their status.
    _t(
        "place_on_agenda",
        {Status.SUBMITTED, Status.SCHEDULED, Status.IN_PROGRESS, Status.COMPLETED},
        None,
        EMERGENCY_ONLY | INFORMATIONAL_ONLY,
        MEETING,
    ),
    # An emergency whose change review is already written still comes to a meeting (seed
    # 000); it cannot close before it has.
    _t("place_on_agenda", {Status.REVIEWED}, None, EMERGENCY_ONLY, MEETING),
    # Completed changes of every type come back to the meeting for their review.
    _t("place_on_agenda", {Status.COMPLETED}, None, SCHEDULED_ONLY, MEETING),
    _t("schedule", {Status.APPROVED}, Status.SCHEDULED, SCHEDULED_ONLY),
    _t("schedule", {Status.SUBMITTED}, Status.SCHEDULED, INFORMATIONAL_ONLY),
    _t("start", {Status.SCHEDULED}, Status.IN_PROGRESS),
    # An emergency is implemented first and reviewed afterwards (seed 000).
    _t("start", {Status.SUBMITTED}, Status.IN_PROGRESS, EMERGENCY_ONLY),
    _t("complete", {Status.IN_PROGRESS}, Status.COMPLETED),
    _t("complete", {Status.SUBMITTED}, Status.COMPLETED, EMERGENCY_ONLY),
    # Once its planned window has closed, a change nobody finished in the system enters the
    # review queue by itself, its outcome not yet known (services/review_queue.py).
    _t("await_review", {Status.SCHEDULED, Status.IN_PROGRESS}, Status.COMPLETED),
    _t("await_review", {Status.SUBMITTED}, Status.COMPLETED, EMERGENCY_ONLY),
    _t("review", {Status.COMPLETED}, Status.REVIEWED),
    # A change cannot close without its review (seed 001).
    _t("close", {Status.REVIEWED}, Status.CLOSED),
)

DONE = {
    "revise": gettext_lazy("revised"),
    "submit": gettext_lazy("submitted"),
    "override_lead_time": gettext_lazy("given a lead-time override"),
    "place_on_agenda": gettext_lazy("placed on an agenda"),
    "approve": gettext_lazy("approved"),
    "deny": gettext_lazy("denied"),
    "defer": gettext_lazy("deferred"),
    "schedule": gettext_lazy("scheduled"),
    "start": gettext_lazy("started"),
    "complete": gettext_lazy("completed"),
    "await_review": gettext_lazy("moved to the review queue"),
    "review": gettext_lazy("reviewed"),
    "close": gettext_lazy("closed"),
}


def find(change: ChangeRequest, step: str, approval_model: str) -> Transition | None:
    for transition in TRANSITIONS:
        if (
            transition.step == step
            and change.status in transition.sources
            and change.change_type in transition.types
            and approval_model in transition.models
        ):
            return transition
    return None


def can(change: ChangeRequest, step: str, approval_model: str) -> bool:
    return find(change, step, approval_model) is not None


def check(change: ChangeRequest, step: str, approval_model: str) -> str:
    """The status the step leaves the change in; DomainError if it may not start here."""
    transition = find(change, step, approval_model)
    if transition is None:
        message = _("A %(type)s change that is “%(status)s” cannot be %(done)s.") % {
            "type": change.get_change_type_display().lower(),
            "status": change.get_status_display(),
            "done": DONE[step],
        }
        if step == "close" and change.status == Status.COMPLETED:
            message = _("Record the change review before closing the change.")
        raise DomainError(message, code=f"cannot_{step}")
    return transition.target or change.status


MeetingStatus = Meeting.Status
MEETING_STEPS: dict[str, tuple[frozenset[str], str | None]] = {
    "build_agenda": (frozenset({MeetingStatus.PLANNED, MeetingStatus.OPEN}), None),
    "open": (frozenset({MeetingStatus.PLANNED}), MeetingStatus.OPEN),
    "record_attendance": (frozenset({MeetingStatus.OPEN}), None),
    "decide": (frozenset({MeetingStatus.OPEN}), None),
    "vote": (frozenset({MeetingStatus.OPEN}), None),
    "close": (frozenset({MeetingStatus.OPEN}), MeetingStatus.CLOSED),
}

MEETING_DONE = {
    "build_agenda": gettext_lazy("given new agenda items"),
    "open": gettext_lazy("opened"),
    "record_attendance": gettext_lazy("given attendance"),
    "decide": gettext_lazy("given decisions"),
    "vote": gettext_lazy("given votes"),
    "close": gettext_lazy("closed"),
}


def can_meeting(meeting: Meeting, step: str) -> bool:
    return meeting.status in MEETING_STEPS[step][0]


def check_meeting(meeting: Meeting, step: str) -> str:
    allowed, after = MEETING_STEPS[step]
    if meeting.status not in allowed:
        message = _("A meeting that is “%(status)s” cannot be %(done)s.") % {
            "status": meeting.get_status_display(),
            "done": MEETING_DONE[step],
        }
        raise DomainError(message, code=f"meeting_cannot_{step}")
    return after or meeting.status
