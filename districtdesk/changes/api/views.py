"""The change-control API: changes and meetings, and one POST per workflow step.

Every query starts from the caller's policy scope, so a change or meeting outside it
answers 404. Each step parses its own input and calls exactly one service. A step the rules
refuse raises DomainError, which the API's exception handler turns into a 400 with field
errors; "not_allowed" becomes a 403 here, because by then the caller sees the object.
"""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from districtdesk.changes import policies, selectors
from districtdesk.changes.api.serializers import (
    AttendanceInputSerializer,
    ChangeInputSerializer,
    ChangeRequestSerializer,
    CloseMeetingInputSerializer,
    CompleteInputSerializer,
    DenyInputSerializer,
    MeetingSerializer,
    NotesInputSerializer,
    OverrideLeadTimeInputSerializer,
    PlaceOnAgendaInputSerializer,
    PlanMeetingInputSerializer,
    ReviewInputSerializer,
    ReviseInputSerializer,
    VoteInputSerializer,
)
from districtdesk.changes.models import ChangeRequest, Meeting
from districtdesk.changes.services import (
    decisions,
    implementation,
    meetings,
    submission,
    votes,
)
from districtdesk.core.api.steps import StepsMixin


@extend_schema_view(
    list=extend_schema(summary="Changes the caller may see, newest first"),
    retrieve=extend_schema(summary="One change, with its flags and review"),
)
class ChangeRequestViewSet(
    StepsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = ChangeRequest.objects.none()  # names the model; get_queryset scopes each call
    serializer_class = ChangeRequestSerializer
    lookup_value_regex = "[0-9]+"

    def scope(self) -> QuerySet[ChangeRequest]:
        return policies.changes_visible_to(self.request.user)

    def get_queryset(self) -> QuerySet[ChangeRequest]:
        if getattr(self, "swagger_fake_view", False):
            return ChangeRequest.objects.none()
        return selectors.for_lists(self.scope()).select_related("review__reviewer")

    def answer_serializer(self, change: ChangeRequest) -> ChangeRequestSerializer:
        change.current_flags = selectors.flags_for(change, now=timezone.now())
        return ChangeRequestSerializer(change, context=self.get_serializer_context())

    def retrieve(self, request: Request, pk: str) -> Response:
        change = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(self.answer_serializer(change).data)

    @extend_schema(
        summary="Write a draft change",
        description=(
            "Department heads, managers, supervisors and subject-matter experts. Data-only "
            "changes through an application's own methods, and routine OS updates from the "
            "district's update repository, need no change request."
        ),
        request=ChangeInputSerializer,
        responses={201: ChangeRequestSerializer},
    )
    def create(self, request: Request) -> Response:
        fields = self._parse(ChangeInputSerializer)
        with transaction.atomic():
            change = self._call(submission.draft_change, **fields)
            return self._answer(change.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Revise a draft or deferred change",
        request=ReviseInputSerializer,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def revise(self, request: Request, pk: str) -> Response:
        return self._step(submission.revise_change, ReviseInputSerializer)

    @extend_schema(
        summary="Submit the draft",
        description="Refused for a scheduled change that would act before noon on the Saturday "
        "after its first meeting: that is an emergency change.",
        request=None,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str) -> Response:
        return self._step(submission.submit_change)

    @extend_schema(
        summary="Accept a short lead time (coordinator)",
        request=OverrideLeadTimeInputSerializer,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"], url_path="override-lead-time")
    def override_lead_time(self, request: Request, pk: str) -> Response:
        return self._step(submission.override_lead_time, OverrideLeadTimeInputSerializer)

    @extend_schema(
        summary="Put the change on a meeting's agenda (coordinator)",
        request=PlaceOnAgendaInputSerializer,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"], url_path="place-on-agenda")
    def place_on_agenda(self, request: Request, pk: str) -> Response:
        return self._step(decisions.place_on_agenda, PlaceOnAgendaInputSerializer)

    @extend_schema(
        summary="Approve (committee at the open meeting, or the single approver)",
        request=NotesInputSerializer,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        return self._step(decisions.approve_change, NotesInputSerializer)

    @extend_schema(
        summary="Deny, with the reason",
        request=DenyInputSerializer,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def deny(self, request: Request, pk: str) -> Response:
        return self._step(decisions.deny_change, DenyInputSerializer)

    @extend_schema(
        summary="Defer to a later meeting",
        request=NotesInputSerializer,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def defer(self, request: Request, pk: str) -> Response:
        return self._step(decisions.defer_change, NotesInputSerializer)

    @extend_schema(
        summary="Schedule; affected users and campuses are told",
        request=None,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def schedule(self, request: Request, pk: str) -> Response:
        return self._step(implementation.schedule_change)

    @extend_schema(
        summary="Start implementing",
        description="An emergency may start at once; directors and managers are told.",
        request=None,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str) -> Response:
        return self._step(implementation.start_change)

    @extend_schema(
        summary="Record the outcome",
        request=CompleteInputSerializer,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str) -> Response:
        return self._step(implementation.complete_change, CompleteInputSerializer)

    @extend_schema(
        summary="Record the change review",
        request=ReviewInputSerializer,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str) -> Response:
        return self._step(implementation.review_change, ReviewInputSerializer)

    @extend_schema(
        summary="Close a reviewed change (coordinator)",
        request=None,
        responses={200: ChangeRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self._step(implementation.close_change)


@extend_schema_view(
    list=extend_schema(summary="Change Control meetings, newest first"),
    retrieve=extend_schema(summary="One meeting with its agenda and decisions"),
)
class MeetingViewSet(
    StepsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = Meeting.objects.none()
    serializer_class = MeetingSerializer
    lookup_value_regex = "[0-9]+"

    def scope(self) -> QuerySet[Meeting]:
        return policies.meetings_visible_to(self.request.user)

    def get_queryset(self) -> QuerySet[Meeting]:
        if getattr(self, "swagger_fake_view", False):
            return Meeting.objects.none()
        return selectors.meeting_with_agenda(self.scope())

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "change_settings": selectors.current_settings()}

    def answer_serializer(self, meeting: Meeting) -> MeetingSerializer:
        return MeetingSerializer(meeting, context=self.get_serializer_context())

    @extend_schema(
        summary="Plan a meeting (coordinator)",
        request=PlanMeetingInputSerializer,
        responses={201: MeetingSerializer},
    )
    def create(self, request: Request) -> Response:
        fields = self._parse(PlanMeetingInputSerializer)
        with transaction.atomic():
            meeting = self._call(meetings.plan_meeting, **fields)
            return self._answer(meeting.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(summary="Add everything due to the agenda (coordinator)", request=None)
    @action(detail=True, methods=["post"], url_path="build-agenda")
    def build_agenda(self, request: Request, pk: str) -> Response:
        return self._step(meetings.build_agenda)

    @extend_schema(
        summary="Open the meeting (coordinator)",
        description="Refused (400, field `scheduled_for`) earlier than the district's grace "
        "before the meeting's time.",
        request=None,
    )
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str) -> Response:
        return self._step(meetings.open_meeting)

    @extend_schema(
        summary="Record who is present, and the minutes (coordinator)",
        request=AttendanceInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str) -> Response:
        return self._step(meetings.record_attendance, AttendanceInputSerializer)

    @extend_schema(
        summary="Close the meeting; approved changes become eligible (coordinator)",
        request=CloseMeetingInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self._step(meetings.close_meeting, CloseMeetingInputSerializer)

    @extend_schema(
        summary="Record a present member's vote on an item for decision",
        description=(
            "Where the district's committee votes. Members vote for themselves; the "
            "coordinator may record any present member's vote. Voting again changes the vote."
        ),
        request=VoteInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def vote(self, request: Request, pk: str) -> Response:
        return self._step(votes.record_vote, VoteInputSerializer)
