"""What the change-control API reads and answers.

Input serializers only parse and check the shape of a step's fields; the rules live in the
services. Output serializers describe changes and meetings, with `status` read-only.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from districtdesk.changes.models import AgendaItem, ChangeRequest, ChangeReview, Meeting, Vote
from districtdesk.changes.policies import STAFF
from districtdesk.changes.services.votes import tally
from districtdesk.core.models import Campus, EnterpriseSystem, Person
from districtdesk.service_requests.api.serializers import (
    CampusRefSerializer,
    PersonRefSerializer,
    SystemRefSerializer,
)
from districtdesk.service_requests.policies import requests_visible_to

# --- Answers ----------------------------------------------------------------


class FlagSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=[
            "short_lead_time",
            "needs_emergency",
            "outside_window",
            "in_blackout",
            "overlaps_change",
        ],
        read_only=True,
    )
    reason = serializers.CharField(read_only=True)


class ChangeReviewSerializer(serializers.ModelSerializer):
    reviewer = PersonRefSerializer(read_only=True)

    class Meta:
        model = ChangeReview
        fields = [
            "what_happened",
            "impact",
            "lessons",
            "follow_up_actions",
            "reviewer",
            "reviewed_at",
        ]
        read_only_fields = fields


class ChangeRequestSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True, help_text=_("e.g. CHG-000123"))
    # Declared, not derived: a non-editable model field would lose its choices.
    status = serializers.ChoiceField(choices=ChangeRequest.Status.choices, read_only=True)
    outcome = serializers.ChoiceField(choices=ChangeRequest.Outcome.choices, read_only=True)
    denial_reason = serializers.ChoiceField(
        choices=ChangeRequest.DenialReason.choices, read_only=True
    )
    submitter = PersonRefSerializer(read_only=True)
    systems = SystemRefSerializer(many=True, read_only=True)
    campuses = CampusRefSerializer(many=True, read_only=True)
    lead_time_overridden = serializers.BooleanField(read_only=True)
    flags = serializers.SerializerMethodField(
        help_text=_(
            "The rules' flags as they stand now, each with its code and reason. Given when "
            "one change is read or written; null in lists."
        )
    )
    review = ChangeReviewSerializer(read_only=True, allow_null=True, source="review_or_none")

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "number",
            "title",
            "change_type",
            "category",
            "status",
            "outcome",
            "systems",
            "campuses",
            "description",
            "reason",
            "risk_level",
            "risk_and_impact",
            "affected_users",
            "implementation_plan",
            "back_out_plan",
            "test_plan",
            "planned_start",
            "planned_end",
            "affects_connectivity",
            "service_request",
            "submitter",
            "created_at",
            "submitted_at",
            "decided_at",
            "denial_reason",
            "decision_notes",
            "eligible_at",
            "started_at",
            "completed_at",
            "closed_at",
            "lead_time_overridden",
            "lead_time_override_reason",
            "flags",
            "review",
        ]
        read_only_fields = fields

    @extend_schema_field(FlagSerializer(many=True, allow_null=True))
    def get_flags(self, change: ChangeRequest) -> list[dict] | None:
        flags = getattr(change, "current_flags", None)
        if flags is None:
            return None
        return [{"code": flag.code, "reason": flag.reason} for flag in flags]


class VoteSerializer(serializers.ModelSerializer):
    voter = PersonRefSerializer(read_only=True)
    choice = serializers.ChoiceField(choices=Vote.Choice.choices, read_only=True)

    class Meta:
        model = Vote
        fields = ["voter", "choice", "cast_at"]
        read_only_fields = fields


class TallySerializer(serializers.Serializer):
    approve = serializers.IntegerField(read_only=True)
    deny = serializers.IntegerField(read_only=True)
    defer = serializers.IntegerField(read_only=True)
    abstain = serializers.IntegerField(read_only=True)
    present = serializers.IntegerField(read_only=True)
    not_yet = serializers.IntegerField(read_only=True)


class AgendaItemSerializer(serializers.ModelSerializer):
    change = ChangeRequestSerializer(read_only=True)
    purpose = serializers.ChoiceField(choices=AgendaItem.Purpose.choices, read_only=True)
    decision = serializers.ChoiceField(choices=AgendaItem.Decision.choices, read_only=True)
    denial_reason = serializers.ChoiceField(
        choices=ChangeRequest.DenialReason.choices, read_only=True
    )
    decided_by = PersonRefSerializer(read_only=True, allow_null=True)
    votes = VoteSerializer(many=True, read_only=True)
    tally = serializers.SerializerMethodField(
        help_text=_("The votes of the members present now, by choice.")
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "position",
            "purpose",
            "change",
            "decision",
            "denial_reason",
            "notes",
            "decided_by",
            "decided_at",
            "votes",
            "tally",
        ]
        read_only_fields = fields

    @extend_schema_field(TallySerializer)
    def get_tally(self, item: AgendaItem) -> dict[str, int]:
        present = {person.pk for person in item.meeting.attendees.all()}
        return tally(item.votes.all(), present).as_dict()


class MeetingSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=Meeting.Status.choices, read_only=True)
    attendees = PersonRefSerializer(many=True, read_only=True)
    items = AgendaItemSerializer(many=True, read_only=True)
    committee_votes = serializers.SerializerMethodField(
        help_text=_("Whether the district's committee votes on each change for decision.")
    )
    quorum = serializers.SerializerMethodField(
        help_text=_(
            "Members who must be present before a decision is recorded; null if "
            "the committee does not vote."
        )
    )
    has_quorum = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "scheduled_for",
            "room",
            "status",
            "attendees",
            "minutes",
            "opened_at",
            "closed_at",
            "agenda_published_at",
            "committee_votes",
            "quorum",
            "has_quorum",
            "items",
        ]
        read_only_fields = fields

    def _settings(self):
        return self.context["change_settings"]

    @extend_schema_field(serializers.BooleanField())
    def get_committee_votes(self, meeting: Meeting) -> bool:
        return self._settings().committee_votes

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_quorum(self, meeting: Meeting) -> int | None:
        row = self._settings()
        return row.quorum if row.committee_votes else None

    @extend_schema_field(serializers.BooleanField())
    def get_has_quorum(self, meeting: Meeting) -> bool:
        row = self._settings()
        return not row.committee_votes or len(meeting.attendees.all()) >= row.quorum


# --- Inputs -----------------------------------------------------------------


class VisibleRequestField(serializers.PrimaryKeyRelatedField):
    """A service request the caller can see; any other id reads as one that does not exist."""

    def get_queryset(self):
        return requests_visible_to(self.context["request"].user)


class ChangeInputSerializer(serializers.ModelSerializer):
    """The fields of a draft; every one is optional when revising."""

    systems = serializers.PrimaryKeyRelatedField(
        many=True, queryset=EnterpriseSystem.objects.filter(is_active=True), required=False
    )
    campuses = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Campus.objects.filter(is_active=True), required=False
    )
    service_request = VisibleRequestField(allow_null=True, required=False)

    class Meta:
        model = ChangeRequest
        fields = [
            "title",
            "change_type",
            "category",
            "systems",
            "campuses",
            "description",
            "reason",
            "risk_level",
            "risk_and_impact",
            "affected_users",
            "implementation_plan",
            "back_out_plan",
            "test_plan",
            "planned_start",
            "planned_end",
            "affects_connectivity",
            "service_request",
        ]


class ReviseInputSerializer(ChangeInputSerializer):
    class Meta(ChangeInputSerializer.Meta):
        extra_kwargs = {name: {"required": False} for name in ChangeInputSerializer.Meta.fields}


class NotesInputSerializer(serializers.Serializer):
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class DenyInputSerializer(NotesInputSerializer):
    denial_reason = serializers.ChoiceField(
        choices=[choice for choice in ChangeRequest.DenialReason.choices if choice[0]]
    )


class OverrideLeadTimeInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=4000)


class PlaceOnAgendaInputSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.exclude(status=Meeting.Status.CLOSED)
    )


class CompleteInputSerializer(NotesInputSerializer):
    outcome = serializers.ChoiceField(
        choices=[choice for choice in ChangeRequest.Outcome.choices if choice[0]]
    )


class ReviewInputSerializer(serializers.Serializer):
    what_happened = serializers.CharField(max_length=8000)
    impact = serializers.CharField(max_length=8000)
    lessons = serializers.CharField(required=False, allow_blank=True, default="", max_length=8000)
    follow_up_actions = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=8000
    )


class PlanMeetingInputSerializer(serializers.Serializer):
    scheduled_for = serializers.DateTimeField(
        help_text=_("When the meeting starts; normally the district's regular day and time.")
    )


class AttendanceInputSerializer(serializers.Serializer):
    attendees = serializers.PrimaryKeyRelatedField(
        many=True,
        allow_empty=False,
        queryset=Person.objects.filter(is_active=True, role_assignments__role__in=STAFF).distinct(),
    )
    minutes = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class CloseMeetingInputSerializer(serializers.Serializer):
    minutes = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class VoteInputSerializer(serializers.Serializer):
    item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.all(), help_text=_("The agenda item voted on.")
    )
    choice = serializers.ChoiceField(choices=Vote.Choice.choices)
    voter = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "Whose vote it is; the caller's own when left out (the coordinator may "
            "record any present member's)."
        ),
    )
