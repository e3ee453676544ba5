"""The demo's clock and cast for change control: every step of every demo change and
meeting waits in one queue by its time and is played through the services in order, never
later than `now` (`demo_changes` writes the stories)."""

import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from itertools import count

from django.utils import timezone

from districtdesk.changes import rules, selectors
from districtdesk.changes.demo_catalogue import ChangeSpec
from districtdesk.changes.models import AgendaItem, ChangeRequest, Meeting
from districtdesk.changes.services import decisions, implementation, meetings, submission
from districtdesk.core.models import Campus, EnterpriseSystem, Person, Role, TeamMembership
from districtdesk.service_requests.models import Priority, ServiceRequest
from districtdesk.service_requests.services.intake import submit_request

Status, Type = ChangeRequest.Status, ChangeRequest.Type
PAST_MEETINGS = 9
DEMO_SUBMITTERS = ("teamlead", "committee", "director", "technician")


@dataclass
class Story:
    """One change's plan; `stop` is the status it is left in, whatever the time."""

    spec: ChangeSpec
    change_type: str
    submitter: Person
    campuses: list[Campus]
    drafted_at: datetime
    submitted_at: datetime | None
    start: datetime
    end: datetime
    decisions: list[tuple[str, str, str]] = field(default_factory=list)
    outcome: str = ChangeRequest.Outcome.SUCCESSFUL
    override: str = ""
    stop: str = Status.CLOSED
    place_at: datetime | None = None  # the coordinator adds it to the next meeting's agenda
    change: ChangeRequest | None = None


