"""What is drawn for each change (its story: dates, decisions, outcome, its row) and the
rows the whole history leaves, before they are written."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from districtdesk.activity.models import Event
from districtdesk.changes.demo_catalogue import ChangeSpec
from districtdesk.changes.models import AgendaItem, ChangeRequest, ChangeReview, Meeting, Vote
from districtdesk.core.models import Campus, Person

Purpose = AgendaItem.Purpose


@dataclass
class Placement:
    """A change on one meeting's agenda, and what the meeting made of it."""

    meeting: int  # index in plan.meetings
    placed_at: datetime
    purpose: str
    decision: tuple[str, str, str] = ("", "", "")  # (decision, denial reason, notes)
    item: AgendaItem | None = None
    taken_at: datetime | None = None  # when the meeting came to it


@dataclass
class Story:
    spec: ChangeSpec
    change_type: str
    submitter: Person
    campuses: list[Campus]
    drafted: datetime
    start: datetime
    end: datetime
    submitted: datetime | None = None
    override: tuple[datetime, str] | None = None
    placements: list[Placement] = field(default_factory=list)
    scheduled: datetime | None = None
    started: datetime | None = None
    completed: datetime | None = None
    outcome: str = ""
    reviewed: datetime | None = None  # informational: reviewed without a meeting
    closing_delay: timedelta = timedelta()
    review_outstanding: bool = False
    change: ChangeRequest | None = None

    @property
    def decided(self) -> Placement | None:
        decisions = [p for p in self.placements if p.purpose == Purpose.DECIDE]
        return decisions[-1] if decisions else None


@dataclass
class DrawnHistory:
    changes: list[ChangeRequest] = field(default_factory=list)
    system_links: list = field(default_factory=list)
    campus_links: list = field(default_factory=list)
    reviews: list[ChangeReview] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    attendance: list = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    votes: list[Vote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
