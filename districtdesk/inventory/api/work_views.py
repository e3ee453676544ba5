"""The inventory work API: list, read and file work items, and one POST per step. Every
query starts from the caller's policy scope, so an item outside it answers 404; each step
parses its input and calls one service (StepsMixin); a refusal by role is a 403."""

from django.db import transaction
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from districtdesk.core.api.steps import StepsMixin
from districtdesk.inventory import policies, work_selectors
from districtdesk.inventory.api.work_serializers import (
    InventoryWorkItemSerializer,
    WorkItemCancelInputSerializer,
    WorkItemCompleteInputSerializer,
    WorkItemDropOffInputSerializer,
    WorkItemFileInputSerializer,
    WorkItemPickUpInputSerializer,
)
from districtdesk.inventory.models import InventoryWorkItem
from districtdesk.inventory.services import work_items
from districtdesk.inventory.work_filters import WorkItemFilter
from districtdesk.service_requests.models import ServiceRequest

Answer = {200: InventoryWorkItemSerializer}


@extend_schema_view(
    list=extend_schema(
        summary="Inventory work items the caller may see, newest first",
        parameters=[
            OpenApiParameter(
                "ordering", enum=["-id", "id"], description="-id (the default): newest first."
            )
        ],
    ),
    retrieve=extend_schema(summary="One inventory work item, with its service request"),
)
class InventoryWorkItemViewSet(
    StepsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = InventoryWorkItem.objects.none()  # names the model; get_queryset scopes each call
    serializer_class = InventoryWorkItemSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = WorkItemFilter
    ordering_fields = ["id"]
    ordering = ["-id"]
    lookup_value_regex = "[0-9]+"

    def scope(self) -> QuerySet[InventoryWorkItem]:
        return policies.work_items_visible_to(self.request.user)

    def get_queryset(self) -> QuerySet[InventoryWorkItem]:
        if getattr(self, "swagger_fake_view", False):
            return InventoryWorkItem.objects.none()
        return work_selectors.with_assets(work_selectors.work_items_for(self.request.user))

    def answer_serializer(self, subject: InventoryWorkItem) -> InventoryWorkItemSerializer:
        return InventoryWorkItemSerializer(subject, context=self.get_serializer_context())

    @extend_schema(
        summary="Ask for inventory work (seed 003, category 7)",
        description=(
            "Opens a service request categorised on entry under the chart priority for the "
            "kind: 7.0 tag requests and location corrections, 7.5 new equipment moves, 7.6 "
            "existing equipment moves and pickups of obsolete devices, 7.4 damage and loss "
            "reports, 3.1 stolen equipment. Anyone on staff asks for their own campus; only "
            "the inventory team asks for new equipment moves."
        ),
        request=WorkItemFileInputSerializer,
        responses={201: InventoryWorkItemSerializer},
    )
    def create(self, request: Request) -> Response:
        fields = self._parse(WorkItemFileInputSerializer)
        tags = [tag for raw in fields.pop("tags") for tag in work_selectors.split_tags(raw)]
        with transaction.atomic():
            assets = work_selectors.assets_by_tags(request.user, tags)
            item = self._call(
                work_items.file_work_item,
                work_items.WorkRequest(assets=assets, **fields),
                channel=ServiceRequest.Channel.API,
            )
            return self._answer(item.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record the pick-up (moves and PUDs)",
        description="Inventory staff, or a technician of the campus. Acknowledges the request.",
        request=WorkItemPickUpInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"], url_path="pick-up")
    def pick_up(self, request: Request, pk: str) -> Response:
        return self._step(work_items.pick_up, WorkItemPickUpInputSerializer)

    @extend_schema(
        summary="Record the drop-off (moves and PUDs; inventory staff)",
        description="Moves each asset to where it was dropped off (the place asked for unless "
        "given); a PUD's devices are then disposed of. Resolves the request.",
        request=WorkItemDropOffInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"], url_path="drop-off")
    def drop_off(self, request: Request, pk: str) -> Response:
        return self._step(work_items.drop_off, WorkItemDropOffInputSerializer)

    @extend_schema(
        summary="Do a tag request, location correction or damage/loss report (inventory staff)",
        description="A tag request needs the new tag; a correction moves the record; a "
        "damage or loss report changes the status with its report. Resolves the request.",
        request=WorkItemCompleteInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"])
    def complete(self, request: Request, pk: str) -> Response:
        return self._step(work_items.complete, WorkItemCompleteInputSerializer)

    @extend_schema(
        summary="Cancel, with the reason",
        description="Inventory staff; whoever asked, until it is picked up. Resolves the "
        "request with the reason.",
        request=WorkItemCancelInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str) -> Response:
        return self._step(work_items.cancel, WorkItemCancelInputSerializer)
