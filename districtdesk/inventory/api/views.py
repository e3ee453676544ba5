"""The inventory API. Every query starts from `policies.assets_visible_to(caller)`, so an
asset outside the caller's scope answers 404. Writes parse their input and call exactly one
service; a rule that says no is a 400 with field errors, and a caller who sees the asset but
may not change it gets 403."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from districtdesk.core.errors import DomainError
from districtdesk.inventory import policies, selectors
from districtdesk.inventory.api.audit_serializers import FindingsInputSerializer
from districtdesk.inventory.api.serializers import (
    AssetEditInputSerializer,
    AssetMoveInputSerializer,
    AssetMoveSerializer,
    AssetRegisterInputSerializer,
    AssetSerializer,
    AssetStatusInputSerializer,
    AuditScanInputSerializer,
    AuditScanSerializer,
    AuditSerializer,
    AuditStartInputSerializer,
)
from districtdesk.inventory.filters import AssetFilter, AssetMoveFilter
from districtdesk.inventory.models import Asset, AssetMove, Audit
from districtdesk.inventory.services import (
    audit_phases,
    auditing,
    movement,
    registration,
    student_access,
)
from districtdesk.inventory.services.rules import AssetFields

NOT_ALLOWED = "not_allowed"


def _refused_as_forbidden(refused: DomainError) -> None:
    if refused.code == NOT_ALLOWED:
        raise PermissionDenied(refused.message) from refused


@extend_schema_view(
    list=extend_schema(
        summary="Assets the caller may see, in bar-tag order",
        parameters=[OpenApiParameter("ordering", enum=["bar_tag"], description="bar_tag.")],
    ),
    retrieve=extend_schema(summary="One asset"),
)
class AssetViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Asset.objects.none()  # names the model; get_queryset scopes each call
    serializer_class = AssetSerializer
    # The keyset pages (settings' KeysetPagination) follow the ordering filter's order.
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = AssetFilter
    ordering_fields = ["bar_tag"]
    ordering = ["bar_tag"]
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Asset]:
        if getattr(self, "swagger_fake_view", False):
            return Asset.objects.none()
        return selectors.assets_for(self.request.user)

    def get_serializer_context(self) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().get_serializer_context(),
            "sees_students": user.is_authenticated and policies.sees_students(user),
        }

    def _visible(self) -> Asset:
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def _shown(self, assets) -> None:
        """Every answer that carries assets records the student IDs it reveals (FERPA
        99.32): one bulk insert per request."""
        student_access.record_asset_reads(
            assets, actor=self.request.user, channel=student_access.Channel.API
        )

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._shown(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: str) -> Response:
        asset = self._visible()
        self._shown([asset])
        return Response(self.get_serializer(asset).data)

    def _parse(self, input_class: type[serializers.Serializer]) -> dict[str, Any]:
        fields = input_class(data=self.request.data)
        fields.is_valid(raise_exception=True)
        return dict(fields.validated_data)

    def _answer(self, pk: int, *, status_code: int = status.HTTP_200_OK) -> Response:
        """The asset as the caller sees it after the write (inside the write's transaction,
        so a write that leaves the caller's scope is undone: STYLE rule 13)."""
        written = self.get_queryset().filter(pk=pk).first()
        if written is None:
            raise PermissionDenied(
                _("This would put the asset outside what you can see, so it was not done.")
            )
        self._shown([written])
        return Response(self.get_serializer(written).data, status=status_code)

    def _step(self, service: Callable[..., object], input_class: type[serializers.Serializer]):
        """Fetch (404), parse (400), then run one service in one transaction."""
        asset = self._visible()
        fields = self._parse(input_class)
        with transaction.atomic():
            try:
                service(asset, actor=self.request.user, **fields)
            except DomainError as refused:
                _refused_as_forbidden(refused)
                raise
            return self._answer(asset.pk)

    @extend_schema(
        summary="Register an asset",
        description="Inventory staff and system administrators. The asset's first location "
        "is recorded as a new delivery.",
        request=AssetRegisterInputSerializer,
        responses={201: AssetSerializer},
    )
    def create(self, request: Request) -> Response:
        fields = self._parse(AssetRegisterInputSerializer)
        with transaction.atomic():
            try:
                asset = registration.register_asset(AssetFields(**fields), actor=request.user)
            except DomainError as refused:
                _refused_as_forbidden(refused)
                raise
            return self._answer(asset.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Edit what describes an asset",
        description="Only the fields sent change; the history records each, before and "
        "after. The place and the status change through `move` and `status`.",
        request=AssetEditInputSerializer,
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        return self._step(registration.edit_asset, AssetEditInputSerializer)

    @extend_schema(
        summary="Move the asset, or correct its location", request=AssetMoveInputSerializer
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: str) -> Response:
        return self._step(movement.move_asset, AssetMoveInputSerializer)

    @extend_schema(
        summary="Change the asset's status",
        description="Stolen and lost need the report's reference and a reason; in repair "
        "and disposed need a reason. Disposed is final.",
        request=AssetStatusInputSerializer,
    )
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request: Request, pk: str) -> Response:
        return self._step(movement.change_asset_status, AssetStatusInputSerializer)


@extend_schema_view(
    list=extend_schema(
        summary="Moves of the assets the caller may see, newest first",
        parameters=[
            OpenApiParameter(
                "ordering", enum=["-id", "id"], description="-id (the default): newest first."
            )
        ],
    ),
    retrieve=extend_schema(summary="One move"),
)
class AssetMoveViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = AssetMove.objects.none()
    serializer_class = AssetMoveSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = AssetMoveFilter
    ordering_fields = ["id"]
    ordering = ["-id"]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[AssetMove]:
        if getattr(self, "swagger_fake_view", False):
            return AssetMove.objects.none()
        return selectors.moves_for(self.request.user)


@extend_schema_view(
    list=extend_schema(
        summary="Campus audits the caller may see, with their progress",
        parameters=[
            OpenApiParameter(
                "ordering", enum=["-id", "id"], description="-id (the default): newest first."
            )
        ],
    ),
    retrieve=extend_schema(summary="One audit and its progress"),
)
class AuditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    queryset = Audit.objects.none()
    serializer_class = AuditSerializer
    filter_backends = [OrderingFilter]
    ordering_fields = ["id"]
    ordering = ["-id"]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[Audit]:
        if getattr(self, "swagger_fake_view", False):
            return Audit.objects.none()
        return selectors.audits_for(self.request.user)

    def _step(self, service, input_class: type[serializers.Serializer] | None = None) -> Response:
        """Fetch (404), parse (400), run one step; a refusal by role is a 403."""
        audit = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        fields = self._parse(input_class) if input_class else {}
        try:
            service(audit, actor=self.request.user, **fields)
        except DomainError as refused:
            _refused_as_forbidden(refused)
            raise
        return Response(self.get_serializer(self.get_queryset().get(pk=audit.pk)).data)

    @extend_schema(
        summary="End scanning",
        description="Resolves the 7.2 request; every tag still missing, misplaced, found or "
        "unknown becomes a discrepancy, and the 7.3 request opens.",
        request=None,
    )
    @action(detail=True, methods=["post"], url_path="end-scanning")
    def end_scanning(self, request: Request, pk: str) -> Response:
        return self._step(audit_phases.end_scanning)

    @extend_schema(
        summary="Submit the documented discrepancies",
        description="Every discrepancy must be documented. Resolves 7.3 and opens 7.4.",
        request=None,
    )
    @action(detail=True, methods=["post"], url_path="submit-discrepancies")
    def submit_discrepancies(self, request: Request, pk: str) -> Response:
        return self._step(audit_phases.submit_discrepancies)

    @extend_schema(
        summary="End reconciliation with the follow-up report",
        description="Every discrepancy must be settled. Resolves 7.4 and opens 7.9.",
        request=FindingsInputSerializer,
    )
    @action(detail=True, methods=["post"], url_path="end-reconciliation")
    def end_reconciliation(self, request: Request, pk: str) -> Response:
        return self._step(audit_phases.end_reconciliation, FindingsInputSerializer)

    @extend_schema(
        summary="Acknowledge the audit (the campus principal)",
        description="Only a principal of the audited campus, signed in as themselves.",
        request=None,
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str) -> Response:
        return self._step(audit_phases.acknowledge_audit)

    @extend_schema(
        summary="Complete the audit",
        description="After the principal's acknowledgement: resolves the 7.9 request.",
        request=None,
    )
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str) -> Response:
        return self._step(audit_phases.complete_audit)

    def _parse(self, input_class: type[serializers.Serializer]) -> dict[str, Any]:
        fields = input_class(data=self.request.data)
        fields.is_valid(raise_exception=True)
        return dict(fields.validated_data)

    @extend_schema(
        summary="Start a campus audit",
        description="Every asset on record at the campus (not lost, stolen or disposed) is "
        "expected, and Missing until scanned. One audit per campus at a time.",
        request=AuditStartInputSerializer,
        responses={201: AuditSerializer},
    )
    def create(self, request: Request) -> Response:
        fields = self._parse(AuditStartInputSerializer)
        with transaction.atomic():
            try:
                audit = auditing.start_audit(fields["campus"], actor=request.user)
            except DomainError as refused:
                _refused_as_forbidden(refused)
                raise
            written = self.get_queryset().get(pk=audit.pk)
            return Response(self.get_serializer(written).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record one scan",
        description="Answers at once: verified, found, misplaced, unknown or already_scanned. "
        "A new scan answers 201; a scan sent again with the same client_id answers 200 with "
        "the first answer, and records nothing.",
        request=AuditScanInputSerializer,
        responses={201: AuditScanSerializer, 200: AuditScanSerializer},
    )
    @action(detail=True, methods=["post"])
    def scans(self, request: Request, pk: str) -> Response:
        audit = get_object_or_404(self.get_queryset(), pk=pk)
        fields = self._parse(AuditScanInputSerializer)
        try:
            scan = auditing.record_scan(audit, actor=request.user, **fields)
        except DomainError as refused:
            _refused_as_forbidden(refused)
            raise
        answered = status.HTTP_200_OK if scan.is_repeat else status.HTTP_201_CREATED
        return Response(AuditScanSerializer(scan).data, status=answered)
