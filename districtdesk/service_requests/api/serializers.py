"""What the service-request API reads and answers.

Input serializers only parse and check the shape of a step's fields; the step's rules live
in its service. The one output serializer describes a request, with `status` read-only.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from districtdesk.core.models import Campus, EnterpriseSystem, Person, Room, Team
from districtdesk.service_requests import policies
from districtdesk.service_requests.models import (
    Attachment,
    Category,
    Note,
    Priority,
    ServiceRequest,
    Target,
)

Channel = ServiceRequest.Channel

# --- Answers ----------------------------------------------------------------


class PersonRefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="__str__", read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name"]
        read_only_fields = fields


class CampusRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Campus
        fields = ["id", "code", "name"]
        read_only_fields = fields


class RoomRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = ["id", "number"]
        read_only_fields = fields


class SystemRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = EnterpriseSystem
        fields = ["id", "code", "name"]
        read_only_fields = fields


class TeamRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "code", "name"]
        read_only_fields = fields


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "number", "name"]
        read_only_fields = fields


class PriorityRefSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True, help_text=_("The chart's reference, e.g. 1.3."))
    sla_label = serializers.CharField(
        read_only=True, help_text=_("The SLA as a person reads it, e.g. “3 days”.")
    )

    class Meta:
        model = Priority
        fields = ["id", "code", "name", "sla_label"]
        read_only_fields = fields


class TargetSerializer(serializers.ModelSerializer):
    state = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = ["kind", "started_at", "due_at", "completed_at", "state", "explanation"]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=Target.State.choices))
    def get_state(self, target: Target) -> str:
        return target.state_at(self.context.get("now") or timezone.now())

    def get_explanation(self, target: Target) -> str:
        """How the due time was reached; empty for a target without an SLA."""
        return target.explanation.get("text", "")


class NoteSerializer(serializers.ModelSerializer):
    author = PersonRefSerializer(read_only=True)

    class Meta:
        model = Note
        fields = ["id", "visibility", "author", "body", "created_at"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    uploaded_by = PersonRefSerializer(read_only=True)
    download = serializers.SerializerMethodField(
        help_text=_("Where a signed-in person downloads the file.")
    )

    class Meta:
        model = Attachment
        fields = [
            "id",
            "name",
            "content_type",
            "size",
            "uploaded_by",
            "uploaded_at",
            "note",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, attachment: Attachment) -> str:
        path = reverse("request_attachment", args=[attachment.request_id, attachment.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


TARGET_ORDER = {kind: index for index, kind in enumerate(Target.Kind.values)}


class ServiceRequestSerializer(serializers.ModelSerializer):
    """A service request; `notes` holds work notes only for Technology Services staff."""

    # Reads `now` and `staff_viewer` from the context (ServiceRequestViewSet gives both);
    # without `staff_viewer` it shows replies only: too little, never too much.
    number = serializers.CharField(read_only=True, help_text=_("e.g. SR-000123"))
    # Declared, not derived: a non-editable model field would lose its choices.
    status = serializers.ChoiceField(choices=ServiceRequest.Status.choices, read_only=True)
    waiting_on = serializers.ChoiceField(choices=ServiceRequest.WaitingOn.choices, read_only=True)
    requester = PersonRefSerializer(read_only=True)
    campus = CampusRefSerializer(read_only=True)
    room = RoomRefSerializer(read_only=True, allow_null=True)
    system = SystemRefSerializer(read_only=True, allow_null=True)
    category = CategoryRefSerializer(read_only=True, allow_null=True)
    priority = PriorityRefSerializer(read_only=True, allow_null=True)
    team = TeamRefSerializer(read_only=True, allow_null=True)
    assignee = PersonRefSerializer(read_only=True, allow_null=True)
    worked_ahead_approved_by = PersonRefSerializer(
        read_only=True,
        allow_null=True,
        help_text=_(
            "Scheduled maintenance: the supervisor who approved working it ahead of overdue "
            "requests."
        ),
    )
    is_overdue = serializers.SerializerMethodField(help_text=_("Open and past its due time."))
    targets = serializers.SerializerMethodField(
        help_text=_("The SLA promises: categorise, acknowledge and resolve, as they exist.")
    )
    notes = serializers.SerializerMethodField(
        help_text=_("Replies, and for Technology Services staff also work notes, oldest first.")
    )
    attachments = serializers.SerializerMethodField(
        help_text=_("Files; those that came with a work note only for Technology Services staff.")
    )

    class Meta:
        model = ServiceRequest
        fields = [
            "id",
            "number",
            "status",
            "waiting_on",
            "channel",
            "requester",
            "summary",
            "description",
            "impact",
            "urgency",
            "requirements",
            "campus",
            "room",
            "system",
            "asset_tag",
            "category",
            "priority",
            "team",
            "assignee",
            "resolution",
            "submitted_at",
            "categorised_at",
            "acknowledged_at",
            "resolved_at",
            "closed_at",
            "due_at",
            "is_overdue",
            "planned_completion",
            "status_note_due_at",
            "worked_ahead_approved_by",
            "worked_ahead_reason",
            "targets",
            "notes",
            "attachments",
        ]
        read_only_fields = fields

    def _now(self) -> datetime:
        return self.context.get("now") or timezone.now()

    def get_is_overdue(self, request: ServiceRequest) -> bool:
        return request.is_open and request.due_at is not None and request.due_at < self._now()

    # One serializer of each nested kind per list, not per row: building a serializer's
    # fields is most of the cost of a page of 50 requests.
    @cached_property
    def _target_serializer(self) -> TargetSerializer:
        return TargetSerializer(context=self.context)

    @cached_property
    def _note_serializer(self) -> NoteSerializer:
        return NoteSerializer(context=self.context)

    @cached_property
    def _attachment_serializer(self) -> AttachmentSerializer:
        return AttachmentSerializer(context=self.context)

    @extend_schema_field(TargetSerializer(many=True))
    def get_targets(self, request: ServiceRequest) -> list[dict]:
        targets = sorted(request.targets.all(), key=lambda target: TARGET_ORDER[target.kind])
        return [self._target_serializer.to_representation(target) for target in targets]

    @extend_schema_field(NoteSerializer(many=True))
    def get_notes(self, request: ServiceRequest) -> list[dict]:
        """Replies for everyone who sees the request; work notes only for staff viewers."""
        staff = self.context.get("staff_viewer", False)
        notes = [
            note
            for note in request.notes.all()
            if staff or note.visibility == Note.Visibility.REPLY
        ]
        return [self._note_serializer.to_representation(note) for note in notes]

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, request: ServiceRequest) -> list[dict]:
        staff = self.context.get("staff_viewer", False)
        shown = [
            attachment
            for attachment in request.attachments.all()
            if policies.can_see_attachment(attachment, staff_viewer=staff)
        ]
        return [self._attachment_serializer.to_representation(item) for item in shown]


# --- Inputs -----------------------------------------------------------------


class SubmitInputSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=200, help_text=_("One line: what is wrong."))
    description = serializers.CharField(help_text=_("What is wrong, in the requester's words."))
    impact = serializers.CharField(
        help_text=_("How it affects daily operations or student learning.")
    )
    urgency = serializers.ChoiceField(
        choices=ServiceRequest.Urgency.choices, default=ServiceRequest.Urgency.MEDIUM
    )
    requirements = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Anything the fix must meet.")
    )
    campus = serializers.PrimaryKeyRelatedField(
        queryset=Campus.objects.filter(is_active=True), help_text=_("The campus's id.")
    )
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.filter(is_active=True),
        allow_null=True,
        default=None,
        help_text=_("The id of a room at that campus."),
    )
    system = serializers.PrimaryKeyRelatedField(
        queryset=EnterpriseSystem.objects.filter(is_active=True),
        allow_null=True,
        default=None,
        help_text=_("The id of the enterprise system concerned, if any."),
    )
    asset_tag = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The bar tag of the device concerned, if any."),
    )
    requester = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        allow_null=True,
        default=None,
        help_text=_(
            "Who the request is for; leave out for yourself. Only Customer Care Center and "
            "Technology Services staff enter requests for others."
        ),
    )
    channel = serializers.ChoiceField(
        choices=[
            (Channel.API, Channel.API.label),
            (Channel.PHONE, Channel.PHONE.label),
            (Channel.EMAIL, Channel.EMAIL.label),
        ],
        default=Channel.API,
        help_text=_(
            "Staff only: how the request reached them. A phone request is categorised on "
            "entry, so it needs a category and a priority."
        ),
    )
    category = serializers.PrimaryKeyRelatedField(
        queryset=Category.objects.all(),
        allow_null=True,
        default=None,
        help_text=_("Staff only: categorise on entry, together with a priority."),
    )
    priority = serializers.PrimaryKeyRelatedField(
        queryset=Priority.objects.select_related("category"),
        allow_null=True,
        default=None,
        help_text=_("Staff only: categorise on entry, together with a category."),
    )
    planned_completion = serializers.DateField(
        allow_null=True,
        default=None,
        help_text=_(
            "Scheduled maintenance (a category that needs one): the planned completion date."
        ),
    )

    def validate(self, data: dict) -> dict:
        """Channel and categorisation on entry are for staff, and come as a pair."""
        errors = {}
        if not policies.can_enter_for_others(self.context["request"].user):
            staff_only = _("Only Customer Care Center and Technology Services staff set this.")
            if data["channel"] != Channel.API:
                errors["channel"] = [staff_only]
            for field in ("category", "priority"):
                if data[field] is not None:
                    errors[field] = [staff_only]
        elif (data["category"] is None) != (data["priority"] is None):
            missing = "priority" if data["priority"] is None else "category"
            errors[missing] = [_("Choose a category and a priority together.")]
        if errors:
            raise serializers.ValidationError(errors)
        return data


class CategoriseInputSerializer(serializers.Serializer):
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    priority = serializers.PrimaryKeyRelatedField(
        queryset=Priority.objects.select_related("category")
    )
    team = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(),
        allow_null=True,
        default=None,
        help_text=_("Leave out to route by the routing rules, else to the campus technicians."),
    )
    planned_completion = serializers.DateField(
        allow_null=True,
        default=None,
        help_text=_(
            "Scheduled maintenance (a category that needs one): the planned completion date."
        ),
    )


class RecategoriseInputSerializer(serializers.Serializer):
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all())
    priority = serializers.PrimaryKeyRelatedField(
        queryset=Priority.objects.select_related("category")
    )
    reason = serializers.CharField(help_text=_("Why the category or priority changes."))
    planned_completion = serializers.DateField(
        allow_null=True,
        default=None,
        help_text=_(
            "Scheduled maintenance (a category that needs one): the planned completion date."
        ),
    )


class AssignInputSerializer(serializers.Serializer):
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all())
    assignee = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(),
        allow_null=True,
        default=None,
        help_text=_("A member of the team; leave out to leave it with the team."),
    )


class WaitInputSerializer(serializers.Serializer):
    waiting_on = serializers.ChoiceField(
        choices=[
            (ServiceRequest.WaitingOn.VENDOR, ServiceRequest.WaitingOn.VENDOR.label),
            (ServiceRequest.WaitingOn.DISTRICT, ServiceRequest.WaitingOn.DISTRICT.label),
        ]
    )
    reason = serializers.CharField(help_text=_("What the request is waiting for."))


class ResolveInputSerializer(serializers.Serializer):
    resolution = serializers.CharField(help_text=_("What was done, in words for the requester."))


class ReopenInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("What is still wrong."))


class NoteInputSerializer(serializers.Serializer):
    body = serializers.CharField()
    visibility = serializers.ChoiceField(
        choices=Note.Visibility.choices,
        help_text=_("A work note is for staff only; a reply is seen by the requester."),
    )


class PlanInputSerializer(serializers.Serializer):
    planned_completion = serializers.DateField(help_text=_("The new planned completion date."))
    reason = serializers.CharField(help_text=_("Why the date moves."))


class WorkAheadInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        help_text=_("Why this scheduled work goes ahead of overdue requests.")
    )


class EditInputSerializer(serializers.Serializer):
    """The descriptive fields; send only those that change."""

    summary = serializers.CharField(max_length=200, required=False)
    description = serializers.CharField(required=False)
    impact = serializers.CharField(required=False)
    urgency = serializers.ChoiceField(choices=ServiceRequest.Urgency.choices, required=False)
    requirements = serializers.CharField(required=False, allow_blank=True)
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.filter(is_active=True), allow_null=True, required=False
    )
    system = serializers.PrimaryKeyRelatedField(
        queryset=EnterpriseSystem.objects.filter(is_active=True), allow_null=True, required=False
    )
    asset_tag = serializers.CharField(max_length=40, required=False, allow_blank=True)


class AttachmentInputSerializer(serializers.Serializer):
    # Empty files pass here so that the service refuses them with its own reason.
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True, use_url=False),
        allow_empty=False,
        help_text=_(
            "One or more files (repeat the field). Images (PNG, JPEG, GIF, WebP), PDF, plain "
            "text or CSV, Word, Excel and PowerPoint files, and emails (.eml, .msg); each is "
            "checked by its content, not only its name."
        ),
    )
