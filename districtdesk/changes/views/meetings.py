"""The Change Control meeting: the list of meetings with their minutes, the coordinator's
page for one meeting (its agenda built automatically, attendance, minutes, a decision per
item, opening and closing it) and the printable agenda."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from districtdesk.changes import forms, policies, selectors, workflow
from districtdesk.changes.models import AgendaItem, ChangeControlSettings, Meeting
from districtdesk.changes.services import decisions, meetings, votes
from districtdesk.changes.views.common import paged, require, require_staff
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person

Purpose = AgendaItem.Purpose
SECTIONS = (
    (Purpose.DECIDE, gettext_lazy("For decision")),
    (Purpose.REVIEW, gettext_lazy("For review")),
    (Purpose.INFORM, gettext_lazy("For the record")),
)


def _meeting(person, pk: int) -> Meeting:
    items = AgendaItem.objects.select_related("change__submitter", "decided_by").prefetch_related(
        "change__systems", "change__campuses", "votes"
    )
    meetings_seen = policies.meetings_visible_to(person).prefetch_related(
        Prefetch("items", queryset=items.order_by("position")), "attendees"
    )
    return get_object_or_404(meetings_seen, pk=pk)


@dataclass(frozen=True)
class Voting:
    """How the viewer takes part in the committee's votes at this meeting, if it votes."""

    quorum: int
    present: list[Person]
    for_others: bool  # the coordinator records any present member's vote
    votes_self: bool  # a member present votes for themselves

    @property
    def present_ids(self) -> set[int]:
        return {person.pk for person in self.present}

    @property
    def has_quorum(self) -> bool:
        return len(self.present) >= self.quorum


def _voting(
    person: Person, meeting: Meeting, settings_row: ChangeControlSettings | None = None
) -> Voting | None:
    settings_row = settings_row or selectors.current_settings()
    if not settings_row.committee_votes:
        return None
    present = list(meeting.attendees.all())
    may_vote = meeting.status == Meeting.Status.OPEN and policies.can_decide(
        person, settings_row.approval_model
    )
    return Voting(
        quorum=settings_row.quorum,
        present=present,
        for_others=may_vote and policies.can_coordinate(person),
        votes_self=may_vote and any(member.pk == person.pk for member in present),
    )


def _sections(
    meeting: Meeting,
    *,
    now,
    deciding: bool = False,
    bound: forms.DecisionForm | None = None,
    voting: Voting | None = None,
    bound_vote: forms.VoteForm | None = None,
) -> list[dict[str, Any]]:
    """The agenda in its three sections, each item with the flags of its change and, for
    whoever decides at an open meeting, a decision form on each undecided item; where the
    committee votes, the tally beside it and a vote form for whoever may vote."""
    items = list(meeting.items.all())
    flags = selectors.flags_for_many([item.change for item in items], now=now)

    def row(item: AgendaItem) -> dict[str, Any]:
        return _row(item, flags[item.change_id], deciding, bound, voting, bound_vote)

    return [
        {
            "purpose": purpose,
            "title": title,
            "rows": [row(item) for item in items if item.purpose == purpose],
        }
        for purpose, title in SECTIONS
    ]


def _row(item, flags, deciding, bound, voting, bound_vote) -> dict[str, Any]:
    form = vote_form = tally = None
    if deciding and item.purpose == Purpose.DECIDE and not item.decision:
        prefix = f"item-{item.pk}"
        form = bound if bound is not None and bound.prefix == prefix else None
        form = form or forms.DecisionForm(prefix=prefix)
        if voting is not None:
            tally = votes.tally(item.votes.all(), voting.present_ids)
            prefix = f"vote-{item.pk}"
            if bound_vote is not None and bound_vote.prefix == prefix:
                vote_form = bound_vote
            elif voting.for_others or voting.votes_self:
                vote_form = forms.VoteForm(
                    prefix=prefix, present=voting.present, for_others=voting.for_others
                )
    return {
        "item": item,
        "flags": flags,
        "form": form,
        "tally": tally,
        "vote_form": vote_form,
        "voting": voting,
    }


