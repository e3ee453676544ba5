"""What the inventory work API reads and answers. `status` is read-only: it changes only
through the steps (pick-up, drop-off, done, cancel), each with its own input."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory.models import Asset, InventoryWorkItem, WorkItemAsset
from districtdesk.inventory.services.work_items import REPORTED
from districtdesk.service_requests.api.serializers import (
    CampusRefSerializer,
    PersonRefSerializer,
    RoomRefSerializer,
)

Kind = InventoryWorkItem.Kind


class WorkItemAssetSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="asset_id", read_only=True)
    bar_tag = serializers.CharField(source="asset.bar_tag", read_only=True)
    move = serializers.IntegerField(
        source="move_id",
        read_only=True,
        allow_null=True,
        help_text=_("The asset move the drop-off or correction wrote (/api/v1/asset-moves/)."),
    )

    class Meta:
        model = WorkItemAsset
        fields = ["id", "bar_tag", "move"]
        read_only_fields = fields


class InventoryWorkItemSerializer(serializers.ModelSerializer):
    request = serializers.IntegerField(source="request_id", read_only=True)
    number = serializers.CharField(source="request.number", read_only=True)
    priority = serializers.SerializerMethodField(
        help_text=_("The chart priority, e.g. “7.6” (3.1 for stolen equipment).")
    )
    due_at = serializers.DateTimeField(
        source="request.due_at",
        read_only=True,
        allow_null=True,
        help_text=_("The service request's next deadline; empty once it is resolved."),
    )
    kind = serializers.CharField(
        read_only=True,
        help_text=_(
            "tag_request, location_correction, new_move, existing_move, obsolete_pickup or "
            "damage_loss."
        ),
    )
    status = serializers.CharField(
        read_only=True, help_text=_("requested, picked_up, delivered, done or cancelled.")
    )
    assets = WorkItemAssetSerializer(source="lines", many=True, read_only=True)
    campus = CampusRefSerializer(read_only=True)
    room = RoomRefSerializer(read_only=True, allow_null=True)
    to_campus = CampusRefSerializer(read_only=True, allow_null=True)
    to_room = RoomRefSerializer(read_only=True, allow_null=True)
    reason = serializers.CharField(read_only=True)
    reported_status = serializers.CharField(read_only=True, allow_blank=True)
    report_reference = serializers.CharField(read_only=True, allow_blank=True)
    new_tag = serializers.CharField(read_only=True, allow_blank=True)
    requested_by = PersonRefSerializer(read_only=True)
    picked_up_at = serializers.DateTimeField(read_only=True, allow_null=True)
    picked_up_by = PersonRefSerializer(read_only=True, allow_null=True)
    dropped_off_at = serializers.DateTimeField(read_only=True, allow_null=True)
    dropped_off_by = PersonRefSerializer(read_only=True, allow_null=True)
    ended_at = serializers.DateTimeField(read_only=True, allow_null=True)
    ended_by = PersonRefSerializer(read_only=True, allow_null=True)
    outcome = serializers.CharField(read_only=True, allow_blank=True)

    class Meta:
        model = InventoryWorkItem
        fields = [
            "id",
            "request",
            "number",
            "priority",
            "due_at",
            "kind",
            "status",
            "assets",
            "campus",
            "room",
            "to_campus",
            "to_room",
            "reason",
            "reported_status",
            "report_reference",
            "new_tag",
            "requested_at",
            "requested_by",
            "picked_up_at",
            "picked_up_by",
            "dropped_off_at",
            "dropped_off_by",
            "ended_at",
            "ended_by",
            "outcome",
        ]
        read_only_fields = fields

    def get_priority(self, item: InventoryWorkItem) -> str:
        priority = item.request.priority
        return f"{priority.category.number}.{priority.number}" if priority else ""


def _person(help_text: str) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.filter(is_active=True),
        allow_null=True,
        required=False,
        help_text=help_text,
    )


def _campus() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Campus.objects.filter(is_active=True),
        allow_null=True,
        required=False,
        help_text=_("The campus's id."),
    )


def _room() -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.filter(is_active=True),
        allow_null=True,
        required=False,
        help_text=_("The room's id, at that campus."),
    )


class TagListField(serializers.ListField):
    """A list of tags whose errors stay a flat list of messages (the documented 400 shape),
    each naming the position of the tag it is about."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as error:
            if not isinstance(error.detail, dict):
                raise
            raise serializers.ValidationError(
                [
                    _("Tag %(position)s: %(message)s")
                    % {"position": int(index) + 1, "message": message}
                    for index, messages in error.detail.items()
                    for message in messages
                ]
            ) from error


class WorkItemFileInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    tags = TagListField(
        child=serializers.CharField(max_length=200),
        min_length=1,
        max_length=200,
        help_text=_(
            "The assets' bar tags (one for a tag request, a correction or a damage or loss "
            "report); every tag must name an asset at a campus the caller may ask work for."
        ),
    )
    reason = serializers.CharField(max_length=2000)
    to_campus = _campus()
    to_room = _room()
    reported_status = serializers.ChoiceField(
        choices=[(status, Asset.Status(status).label) for status in REPORTED],
        required=False,
        allow_blank=True,
        default="",
        help_text=_("A damage or loss report: in_repair (damaged), lost or stolen."),
    )
    report_reference = serializers.CharField(
        max_length=80,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("The police or loss report's reference: needed for lost and stolen."),
    )


class WorkItemPickUpInputSerializer(serializers.Serializer):
    picked_up_by = _person(_("Who collected it (the caller if left out)."))
    picked_up_at = serializers.DateTimeField(
        allow_null=True, required=False, help_text=_("When (now if left out).")
    )


class WorkItemDropOffInputSerializer(serializers.Serializer):
    dropped_off_by = _person(_("Who brought it (the caller if left out)."))
    dropped_off_at = serializers.DateTimeField(
        allow_null=True, required=False, help_text=_("When (now if left out).")
    )
    to_campus = _campus()
    to_room = _room()


class WorkItemCompleteInputSerializer(serializers.Serializer):
    new_tag = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("A tag request: the new bar tag put on the device."),
    )
    report_reference = serializers.CharField(
        max_length=80,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("A damage or loss report: the report's reference, if not given before."),
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class WorkItemCancelInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
