"""What the inventory API reads and answers.

Input serializers check the shape of a step's fields; the rules live in the services.
`status` is read-only everywhere: it changes only through the status step. A student ID is
answered only to the roles that may see it (policies.sees_students); others get a mask.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory import workflow
from districtdesk.inventory.exports import STUDENT_MASK
from districtdesk.inventory.models import Asset, AssetModel, AssetMove, Audit, AuditScan
from districtdesk.inventory.tags import BAR_TAG_MAX_LENGTH
from districtdesk.service_requests.api.serializers import (
    CampusRefSerializer,
    PersonRefSerializer,
    RoomRefSerializer,
)

Status = Asset.Status
INITIAL_CHOICES = [(status, Status(status).label) for status in workflow.INITIAL]


class AssetModelRefSerializer(serializers.ModelSerializer):
    manufacturer = serializers.CharField(source="manufacturer.name", read_only=True)
    type = serializers.CharField(source="asset_type.code", read_only=True)

    class Meta:
        model = AssetModel
        fields = ["id", "manufacturer", "model_number", "name", "type"]
        read_only_fields = fields


class AssetSerializer(serializers.ModelSerializer):
    asset_model = AssetModelRefSerializer(read_only=True)
    campus = CampusRefSerializer(read_only=True)
    room = RoomRefSerializer(read_only=True, allow_null=True)
    assigned_to = PersonRefSerializer(read_only=True, allow_null=True)
    # A plain string here: its enum is the status step's (AssetStatusInput), and one enum
    # in two components would need a global name override.
    status = serializers.CharField(
        read_only=True,
        help_text=_(
            "in_use, in_storage, in_repair, loaner, stolen, lost, pending_pickup or disposed."
        ),
    )
    student_id = serializers.SerializerMethodField(
        help_text=_(
            "The assigned student's ID for inventory staff and system administrators; "
            "“(student)” for everyone else when a student is assigned."
        )
    )

    class Meta:
        model = Asset
        fields = [
            "id",
            "bar_tag",
            "serial_number",
            "asset_model",
            "campus",
            "room",
            "assigned_to",
            "student_id",
            "funding",
            "budget_code",
            "purchase_order",
            "cost",
            "purchase_date",
            "warranty_end",
            "status",
            "status_reason",
            "status_report",
            "status_changed_at",
            "is_donated",
            "is_personal_device",
            "notes",
            "registered_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField())
    def get_student_id(self, asset: Asset) -> str:
        if not asset.student_id or self.context.get("sees_students"):
            return asset.student_id
        return STUDENT_MASK


class AssetMoveSerializer(serializers.ModelSerializer):
    asset = serializers.SlugRelatedField(slug_field="bar_tag", read_only=True)
    asset_id = serializers.IntegerField(read_only=True)
    from_campus = CampusRefSerializer(read_only=True, allow_null=True)
    from_room = RoomRefSerializer(read_only=True, allow_null=True)
    to_campus = CampusRefSerializer(read_only=True)
    to_room = RoomRefSerializer(read_only=True, allow_null=True)
    picked_up_by = PersonRefSerializer(read_only=True, allow_null=True)
    dropped_off_by = PersonRefSerializer(read_only=True, allow_null=True)
    recorded_by = PersonRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AssetMove
        fields = [
            "id",
            "asset",
            "asset_id",
            "kind",
            "from_campus",
            "from_room",
            "to_campus",
            "to_room",
            "picked_up_at",
            "picked_up_by",
            "dropped_off_at",
            "dropped_off_by",
            "reason",
            "recorded_at",
            "recorded_by",
        ]
        read_only_fields = fields


# --- Inputs -------------------------------------------------------------------------


def _text(max_length: int, help_text: str = "") -> serializers.CharField:
    return serializers.CharField(
        max_length=max_length, required=False, allow_blank=True, help_text=help_text
    )


class AssetDescriptionInputSerializer(serializers.Serializer):
    """The fields that describe an asset (registration and edits alike)."""

    bar_tag = serializers.CharField(
        max_length=BAR_TAG_MAX_LENGTH,
        help_text=_("4–20 capital letters and digits, with at least one digit."),
    )
    serial_number = _text(60, _("Unique per manufacturer."))
    asset_model = serializers.PrimaryKeyRelatedField(
        queryset=AssetModel.objects.select_related("manufacturer"),
        help_text=_("The model's id."),
    )
    assigned_to = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.filter(is_active=True),
        allow_null=True,
        required=False,
        help_text=_("The id of the staff member who has it."),
    )
    student_id = _text(40, _("The ID of the student who has it (instead of a staff member)."))
    funding = serializers.ChoiceField(
        choices=[("", ""), *Asset.Funding.choices], required=False, allow_blank=True
    )
    budget_code = _text(40)
    purchase_order = _text(40)
    cost = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, allow_null=True, required=False
    )
    purchase_date = serializers.DateField(allow_null=True, required=False)
    warranty_end = serializers.DateField(allow_null=True, required=False)
    is_donated = serializers.BooleanField(required=False)
    is_personal_device = serializers.BooleanField(required=False)
    notes = _text(2000)


class AssetRegisterInputSerializer(AssetDescriptionInputSerializer):
    campus = serializers.PrimaryKeyRelatedField(
        queryset=Campus.objects.filter(is_active=True), help_text=_("The campus's id.")
    )
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.filter(is_active=True),
        allow_null=True,
        required=False,
        help_text=_("The id of a room at that campus."),
    )
    status = serializers.ChoiceField(choices=INITIAL_CHOICES, default=Status.IN_USE)


class AssetEditInputSerializer(AssetDescriptionInputSerializer):
    """PATCH: only the fields sent change."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, partial=True, **kwargs)


