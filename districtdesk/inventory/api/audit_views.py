"""An audit's discrepancies through the API: read them, and one POST per action that
documents or settles one, each calling one service."""

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from districtdesk.core.api.filters import IdFilter
from districtdesk.core.downloads import attachment_response
from districtdesk.core.errors import DomainError
from districtdesk.inventory import policies
from districtdesk.inventory.api.audit_serializers import (
    AuditDiscrepancySerializer,
    DiscrepancyFileSerializer,
    DiscrepancyFilesInputSerializer,
    DocumentInputSerializer,
    InvestigateInputSerializer,
    LocateInputSerializer,
    WriteOffInputSerializer,
)
from districtdesk.inventory.models import AuditDiscrepancy
from districtdesk.inventory.services import discrepancies


class DiscrepancyFilter(filters.FilterSet):
    audit = IdFilter(field_name="audit_id", help_text="The audit's id.")
    kind = filters.ChoiceFilter(choices=AuditDiscrepancy.Kind.choices)

    class Meta:
        model = AuditDiscrepancy
        fields = ["audit", "kind"]


@extend_schema_view(
    list=extend_schema(
        summary="Discrepancies of the audits the caller may see",
        parameters=[OpenApiParameter("ordering", enum=["id", "-id"], description="id.")],
    ),
    retrieve=extend_schema(summary="One discrepancy"),
)
class AuditDiscrepancyViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = AuditDiscrepancy.objects.none()
    serializer_class = AuditDiscrepancySerializer
    filter_backends = [filters.DjangoFilterBackend, OrderingFilter]
    filterset_class = DiscrepancyFilter
    ordering_fields = ["id"]
    ordering = ["id"]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[AuditDiscrepancy]:
        if getattr(self, "swagger_fake_view", False):
            return AuditDiscrepancy.objects.none()
        audits = policies.audits_visible_to(self.request.user)
        return AuditDiscrepancy.objects.filter(audit__in=audits).select_related(
            "audit", "expected_room", "scanned_room", "request"
        )

    def _act(self, service, input_class: type[serializers.Serializer] | None = None) -> Response:
        discrepancy = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        fields: dict[str, Any] = {}
        if input_class is not None:
            given = input_class(data=self.request.data)
            given.is_valid(raise_exception=True)
            fields = dict(given.validated_data)
        try:
            service(discrepancy, actor=self.request.user, **fields)
        except DomainError as refused:
            if refused.code == "not_allowed":
                raise PermissionDenied(refused.message) from refused
            raise
        return Response(self.get_serializer(self.get_queryset().get(pk=discrepancy.pk)).data)

    @extend_schema(summary="Document the discrepancy", request=DocumentInputSerializer)
    @action(detail=True, methods=["post"])
    def document(self, request: Request, pk: str) -> Response:
        return self._act(discrepancies.document_discrepancy, DocumentInputSerializer)

    @extend_schema(summary="Move a misplaced asset's record to where it was scanned", request=None)
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        return self._act(discrepancies.move_to_where_found)

    @extend_schema(
        summary="File an investigation request (7.3, or 3.1 for suspected theft)",
        request=InvestigateInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def investigate(self, request: Request, pk: str) -> Response:
        return self._act(discrepancies.investigate_discrepancy, InvestigateInputSerializer)

    @extend_schema(summary="A missing item found in the search", request=LocateInputSerializer)
    @action(detail=True, methods=["post"])
    def locate(self, request: Request, pk: str) -> Response:
        return self._act(discrepancies.locate_missing, LocateInputSerializer)

    @extend_schema(
        summary="Write a missing item off as lost or stolen", request=WriteOffInputSerializer
    )
    @action(detail=True, methods=["post"], url_path="write-off")
    def write_off(self, request: Request, pk: str) -> Response:
        return self._act(discrepancies.write_off_missing, WriteOffInputSerializer)

    @extend_schema(
        methods=["GET"],
        summary="The files documenting the discrepancy, oldest first",
        description="For whoever sees the discrepancy; each names where it is downloaded.",
        request=None,
        responses={200: DiscrepancyFileSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Attach files to the discrepancy",
        description=(
            "Multipart, one or more `files`. Inventory staff and system administrators, while "
            "the discrepancy may be documented (discrepancy and reconciliation phases). Each "
            "file is checked as a service request's files are (its type by content, its size, "
            "the number of files); a refused file answers 400 naming it and the reason, and "
            "nothing is stored."
        ),
        request={"multipart/form-data": DiscrepancyFilesInputSerializer},
        responses={201: DiscrepancyFileSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=[MultiPartParser],
        filter_backends=[],
        pagination_class=None,
    )
    def files(self, request: Request, pk: str) -> Response:
        discrepancy = get_object_or_404(self.get_queryset(), pk=pk)
        context = self.get_serializer_context()
        if request.method == "GET":
            attachments = discrepancy.attachments.select_related("uploaded_by")
            return Response(DiscrepancyFileSerializer(attachments, many=True, context=context).data)
        given = DiscrepancyFilesInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            added = discrepancies.attach_to_discrepancy(
                discrepancy, actor=request.user, files=given.validated_data["files"]
            )
        except DomainError as refused:
            if refused.code == "not_allowed":
                raise PermissionDenied(refused.message) from refused
            raise
        answer = DiscrepancyFileSerializer(added, many=True, context=context)
        return Response(answer.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Download one of the discrepancy's files",
        description="Always as an attachment, with a policy that lets nothing in it run.",
        parameters=[
            OpenApiParameter("file_pk", int, OpenApiParameter.PATH, description="The file's id.")
        ],
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file's bytes, in its own content type."
            )
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"files/(?P<file_pk>[0-9]+)",
        url_name="file",
        filter_backends=[],
        pagination_class=None,
    )
    def file(self, request: Request, pk: str, file_pk: str) -> FileResponse:
        discrepancy = get_object_or_404(self.get_queryset(), pk=pk)
        attachment = get_object_or_404(discrepancy.attachments.all(), pk=file_pk)
        return attachment_response(
            attachment.file, name=attachment.original_name, content_type=attachment.content_type
        )