@login_required
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    require_staff(request.user)
    settings_row = selectors.current_settings()
    seen = policies.meetings_visible_to(request.user)
    upcoming = list(seen.exclude(status=Meeting.Status.CLOSED).order_by("scheduled_for"))
    past = seen.filter(status=Meeting.Status.CLOSED).order_by("-scheduled_for")
    coordinator = policies.can_coordinate(request.user)
    return render(
        request,
        "changes/meeting_list.html",
        {
            "upcoming": upcoming,
            **paged(past, request.GET.get("page")),
            "uses_meeting": settings_row.approval_model
            == ChangeControlSettings.ApprovalModel.MEETING,
            "settings": settings_row,
            "plan_form": forms.PlanMeetingForm() if coordinator else None,
            "active_nav": "changes",
        },
    )


@login_required
@require_POST
def meeting_plan(request: HttpRequest) -> HttpResponse:
    """Plan a meeting (the next regular one unless told) with its agenda built."""
    require(policies.can_coordinate(request.user))
    form = forms.PlanMeetingForm(request.POST)
    if form.is_valid():
        try:
            meeting = meetings.prepare_meeting(
                actor=request.user, scheduled_for=form.cleaned_data["scheduled_for"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("Meeting planned; its agenda is built."))
            return redirect("meeting_detail", pk=meeting.pk)
    messages.error(request, _("Not planned. %(errors)s") % {"errors": form.error_summary()})
    return redirect("meeting_list")


def _meeting_context(
    request: HttpRequest,
    meeting: Meeting,
    *,
    decision: forms.DecisionForm | None = None,
    vote: forms.VoteForm | None = None,
    **bound: Any,
) -> dict[str, Any]:
    now = timezone.now()
    person = request.user
    coordinator = policies.can_coordinate(person)
    settings_row = selectors.current_settings()
    model = settings_row.approval_model
    deciding = meeting.status == Meeting.Status.OPEN and policies.can_decide(person, model)
    voting = _voting(person, meeting, settings_row)
    context: dict[str, Any] = {
        "meeting": meeting,
        "voting": voting,
        "sections": _sections(
            meeting, now=now, deciding=deciding, bound=decision, voting=voting, bound_vote=vote
        ),
        "coordinator": coordinator,
        "new_candidates": 0,
        "active_nav": "changes",
    }
    if coordinator and workflow.can_meeting(meeting, "build_agenda"):
        context["new_candidates"] = len(selectors.agenda_candidates(meeting))
        context["build_form"] = forms.MeetingStepForm(meeting=meeting)
    if coordinator and workflow.can_meeting(meeting, "open"):
        context["open_form"] = forms.MeetingStepForm(meeting=meeting)
    if coordinator and workflow.can_meeting(meeting, "record_attendance"):
        initial = {"attendees": list(meeting.attendees.all()), "minutes": meeting.minutes}
        context["attendance_form"] = forms.AttendanceForm(meeting=meeting, initial=initial)
        context["close_form"] = forms.CloseMeetingForm(
            meeting=meeting, initial={"minutes": meeting.minutes}
        )
    context.update(bound)
    return context


@login_required
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_staff(request.user)
    meeting = _meeting(request.user, pk)
    return render(request, "changes/meeting_detail.html", _meeting_context(request, meeting))


# step -> (form, the context name of its form, service, what the message says once done)
MEETING_STEPS: dict[str, tuple[type[forms.MeetingStepForm], str, Callable[..., Any], str]] = {
    "build_agenda": (
        forms.MeetingStepForm,
        "build_form",
        meetings.build_agenda,
        gettext_lazy("The agenda is up to date."),
    ),
    "open": (
        forms.MeetingStepForm,
        "open_form",
        meetings.open_meeting,
        gettext_lazy("The meeting is open."),
    ),
    "attendance": (
        forms.AttendanceForm,
        "attendance_form",
        meetings.record_attendance,
        gettext_lazy("Attendance and minutes saved."),
    ),
    "close": (
        forms.CloseMeetingForm,
        "close_form",
        meetings.close_meeting,
        gettext_lazy("The meeting is closed; the changes it approved may go ahead."),
    ),
}


@login_required
@require_POST
def meeting_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    require(policies.can_coordinate(request.user))
    meeting = _meeting(request.user, pk)
    form_class, name, service, done = MEETING_STEPS[step]
    form = form_class(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            service(meeting, actor=request.user, **form.arguments())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, str(done))
            return redirect("meeting_detail", pk=pk)
    context = _meeting_context(request, meeting, **{name: form})
    context["failed_step"] = step
    return render(request, "changes/meeting_detail.html", context)


DECISIONS = {
    AgendaItem.Decision.APPROVE: decisions.approve_change,
    AgendaItem.Decision.DENY: decisions.deny_change,
    AgendaItem.Decision.DEFER: decisions.defer_change,
}


@login_required
@require_POST
def meeting_decide(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The committee's decision on one item, recorded while the meeting is open."""
    model = selectors.current_settings().approval_model
    require(policies.can_decide(request.user, model))
    meeting = _meeting(request.user, pk)
    item = get_object_or_404(meeting.items.all(), pk=item_pk)
    form = forms.DecisionForm(request.POST, prefix=f"item-{item.pk}")
    if form.is_valid():
        try:
            DECISIONS[form.cleaned_data["decision"]](
                item.change, actor=request.user, **form.arguments()
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request,
                _("%(number)s: %(decision)s.")
                % {
                    "number": item.change.number,
                    "decision": AgendaItem.Decision(form.cleaned_data["decision"]).label,
                },
            )
            return redirect("meeting_detail", pk=pk)
    context = _meeting_context(request, meeting, decision=form)
    return render(request, "changes/meeting_detail.html", context)


@login_required
@require_POST
def meeting_vote(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """A present member's vote on one item (or the coordinator recording it). With htmx the
    item's decision row comes back with its new tally; without, the page."""
    model = selectors.current_settings().approval_model
    require(policies.can_decide(request.user, model))
    meeting = _meeting(request.user, pk)
    item = get_object_or_404(meeting.items.all(), pk=item_pk)
    voting = _voting(request.user, meeting)
    form = forms.VoteForm(
        request.POST,
        prefix=f"vote-{item.pk}",
        present=voting.present if voting else [],
        for_others=voting.for_others if voting else False,
    )
    announcement = ""
    if form.is_valid():
        try:
            votes.record_vote(meeting, actor=request.user, item=item, **form.arguments())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            announcement = _("%(number)s: vote recorded.") % {"number": item.change.number}
            if not request.htmx:
                messages.success(request, announcement)
                return redirect("meeting_detail", pk=pk)
            meeting, form = _meeting(request.user, pk), None
    if request.htmx:
        fresh = next(each for each in meeting.items.all() if each.pk == item_pk)
        deciding = meeting.status == Meeting.Status.OPEN
        row = _row(fresh, [], deciding, None, _voting(request.user, meeting), form)
        return render(
            request,
            "changes/_decision_row.html",
            {
                "meeting": meeting,
                "row": row,
                "announcement": announcement
                or _("Not saved. %(errors)s") % {"errors": form.error_summary()},
                "failed": form is not None,
            },
        )
    return render(
        request, "changes/meeting_detail.html", _meeting_context(request, meeting, vote=form)
    )


@login_required
@require_GET
def agenda_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda as a printed sheet for the meeting room."""
    require_staff(request.user)
    meeting = _meeting(request.user, pk)
    return render(
        request,
        "changes/agenda_print.html",
        {
            "meeting": meeting,
            "sections": _sections(meeting, now=timezone.now()),
            "active_nav": "changes",
        },
    )
