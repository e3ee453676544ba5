"""Each change's life drawn step by step, as the services allow it, and every row it
leaves: the change with its systems, campuses and review, its agenda items and one event
per step; and each weekly meeting held with its attendance, votes, decisions and minutes.

A change is drawn for the meeting that first discusses it. Scheduled changes are submitted
the week before it, put on its agenda the morning of the meeting, decided there (a deferred
one at the next meeting), carried out in a maintenance window two weeks on, reviewed at the
first meeting after they complete and then closed. Emergencies are carried out at once and
reviewed at the next meeting; informational changes are recorded at one and reviewed after
they run. The history stops when the demo's own three months begin (`plan.until`).
"""

from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import UTC, datetime, timedelta

from django.utils import timezone

from districtdesk.activity.models import Event
from districtdesk.changes import rules
from districtdesk.changes.demo_catalogue import EMERGENCY, INFORMATIONAL, SCHEDULED, ChangeSpec
from districtdesk.changes.demo_changes import SLOTS
from districtdesk.changes.models import AgendaItem, ChangeRequest, ChangeReview, Meeting, Vote
from districtdesk.core.models import Person, Role
from districtdesk.demo.change_history.mix import (
    AGENDA_TIME,
    APPROVAL_NOTES,
    COMPLETION_NOTES,
    DEFERRALS,
    DENIAL_CHOICES,
    ITEM_TIME,
    MEETING_LENGTH,
    NOTICE,
    OUTCOMES,
    OUTSTANDING_MEETINGS,
    OUTSTANDING_SHARE,
    OVERRIDES,
    REVIEW_WORDS,
    TYPE_MIX,
)
from districtdesk.demo.change_history.plan import HistoryPlan
from districtdesk.demo.change_history.stories import DrawnHistory, Placement, Story

Status, Type, Outcome = ChangeRequest.Status, ChangeRequest.Type, ChangeRequest.Outcome
Purpose, Decision = AgendaItem.Purpose, AgendaItem.Decision


def _season(moment: datetime) -> float:
    """Summer is when districts make their big changes; winter break a little too."""
    return {6: 1.5, 7: 1.6, 8: 1.4, 12: 1.2}.get(moment.month, 1.0)