class AssetMoveInputSerializer(serializers.Serializer):
    to_campus = serializers.PrimaryKeyRelatedField(
        queryset=Campus.objects.filter(is_active=True), help_text=_("The campus's id.")
    )
    to_room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.filter(is_active=True), allow_null=True, required=False
    )
    reason = serializers.CharField(max_length=2000)
    kind = serializers.ChoiceField(
        choices=[
            (AssetMove.Kind.EXISTING_MOVE, AssetMove.Kind.EXISTING_MOVE.label),
            (AssetMove.Kind.CORRECTION, AssetMove.Kind.CORRECTION.label),
        ],
        default=AssetMove.Kind.EXISTING_MOVE,
    )
    picked_up_at = serializers.DateTimeField(allow_null=True, required=False)
    picked_up_by = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.filter(is_active=True), allow_null=True, required=False
    )
    dropped_off_at = serializers.DateTimeField(allow_null=True, required=False)
    dropped_off_by = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.filter(is_active=True), allow_null=True, required=False
    )


class AssetStatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    report = serializers.CharField(
        max_length=80,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The police or loss report's reference: needed for stolen and lost."),
    )


# --- Audits ---------------------------------------------------------------------------


class AuditSerializer(serializers.ModelSerializer):
    campus = CampusRefSerializer(read_only=True)
    started_by = PersonRefSerializer(read_only=True)
    scanned = serializers.IntegerField(
        source="scanned_count", read_only=True, help_text=_("Expected tags scanned so far.")
    )
    missing = serializers.IntegerField(source="missing_count", read_only=True)
    verified = serializers.IntegerField(source="verified_count", read_only=True)
    found = serializers.IntegerField(source="found_count", read_only=True)
    misplaced = serializers.IntegerField(source="misplaced_count", read_only=True)
    unknown = serializers.IntegerField(
        source="unknown_count", read_only=True, help_text=_("Distinct unknown tags scanned.")
    )

    class Meta:
        model = Audit
        fields = [
            "id",
            "campus",
            "phase",
            "started_at",
            "started_by",
            "expected_count",
            "scanned",
            "missing",
            "verified",
            "found",
            "misplaced",
            "unknown",
        ]
        read_only_fields = fields


class AuditStartInputSerializer(serializers.Serializer):
    campus = serializers.PrimaryKeyRelatedField(
        queryset=Campus.objects.filter(is_active=True), help_text=_("The campus's id.")
    )


class AuditScanInputSerializer(serializers.Serializer):
    tag = serializers.CharField(
        max_length=300,
        help_text=_("The tag as scanned or typed, or a label's QR address (…/inventory/t/<tag>/)."),
    )
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.filter(is_active=True),
        help_text=_("The id of the room being scanned, at the audited campus."),
    )
    client_id = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "The scanner's own id for this scan, best a UUID: resending a scan with the same "
            "id (after a lost connection) returns the first answer with 200 and changes "
            "nothing; the same id with another tag is refused."
        ),
    )


class AuditScanSerializer(serializers.ModelSerializer):
    asset_id = serializers.IntegerField(read_only=True, allow_null=True)
    room = RoomRefSerializer(read_only=True)
    message = serializers.CharField(source="get_result_display", read_only=True)

    class Meta:
        model = AuditScan
        fields = ["id", "client_id", "tag", "room", "asset_id", "result", "message", "scanned_at"]
        read_only_fields = fields
