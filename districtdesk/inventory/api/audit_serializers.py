"""The audit API's shapes: a discrepancy as read, and the input of each audit step."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from districtdesk.core.models import Room
from districtdesk.inventory.models import Asset, AuditDiscrepancy, DiscrepancyAttachment
from districtdesk.service_requests.api.serializers import (
    AttachmentInputSerializer,
    PersonRefSerializer,
    RoomRefSerializer,
)


class AuditDiscrepancySerializer(serializers.ModelSerializer):
    asset_id = serializers.IntegerField(read_only=True, allow_null=True)
    expected_room = RoomRefSerializer(read_only=True, allow_null=True)
    scanned_room = RoomRefSerializer(read_only=True, allow_null=True)
    request = serializers.SerializerMethodField(help_text=_("The investigation request's number."))
    # Named apart from other APIs' "outcome" so the schema's enum keeps a stable name.
    settled_as = serializers.ChoiceField(
        source="outcome",
        choices=AuditDiscrepancy.Outcome.choices,
        read_only=True,
        help_text=_("Empty while the discrepancy is open."),
    )

    class Meta:
        model = AuditDiscrepancy
        fields = [
            "id",
            "audit",
            "kind",
            "tag",
            "asset_id",
            "expected_room",
            "scanned_room",
            "notes",
            "documented_at",
            "settled_as",
            "outcome_note",
            "settled_at",
            "request",
        ]
        read_only_fields = fields

    def get_request(self, discrepancy: AuditDiscrepancy) -> str:
        return discrepancy.request.number if discrepancy.request_id else ""


class FindingsInputSerializer(serializers.Serializer):
    findings = serializers.CharField(
        max_length=8000, help_text=_("The follow-up report: what the search found.")
    )


class DocumentInputSerializer(serializers.Serializer):
    notes = serializers.CharField(max_length=4000)


class InvestigateInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)
    stolen = serializers.BooleanField(
        default=False, help_text=_("Theft suspected: a 3.1 Stolen Equipment request.")
    )


class LocateInputSerializer(serializers.Serializer):
    room = serializers.PrimaryKeyRelatedField(queryset=Room.objects.filter(is_active=True))
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class WriteOffInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[(Asset.Status.LOST, Asset.Status.LOST.label), (Asset.Status.STOLEN, "Stolen")]
    )
    report = serializers.CharField(max_length=80, allow_blank=True, default="")
    reason = serializers.CharField(max_length=2000)


class DiscrepancyFileSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    uploaded_by = PersonRefSerializer(read_only=True)
    download = serializers.SerializerMethodField(
        help_text=_("Where the file is downloaded through the API (always as an attachment).")
    )

    class Meta:
        model = DiscrepancyAttachment
        fields = ["id", "name", "content_type", "size", "sha256", "uploaded_by", "uploaded_at"]
        fields += ["download"]
        read_only_fields = fields

    def get_download(self, attachment: DiscrepancyAttachment) -> str:
        path = reverse(
            "auditdiscrepancy-file",
            kwargs={"pk": attachment.discrepancy_id, "file_pk": attachment.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class DiscrepancyFilesInputSerializer(AttachmentInputSerializer):
    """The files documenting a discrepancy: the same field, and the same checks by content,
    size and count, as a service request's files."""