class Drawing:
    def __init__(self, plan: HistoryPlan) -> None:
        self.plan, self.cast, self.rng = plan, plan.cast, plan.cast.rng
        self.meetings = plan.meetings
        # Every moment an agenda is built: when the meeting is planned, an hour after the
        # one before (with what that one deferred), and the morning of the meeting.
        self.builds = sorted(
            build
            for index, meeting in enumerate(self.meetings)
            for build in ((self._planned_at(index), index), (meeting - timedelta(hours=2), index))
        )
        self.stories: list[Story] = []

    def _planned_at(self, index: int) -> datetime:
        """A meeting is planned, its agenda built, an hour after the one before."""
        before = self.meetings[index - 1] if index else self.meetings[0] - timedelta(weeks=1)
        return before + timedelta(hours=1)

    # --- Drawing the stories ----------------------------------------------------------

    def draw(self) -> DrawnHistory:
        rng, last = self.rng, len(self.meetings) - 1
        kinds, weights = zip(*TYPE_MIX, strict=True)
        # Scheduled changes are decided by the fourth meeting from the end, so that each is
        # done and reviewed by the last; informational ones are recorded by the second.
        deciding = range(0, last - 2)
        recording = range(0, last)
        seasons = [_season(meeting) for meeting in self.meetings]
        for kind in rng.choices(kinds, weights, k=self.plan.count):
            if kind == Type.EMERGENCY:
                self._emergency(rng.randint(1, last))
            elif kind == Type.INFORMATIONAL:
                self._informational(rng.choices(recording, seasons[:last])[0])
            else:
                self._scheduled(
                    rng.choices(deciding, seasons[: last - 2])[0], draft_only=kind == "draft"
                )
        self.stories.sort(key=lambda story: story.drafted)
        drawn = DrawnHistory()
        self._number(drawn)
        self._hold_meetings(drawn)
        self._write_changes(drawn)
        return drawn

    def _story(self, change_type: str, spec: ChangeSpec, drafted: datetime, **times) -> Story:
        campuses = [self.rng.choice(self.cast.schools)] if spec.at_campus else []
        story = Story(spec, change_type, self.cast.submitter_for(spec), campuses, drafted, **times)
        self.stories.append(story)
        return story

    def _week_before(self, meeting: datetime) -> datetime:
        """In office hours, Tuesday to Friday of the week before the meeting."""
        rng = self.rng
        return self.cast.local(meeting, -rng.randint(3, 6), rng.randint(8, 15), rng.randint(0, 59))

    def _finish(self, story: Story, started: datetime) -> None:
        """Started, completed a little early, and put on the agenda that reviews it."""
        rng = self.rng
        story.started = started
        early = min(timedelta(minutes=rng.randint(5, 40)), (story.end - started) / 3)
        story.completed = story.end - early
        outcomes, weights = zip(*OUTCOMES[story.change_type], strict=True)
        story.outcome = rng.choices(outcomes, weights)[0]
        story.closing_delay = timedelta(hours=rng.uniform(2, 48))
        if story.change_type == Type.INFORMATIONAL:
            story.reviewed = story.completed + timedelta(hours=rng.uniform(4, 20))
            return
        build = bisect_right(self.builds, (story.completed, len(self.meetings)))
        placed_at, meeting = self.builds[build]
        story.placements.append(Placement(meeting, placed_at, Purpose.REVIEW))
        near_the_end = meeting > len(self.meetings) - 1 - OUTSTANDING_MEETINGS
        story.review_outstanding = near_the_end and rng.random() < OUTSTANDING_SHARE

    def _scheduled(self, index: int, *, draft_only: bool) -> None:
        rng, cast, meeting = self.rng, self.cast, self.meetings[index]
        spec = rng.choice(SCHEDULED)
        notices, weights = zip(*NOTICE, strict=True)
        notice = rng.choices(notices, weights)[0]
        if notice == "two_weeks":
            submitted = self._week_before(meeting)
            start = cast.local(meeting, *rng.choice(SLOTS))
        else:
            # The first night after the Saturday-noon boundary: a scheduled change still.
            boundary = rules.emergency_boundary(meeting, self.plan.policy)
            start = rng.choice((cast.local(boundary, 0, 20), cast.local(boundary, 1, 6)))
            submitted = (
                self._week_before(meeting)
                if notice == "one_to_two_weeks"
                else cast.local(meeting, 0, rng.randint(8, 10), rng.randint(0, 59))
            )
        drafted = submitted - timedelta(hours=rng.randint(1, 30))
        end = start + timedelta(hours=min(spec.hours, 7))
        if draft_only:
            self._story(Type.SCHEDULED, spec, drafted, start=start, end=end)
            return
        story = self._story(
            Type.SCHEDULED, spec, drafted, start=start, end=end, submitted=submitted
        )
        if notice != "two_weeks":
            after = timedelta(hours=24) if notice == "one_to_two_weeks" else timedelta(minutes=40)
            story.override = (submitted + after, rng.choice(OVERRIDES))
        first = Placement(index, meeting - timedelta(hours=2), Purpose.DECIDE)
        story.placements.append(first)
        roll = rng.random()
        if roll < 0.07:
            first.decision = (Decision.DENY, *rng.choice(DENIAL_CHOICES))
        elif roll < 0.15 and notice == "two_weeks":
            # Deferred, and on the next meeting's agenda as soon as that one is planned.
            first.decision = (Decision.DEFER, "", rng.choice(DEFERRALS))
            again = Placement(index + 1, meeting + timedelta(hours=1), Purpose.DECIDE)
            story.placements.append(again)
            if rng.random() < 0.12:
                again.decision = (Decision.DENY, *rng.choice(DENIAL_CHOICES))
                return
            again.decision = (Decision.APPROVE, "", rng.choice(APPROVAL_NOTES))
        else:
            first.decision = (Decision.APPROVE, "", rng.choice(APPROVAL_NOTES))
        if first.decision[0] == Decision.DENY:
            return
        closed = self.meetings[story.decided.meeting] + MEETING_LENGTH
        story.scheduled = closed + timedelta(hours=rng.uniform(2, 30))
        self._finish(story, start + timedelta(minutes=rng.randint(0, 15)))

    def _emergency(self, index: int) -> None:
        """Between two meetings, mostly on a school day; reviewed at the next meeting."""
        rng, meeting = self.rng, self.meetings[index]
        spec = rng.choice(EMERGENCY)
        days_back = rng.choices(range(1, 7), (0.3, 0.3, 1, 1, 1, 1))[0]
        submitted = self.cast.local(meeting, -days_back, rng.randint(6, 19), rng.randint(0, 59))
        end = submitted + timedelta(hours=spec.hours)
        drafted = submitted - timedelta(minutes=rng.randint(10, 60))
        story = self._story(
            Type.EMERGENCY, spec, drafted, start=submitted, end=end, submitted=submitted
        )
        self._finish(story, submitted + min(timedelta(minutes=15), (end - submitted) / 4))

    def _informational(self, index: int) -> None:
        rng, meeting = self.rng, self.meetings[index]
        spec = rng.choice(INFORMATIONAL)
        submitted = self._week_before(meeting)
        start = self.cast.local(meeting, rng.randint(1, 4), rng.randint(18, 22))
        story = self._story(
            Type.INFORMATIONAL,
            spec,
            submitted - timedelta(hours=rng.randint(1, 30)),
            start=start,
            end=start + timedelta(hours=spec.hours),
            submitted=submitted,
        )
        story.scheduled = submitted + timedelta(hours=1)
        story.placements.append(Placement(index, meeting - timedelta(hours=2), Purpose.INFORM))
        self._finish(story, start)

    # --- Numbers, meetings and rows ---------------------------------------------------

    def _number(self, drawn: DrawnHistory) -> None:
        """Numbers in the order the changes were written, each with the request it answers."""
        plan = self.plan
        for offset, story in enumerate(self.stories):
            spec = story.spec
            names = ", ".join(campus.name for campus in story.campuses)
            pool = plan.requests.get(story.change_type)
            told = timezone.localtime(story.drafted, self.cast.zone)
            story.change = ChangeRequest(
                pk=plan.first_change_id + offset,
                change_type=story.change_type,
                planned_start=story.start,
                planned_end=story.end,
                **spec.change_fields(names, told),
                service_request_id=(
                    pool.answered_by(story.drafted)
                    if pool is not None and story.submitted
                    else None
                ),
                submitter=story.submitter,
                status=Status.DRAFT,
                created_at=story.drafted,
                submitted_at=story.submitted,
            )
            drawn.changes.append(story.change)
            pk = story.change.pk
            drawn.system_links += [
                ChangeRequest.systems.through(changerequest_id=pk, enterprisesystem_id=s.pk)
                for code in spec.systems
                if (s := self.cast.systems.get(code)) is not None
            ]
            drawn.campus_links += [
                ChangeRequest.campuses.through(changerequest_id=pk, campus_id=campus.pk)
                for campus in story.campuses
            ]

    def _event(self, type_id: int, subject, when, actor, code, **params) -> Event:
        return Event(
            occurred_at=when,
            actor=actor,
            code=code,
            subject_type_id=type_id,
            subject_id=str(subject.pk),
            params=params,
        )

    def _meeting_event(self, meeting: Meeting, when, actor, code, **params) -> Event:
        return self._event(self.plan.meeting_type_id, meeting, when, actor, code, **params)

    def _hold_meetings(self, drawn: DrawnHistory) -> None:
        """Each meeting's agenda in the order it was built, its items taken in turn."""
        plan, rng, cast = self.plan, self.rng, self.cast
        # The order agenda_candidates gives within one build: decisions, emergencies,
        # informational changes, then completed scheduled changes.
        group = {Purpose.DECIDE: 0, Purpose.INFORM: 2}
        agendas: dict[int, list[tuple]] = {}
        for story in self.stories:
            for placement in story.placements:
                emergency = story.change_type == Type.EMERGENCY
                rank = group.get(placement.purpose, 1 if emergency else 3)
                agendas.setdefault(placement.meeting, []).append(
                    (placement.placed_at, rank, story.submitted, story.change.pk, story, placement)
                )
        next_item = plan.first_item_id
        for index, scheduled_for in enumerate(self.meetings):
            others = cast.committee[1:]
            present = [cast.committee[0], *rng.sample(others, min(3, len(others)))]
            attendees = list(dict.fromkeys([cast.coordinator, *present]))
            meeting = Meeting(
                pk=plan.first_meeting_id + index,
                scheduled_for=scheduled_for,
                room=plan.meeting_room,
                status=Meeting.Status.CLOSED,
                opened_at=scheduled_for,
                closed_at=scheduled_for + MEETING_LENGTH,
            )
            drawn.meetings.append(meeting)
            drawn.attendance += [
                Meeting.attendees.through(meeting_id=meeting.pk, person_id=person.pk)
                for person in attendees
            ]
            items = sorted(agendas.get(index, []), key=lambda entry: entry[:4])
            step = min(ITEM_TIME, AGENDA_TIME / (len(items) + 1))
            minutes, approved, log = [], 0, []
            for position, (_at, _rank, _sub, pk, story, placement) in enumerate(items, 1):
                when = scheduled_for + step * position
                placement.taken_at = when
                decision, reason, notes = placement.decision
                decider = rng.choice(present) if decision else None
                placement.item = AgendaItem(
                    pk=next_item,
                    meeting_id=meeting.pk,
                    change_id=pk,
                    purpose=placement.purpose,
                    position=position,
                    decision=decision,
                    denial_reason=reason,
                    notes=notes,
                    decided_by=decider,
                    decided_at=when if decision else None,
                )
                next_item += 1
                drawn.items.append(placement.item)
                number = story.change.number
                if decision:
                    approved += decision == Decision.APPROVE
                    minutes.append(f"{number} {story.change.title}: {decision}.")
                    if plan.committee_votes:
                        log += self._votes(drawn, meeting, placement.item, present, when, number)
                elif placement.purpose == Purpose.REVIEW and not story.review_outstanding:
                    minutes.append(f"{number} reviewed ({Outcome(story.outcome).label}).")
                elif placement.purpose == Purpose.REVIEW:
                    minutes.append(f"{number} awaits its change review.")
                else:
                    minutes.append(f"{number} noted.")
            meeting.minutes = f"Present: {len(attendees)}. " + " ".join(minutes)
            built = Counter(entry[0] for entry in items)
            log += self._meeting_steps(meeting, index, attendees, built, approved)
            drawn.events += sorted(log, key=lambda logged: logged.occurred_at)

    def _meeting_steps(self, meeting, index, attendees, built, approved) -> list[Event]:
        """The coordinator's steps: planning it with its agenda, the agenda brought up to
        date that morning, opening, attendance and closing."""
        coordinator, scheduled_for = self.cast.coordinator, meeting.scheduled_for
        planned_at, morning = self._planned_at(index), scheduled_for - timedelta(hours=2)
        local = f"{timezone.localtime(scheduled_for, self.cast.zone):%Y-%m-%d %H:%M}"
        event = self._meeting_event
        return [
            event(meeting, planned_at, coordinator, "meeting.planned", scheduled_for=local),
            *(
                event(meeting, at, coordinator, "meeting.agenda_built", added=built[at])
                for at in (planned_at, morning)
            ),
            event(meeting, scheduled_for, coordinator, "meeting.opened"),
            event(
                meeting,
                scheduled_for,
                coordinator,
                "meeting.attendance_recorded",
                present=len(attendees),
                attendee_ids=sorted(person.pk for person in attendees),
            ),
            event(meeting, meeting.closed_at, coordinator, "meeting.closed", approved=approved),
        ]

    def _votes(self, drawn, meeting, item, present, when, number) -> list[Event]:
        """Each member present votes just before the decision, with it or abstaining."""
        events = []
        for order, voter in enumerate(present):
            choice = item.decision if self.rng.random() < 0.85 else Vote.Choice.ABSTAIN
            cast_at = when - timedelta(seconds=5 * (len(present) - order))
            drawn.votes.append(
                Vote(item=item, voter=voter, choice=choice, recorded_by=voter, cast_at=cast_at)
            )
            events.append(
                self._meeting_event(
                    meeting,
                    cast_at,
                    voter,
                    "meeting.vote_recorded",
                    number=number,
                    item_id=item.pk,
                    voter_id=voter.pk,
                    voter=str(voter),
                    choice=choice,
                )
            )
        return events

    # --- Each change's own rows -------------------------------------------------------

    def _write_changes(self, drawn: DrawnHistory) -> None:
        submitted = [story for story in self.stories if story.submitted]
        left_active = {story.change.pk: self._left_active(story) for story in submitted}
        # Stories by each system and campus they touch, by planned start, for the overlaps
        # the rules flag at submission.
        sharing: dict[tuple[str, int], list[tuple[datetime, int, Story]]] = {}
        for story in submitted:
            for key in self._keys(story):
                sharing.setdefault(key, []).append((story.start, story.change.pk, story))
        for entries in sharing.values():
            entries.sort(key=lambda entry: entry[:2])
        longest = max((story.end - story.start for story in submitted), default=timedelta())
        for story in self.stories:
            others = []
            if story.submitted:
                others = self._active_overlaps(story, sharing, left_active, longest)
            self._write(drawn, story, others)

    def _keys(self, story: Story) -> set[tuple[str, int]]:
        systems = {("system", s.pk) for c in story.spec.systems if (s := self.cast.systems.get(c))}
        return systems | {("campus", campus.pk) for campus in story.campuses}

    def _left_active(self, story: Story) -> datetime:
        """When the change left the statuses that hold its time on the calendar."""
        decided = story.decided
        if decided is not None and decided.decision[0] == Decision.DENY:
            return decided.taken_at
        return story.completed

    def _planned(self, story: Story) -> rules.PlannedChange:
        return rules.PlannedChange(
            change_type=story.change_type,
            planned_start=story.start,
            planned_end=story.end,
            affects_connectivity=story.spec.connectivity,
            system_ids=frozenset(pk for kind, pk in self._keys(story) if kind == "system"),
            campus_ids=frozenset(pk for kind, pk in self._keys(story) if kind == "campus"),
            number=story.change.number,
        )

    def _active_overlaps(self, story, sharing, left_active, longest) -> list[rules.PlannedChange]:
        """The changes on the calendar when this one was submitted that share a system or
        campus with it, newest first as the overlap query returns them."""
        found: dict[int, Story] = {}
        for key in self._keys(story):
            entries = sharing[key]
            index = bisect_left(entries, story.end, key=lambda entry: entry[0])
            while index > 0 and entries[index - 1][0] > story.start - longest:
                index -= 1
                _start, pk, other = entries[index]
                if (
                    pk != story.change.pk
                    and other.end > story.start
                    and other.submitted <= story.submitted < left_active[pk]
                ):
                    found[pk] = other
        ordered = sorted(found.values(), key=lambda other: (other.drafted, other.change.pk))
        return [self._planned(other) for other in reversed(ordered)]

    def _write(self, drawn: DrawnHistory, story: Story, others: list[rules.PlannedChange]):
        plan, change = self.plan, story.change
        coordinator, submitter = self.cast.coordinator, story.submitter
        campus_ids = sorted(campus.pk for campus in story.campuses)
        steps: list[Event] = []

        def step(when: datetime, actor: Person, code: str, **params) -> None:
            steps.append(self._event(plan.change_type_id, change, when, actor, code, **params))

        step(
            story.drafted,
            submitter,
            "change.drafted",
            number=change.number,
            change_type=change.change_type,
        )
        if story.submitted:
            flags = rules.check_change(
                self._planned(story),
                now=story.submitted,
                policy=plan.policy,
                windows=plan.windows,
                blackouts=plan.blackouts,
                others=others,
            )
            step(
                story.submitted,
                submitter,
                "change.submitted",
                number=change.number,
                flag_count=len(flags),
                flags=[flag.code for flag in flags],
            )
            change.status = Status.SUBMITTED
        if story.override:
            when, reason = story.override
            change.lead_time_override_by, change.lead_time_override_reason = coordinator, reason
            step(when, coordinator, "change.lead_time_overridden", reason=reason)
        reviewed = story.reviewed
        for placement in story.placements:
            item, meeting = placement.item, self.meetings[placement.meeting]
            step(
                placement.placed_at,
                coordinator,
                "change.placed_on_agenda",
                meeting=f"{timezone.localtime(meeting, self.cast.zone):%Y-%m-%d %H:%M}",
                meeting_id=item.meeting_id,
                purpose=placement.purpose,
            )
            decision, reason, notes = placement.decision
            if decision:
                change.status = {
                    Decision.APPROVE: Status.APPROVED,
                    Decision.DENY: Status.DENIED,
                    Decision.DEFER: Status.DEFERRED,
                }[decision]
                change.decided_at, change.denial_reason = placement.taken_at, reason
                change.decision_notes = notes
                params = {"notes": notes, **({"denial_reason": reason} if reason else {})}
                step(placement.taken_at, item.decided_by, f"change.{change.status}", **params)
                if decision == Decision.APPROVE:
                    change.eligible_at = meeting + MEETING_LENGTH
            elif placement.purpose == Purpose.REVIEW and not story.review_outstanding:
                reviewed = placement.taken_at
        if story.scheduled:
            change.status = Status.SCHEDULED
            step(
                story.scheduled,
                submitter,
                "change.scheduled",
                notify_campus_ids=campus_ids,
                planned_start=story.start.astimezone(UTC).isoformat(),
            )
        if story.started:
            change.status, change.started_at = Status.IN_PROGRESS, story.started
            if story.change_type == Type.EMERGENCY:
                step(
                    story.started,
                    submitter,
                    "change.emergency_implemented",
                    notify_roles=[Role.DIRECTOR.value],
                    notify_campus_ids=campus_ids,
                )
            else:
                step(story.started, submitter, "change.started")
            change.status, change.completed_at = Status.COMPLETED, story.completed
            change.outcome = story.outcome
            step(
                story.completed,
                submitter,
                "change.completed",
                outcome=story.outcome,
                notes=COMPLETION_NOTES[story.outcome],
                notify_roles=[Role.PRINCIPAL.value, Role.SUPERINTENDENT.value],
                notify_campus_ids=campus_ids,
            )
        if story.started and not story.review_outstanding:
            self._review(drawn, story, reviewed)
            step(reviewed, submitter, "change.reviewed")
            closed = reviewed + story.closing_delay
            change.status = Status.REVIEWED
            if closed <= plan.until:
                change.status, change.closed_at = Status.CLOSED, closed
                step(closed, coordinator, "change.closed")
        drawn.events += sorted(steps, key=lambda event: event.occurred_at)

    def _review(self, drawn: DrawnHistory, story: Story, reviewed: datetime) -> None:
        what_happened, lessons, follow_up = REVIEW_WORDS[story.outcome]
        drawn.reviews.append(
            ChangeReview(
                change=story.change,
                what_happened=what_happened,
                impact="No calls to the Customer Care Center beyond the announced outage.",
                lessons=lessons,
                follow_up_actions=follow_up,
                reviewer=story.submitter,
                reviewed_at=reviewed,
            )
        )
