"""Votes at the Change Control meeting, where the district's committee votes: each member
present votes on every change for decision, and no decision is recorded before a quorum of
members is present (the settings' `committee_votes` and `quorum`)."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.activity.events import record_event
from districtdesk.changes import policies, selectors, workflow
from districtdesk.changes.lock_objects import lock_meeting
from districtdesk.changes.models import AgendaItem, ChangeControlSettings, Meeting, Vote
from districtdesk.changes.services.submission import refuse
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person

Choice = Vote.Choice


@dataclass(frozen=True)
class Tally:
    """The votes on one item, counting only members present now."""

    approve: int
    deny: int
    defer: int
    abstain: int
    present: int

    @property
    def cast(self) -> int:
        return self.approve + self.deny + self.defer + self.abstain

    @property
    def not_yet(self) -> int:
        return max(self.present - self.cast, 0)

    def as_dict(self) -> dict[str, int]:
        return {
            "approve": self.approve,
            "deny": self.deny,
            "defer": self.defer,
            "abstain": self.abstain,
            "present": self.present,
            "not_yet": self.not_yet,
        }


def tally(votes: Iterable[Vote], present_ids: set[int]) -> Tally:
    """Count prefetched votes in Python: no query per item."""
    counts = Counter(vote.choice for vote in votes if vote.voter_id in present_ids)
    return Tally(
        approve=counts[Choice.APPROVE],
        deny=counts[Choice.DENY],
        defer=counts[Choice.DEFER],
        abstain=counts[Choice.ABSTAIN],
        present=len(present_ids),
    )


def require_quorum(meeting: Meeting, settings_row: ChangeControlSettings) -> None:
    """Where the committee votes, a decision waits until a quorum is present."""
    if not settings_row.committee_votes:
        return
    present = meeting.attendees.count()
    if present < settings_row.quorum:
        raise DomainError(
            _(
                "No quorum yet: %(present)s of the %(quorum)s members needed are present. "
                "Record the attendance first."
            )
            % {"present": present, "quorum": settings_row.quorum},
            code="no_quorum",
        )


@transaction.atomic
def record_vote(
    meeting: Meeting,
    *,
    actor: Person,
    item: AgendaItem,
    choice: str,
    voter: Person | None = None,
    now: datetime | None = None,
) -> Vote:
    """A present member's vote on one undecided item for decision. Members vote for
    themselves; the coordinator records any present member's vote. Voting again changes
    the vote."""
    now = now or timezone.now()
    settings_row = selectors.current_settings()
    refuse(
        policies.can_decide(actor, settings_row.approval_model),
        _("Committee members vote at the meeting."),
    )
    voter = voter or actor
    refuse(
        voter.pk == actor.pk or policies.can_coordinate(actor),
        _("Members vote for themselves; the coordinator records the votes of others."),
        field="voter",
    )
    if not settings_row.committee_votes:
        raise DomainError(
            _("This district's committee does not vote; record the decision directly."),
            code="no_votes",
        )
    if choice not in Choice.values:
        raise DomainError(_("Choose a vote."), code="vote_required", field="choice")
    meeting = lock_meeting(meeting)
    workflow.check_meeting(meeting, "vote")
    item = AgendaItem.objects.select_for_update().filter(pk=item.pk, meeting=meeting).first()
    if item is None:
        raise DomainError(
            _("That item is not on this meeting's agenda."), code="not_on_agenda", field="item"
        )
    if item.purpose != AgendaItem.Purpose.DECIDE or item.decision:
        raise DomainError(
            _("Votes are taken on changes for decision that are not yet decided."),
            code="not_open_for_votes",
            field="item",
        )
    if not meeting.attendees.filter(pk=voter.pk).exists():
        raise DomainError(
            _("%(name)s is not recorded as present; record the attendance first.")
            % {"name": voter},
            code="voter_not_present",
            field="voter",
        )
    vote, _created = Vote.objects.update_or_create(
        item=item,
        voter=voter,
        defaults={"choice": choice, "recorded_by": actor, "cast_at": now},
    )
    record_event(
        meeting,
        actor=actor,
        code="meeting.vote_recorded",
        occurred_at=now,
        number=item.change.number,
        item_id=item.pk,
        voter_id=voter.pk,
        voter=str(voter),
        choice=choice,
    )
    return vote