class Demo:
    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng, self.now = rng, now
        self.zone = timezone.get_default_timezone()
        self.policy = selectors.policy()
        self.queue: list[tuple[datetime, int, Callable[[datetime], None]]] = []
        self.order = count()
        self.stories: dict[int, Story] = {}
        self.specs: dict[str, list[ChangeSpec]] = {}
        coordinators = Person.objects.filter(role_assignments__role=Role.CHANGE_COORDINATOR)
        self.coordinator = _demo_or_first("coordinator", coordinators)
        committee = Person.objects.filter(role_assignments__role=Role.CHANGE_COMMITTEE)
        self.committee = sorted(set(committee), key=lambda p: (p.username != "committee", p.pk))
        self.analyst = Person.objects.filter(role_assignments__role=Role.CCC_ANALYST).first()
        self.demo = {p.username: p for p in Person.objects.filter(username__in=DEMO_SUBMITTERS)}
        self.systems = {system.code: system for system in EnterpriseSystem.objects.all()}
        self.owners: dict[int, list[Person]] = {}
        for membership in TeamMembership.objects.select_related("person").order_by("pk"):
            self.owners.setdefault(membership.team_id, []).append(membership.person)
        self.schools = list(
            Campus.objects.filter(
                is_active=True,
                kind__in=[Campus.Kind.ELEMENTARY, Campus.Kind.MIDDLE, Campus.Kind.HIGH],
            ).order_by("pk")
        ) or list(Campus.objects.order_by("pk"))
        self.priorities = {
            f"{p.category.number}.{p.number}": p
            for p in Priority.objects.select_related("category")
        }
        # The last meeting held, with time to close it before now, and the next one.
        upcoming = rules.next_meeting_at(now - timedelta(hours=2), self.policy)
        self.meetings = [upcoming + timedelta(weeks=k) for k in range(-PAST_MEETINGS, 1)]
        self.last_build = self.meetings[-2] - timedelta(hours=2)
        self.upcoming: Meeting | None = None

    # --- The clock ------------------------------------------------------------------

    def at(self, when: datetime, step: Callable[[datetime], None]) -> None:
        heapq.heappush(self.queue, (when, next(self.order), step))

    def run(self) -> None:
        while self.queue:
            when, _order, step = heapq.heappop(self.queue)
            if when <= self.now:
                step(when)

    def soon(self, after: datetime, hours: float) -> datetime:
        """A few hours after `after`, never later than now."""
        return after + min(timedelta(hours=hours), (self.now - after) * 0.8)

    def between(self, after: datetime, share: float) -> datetime:
        """A moment `share` of the way from `after` to now (for what happened lately)."""
        return (after + (self.now - after) * share).replace(second=0, microsecond=0)

    def local(self, moment: datetime, day_offset: int, hour: int, minute: int = 0) -> datetime:
        day = timezone.localtime(moment, self.zone).date() + timedelta(days=day_offset)
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone)

    # --- Who and what ---------------------------------------------------------------

    def pick_spec(self, pool: tuple[ChangeSpec, ...], title: str = "") -> ChangeSpec:
        if title:
            return next(spec for spec in pool if spec.title.startswith(title))
        key = pool[0].title
        if not self.specs.get(key):
            self.specs[key] = self.rng.sample(list(pool), len(pool))
        return self.specs[key].pop()

    def submitter_for(self, spec: ChangeSpec) -> Person:
        if spec.submitted_by != "owner" and spec.submitted_by in self.demo:
            return self.demo[spec.submitted_by]
        system = self.systems.get(spec.systems[0]) if spec.systems else None
        team = self.owners.get(system.owner_team_id) if system else None
        return self.rng.choice(team) if team else self.coordinator

    def story(self, spec: ChangeSpec, change_type: str, submitted: datetime | None, **kw) -> Story:
        campuses = [self.rng.choice(self.schools)] if spec.at_campus else []
        drafted = kw.pop("drafted_at", None) or (
            submitted - timedelta(hours=self.rng.randint(1, 30))
        )
        story = Story(
            spec=spec,
            change_type=change_type,
            submitter=self.submitter_for(spec),
            campuses=campuses,
            drafted_at=drafted,
            submitted_at=submitted,
            **kw,
        )
        self.at(story.drafted_at, lambda when: self.write(story, when))
        if submitted is not None and story.stop != Status.DRAFT:
            self.at(submitted, lambda when: self.submit(story, when))
        return story

    # --- A change's own steps ---------------------------------------------------------

    def write(self, story: Story, when: datetime) -> None:
        spec = story.spec
        names = ", ".join(campus.name for campus in story.campuses)
        systems = [self.systems[code] for code in spec.systems if code in self.systems]
        fields = spec.change_fields(names, timezone.localtime(when, self.zone))
        story.change = submission.draft_change(
            actor=story.submitter,
            now=when,
            change_type=story.change_type,
            planned_start=story.start,
            planned_end=story.end,
            service_request=self.linked_request(story, fields["title"], when),
            **fields,
            systems=systems,
            campuses=story.campuses,
        )
        self.stories[story.change.pk] = story

    def linked_request(self, story: Story, title: str, when: datetime) -> ServiceRequest | None:
        """The request the change answers, taken by the Customer Care Center by phone:
        scheduled maintenance (category 5) for planned work, a break-fix for emergencies."""
        if story.change_type == Type.INFORMATIONAL or self.analyst is None:
            return None
        emergency = story.change_type == Type.EMERGENCY
        priority = self.priorities["1.1" if emergency else "5.4"]
        campus = (story.campuses or [story.submitter.home_campus or self.schools[0]])[0]
        completion = timezone.localtime(story.end, self.zone).date() + timedelta(days=7)
        return submit_request(
            actor=self.analyst,
            requester=story.submitter,
            channel=ServiceRequest.Channel.PHONE,
            summary=title,
            description=story.spec.description,
            impact=story.spec.reason,
            campus=campus,
            category=priority.category,
            priority=priority,
            planned_completion=None if emergency else completion,
            system=self.systems.get(story.spec.systems[0]) if story.spec.systems else None,
            now=when - timedelta(minutes=self.rng.randint(20, 240)),
        )

    def submit(self, story: Story, when: datetime) -> None:
        change = submission.submit_change(story.change, actor=story.submitter, now=when)
        if story.override:
            self.at(when + timedelta(hours=24), lambda at: self.override(story, at))
        if story.change_type == Type.EMERGENCY:
            begin = when + min(timedelta(minutes=15), (story.end - when) / 4)
            self.at(begin, lambda at: self.start(story, at))
        elif story.change_type == Type.INFORMATIONAL:
            self.at(when + timedelta(hours=1), lambda at: self.schedule(story, at))
        if story.place_at is not None:
            self.at(story.place_at, lambda at: self.place(story, at))
        story.change = change

    def override(self, story: Story, when: datetime) -> None:
        submission.override_lead_time(
            story.change, actor=self.coordinator, reason=story.override, now=when
        )

    def place(self, story: Story, when: datetime) -> None:
        story.change.refresh_from_db()
        decisions.place_on_agenda(
            story.change, actor=self.coordinator, meeting=self.upcoming, now=when
        )

    def schedule(self, story: Story, when: datetime) -> None:
        if story.stop == Status.APPROVED:
            return
        story.change = implementation.schedule_change(story.change, actor=story.submitter, now=when)
        if story.stop != Status.SCHEDULED:
            self.at(story.start, lambda at: self.start(story, at))

    def start(self, story: Story, when: datetime) -> None:
        story.change = implementation.start_change(story.change, actor=story.submitter, now=when)
        if story.stop != Status.IN_PROGRESS:
            early = min(timedelta(minutes=self.rng.randint(5, 40)), (story.end - when) / 3)
            done = story.end - early
            self.at(done, lambda at: self.complete(story, at))

    def complete(self, story: Story, when: datetime) -> None:
        notes = {
            ChangeRequest.Outcome.BACKED_OUT: "Failed its test plan; backed out as planned.",
            ChangeRequest.Outcome.POSTPONED: "Vendor image failed validation; postponed.",
        }.get(story.outcome, "Went as planned.")
        change = implementation.complete_change(
            story.change, actor=story.submitter, outcome=story.outcome, notes=notes, now=when
        )
        story.change = change
        if change.change_type == Type.INFORMATIONAL:
            self.at(self.soon(when, 20), lambda at: self.review(story, at))
        elif when > self.last_build:
            # Too late for the last meeting: the coordinator adds it to the next one, once
            # that meeting is planned.
            planned = self.meetings[-2] + timedelta(hours=1, minutes=1)
            self.at(max(self.between(when, 0.5), planned), lambda at: self.place(story, at))

    def review(self, story: Story, when: datetime) -> None:
        change = story.change
        implementation.review_change(
            change,
            actor=story.submitter,
            what_happened=(
                "Ran in its window as planned."
                if change.outcome == ChangeRequest.Outcome.SUCCESSFUL
                else "Failed its checks; the back-out plan restored service."
            ),
            impact="No calls to the Customer Care Center beyond the announced outage.",
            lessons="" if change.outcome == "successful" else "Test the image on the lab first.",
            follow_up_actions="" if change.outcome == "successful" else "Resubmit next month.",
            now=when,
        )
        if story.stop != Status.REVIEWED:
            self.at(self.soon(when, 22), lambda at: self.close(story, at))

    def close(self, story: Story, when: datetime) -> None:
        implementation.close_change(story.change, actor=self.coordinator, now=when)

    # --- The meetings -----------------------------------------------------------------

    def hold(self, scheduled: datetime, meeting: Meeting) -> None:
        """Open the meeting, take attendance, decide and review each item, close it."""
        coordinator, clock = self.coordinator, scheduled
        meetings.open_meeting(meeting, actor=coordinator, now=clock)
        present = [self.committee[0], *self.rng.sample(self.committee[1:], 3)]
        meetings.record_attendance(
            meeting, actor=coordinator, attendees=[coordinator, *present], now=clock
        )
        minutes, follow_ups = [], []
        for item in meeting.items.select_related("change").order_by("position"):
            clock += timedelta(minutes=4)
            change, story = item.change, self.stories[item.change_id]
            story.change = change
            if item.purpose == AgendaItem.Purpose.DECIDE:
                decision, reason, notes = story.decisions.pop(0)
                actor = self.rng.choice(present)
                if decision == "approve":
                    decisions.approve_change(change, actor=actor, notes=notes, now=clock)
                    follow_ups.append((self.schedule, story))
                elif decision == "deny":
                    decisions.deny_change(
                        change, actor=actor, denial_reason=reason, notes=notes, now=clock
                    )
                else:
                    decisions.defer_change(change, actor=actor, notes=notes, now=clock)
                minutes.append(f"{change.number} {change.title}: {decision}.")
            elif item.purpose == AgendaItem.Purpose.REVIEW and change.status == Status.COMPLETED:
                self.review(story, clock)
                minutes.append(f"{change.number} reviewed ({change.get_outcome_display()}).")
            else:
                minutes.append(f"{change.number} noted.")
        closed_at = scheduled + timedelta(minutes=50)
        meetings.close_meeting(
            meeting,
            actor=coordinator,
            minutes=f"Present: {len(present) + 1}. " + " ".join(minutes),
            now=closed_at,
        )
        for step, story in follow_ups:
            self.at(
                self.soon(closed_at, self.rng.uniform(2, 30)), lambda at, s=story, f=step: f(s, at)
            )

    def plan_meetings(self) -> None:
        past, upcoming = self.meetings[:-1], self.meetings[-1]
        for index, scheduled in enumerate(past):
            planned = (past[index - 1] if index else scheduled - timedelta(weeks=1)) + timedelta(
                hours=1
            )
            self.at(planned, lambda at, s=scheduled: self.prepare(s, at))
        self.at(past[-1] + timedelta(hours=1), lambda at: self.plan_upcoming(upcoming, at))

    def prepare(self, scheduled: datetime, when: datetime) -> None:
        meeting = meetings.prepare_meeting(
            actor=self.coordinator, scheduled_for=scheduled, now=when
        )
        # Monday morning: add what became due since, then meet.
        self.at(
            scheduled - timedelta(hours=2),
            lambda at: meetings.build_agenda(meeting, actor=self.coordinator, now=at),
        )
        self.at(scheduled, lambda at: self.hold(scheduled, meeting))

    def plan_upcoming(self, scheduled: datetime, when: datetime) -> None:
        # Planned but not built: the coordinator adds each change as it is ready, so a
        # change deferred last week waits for its revision.
        self.upcoming = meetings.plan_meeting(
            actor=self.coordinator, scheduled_for=scheduled, now=when
        )


def _demo_or_first(username: str, people) -> Person:
    people = list(people.order_by("pk"))
    return next((p for p in people if p.username == username), people[0])
