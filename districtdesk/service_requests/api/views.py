"""The service-request API: list, read and submit requests, and one POST per workflow step.

Every query starts from `policies.requests_visible_to(caller)`, so a request outside the
caller's scope answers 404. Each step parses its own input and calls exactly one service.
A step the rules refuse raises DomainError, which the API's exception handler turns into
a 400 with field errors; "not_allowed" becomes a 403 here instead, because by then the
caller has been shown to see the request.
"""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from districtdesk.core.errors import DomainError
from districtdesk.service_requests import policies
from districtdesk.service_requests.api.filters import ServiceRequestFilter
from districtdesk.service_requests.api.serializers import (
    AssignInputSerializer,
    AttachmentInputSerializer,
    AttachmentSerializer,
    CategoriseInputSerializer,
    EditInputSerializer,
    NoteInputSerializer,
    PlanInputSerializer,
    RecategoriseInputSerializer,
    ReopenInputSerializer,
    ResolveInputSerializer,
    ServiceRequestSerializer,
    SubmitInputSerializer,
    WaitInputSerializer,
    WorkAheadInputSerializer,
)
from districtdesk.service_requests.models import Attachment, Note, ServiceRequest
from districtdesk.service_requests.services import editing, intake, scheduled_work, working
from districtdesk.service_requests.services.attachments import attach_files

NOT_ALLOWED = "not_allowed"


def with_details(requests: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    """Everything ServiceRequestSerializer reads, in a fixed number of queries per page."""
    notes = Note.objects.select_related("author").order_by("created_at", "pk")
    return requests.select_related(
        "requester",
        "campus",
        "room",
        "system",
        "category",
        "priority__category",
        "team",
        "assignee",
        "worked_ahead_approved_by",
    ).prefetch_related(
        "targets",
        Prefetch("notes", queryset=notes),
        Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by", "note")),
    )


def out_of_sight() -> PermissionDenied:
    return PermissionDenied(
        _("This would put the request outside what you can see, so it was not done.")
    )


def as_submitted(request: ServiceRequest) -> ServiceRequest:
    """A request just submitted, ready for ServiceRequestSerializer: its targets are read
    (one query), and it has no notes or files yet."""
    prefetch_related_objects([request], "targets")
    # The cache a prefetch fills, filled with what is known: nothing.
    request._prefetched_objects_cache.update(
        notes=Note.objects.none(), attachments=Attachment.objects.none()
    )
    return request


@extend_schema_view(
    list=extend_schema(
        summary="Requests the caller may see, newest first",
        parameters=[
            OpenApiParameter(
                "ordering",
                enum=["-id", "id"],
                description="-id (the default): newest first; id: oldest first.",
            )
        ],
    ),
    retrieve=extend_schema(summary="One request"),
)
class ServiceRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = ServiceRequest.objects.none()  # names the model; get_queryset scopes each call
    serializer_class = ServiceRequestSerializer
    filter_backends = [DjangoFilterBackend, OrderingFilter]
    filterset_class = ServiceRequestFilter
    ordering_fields = ["id"]
    ordering = ["-id"]
    lookup_value_regex = "[0-9]+"

    def get_queryset(self) -> QuerySet[ServiceRequest]:
        if getattr(self, "swagger_fake_view", False):
            return ServiceRequest.objects.none()
        return with_details(policies.requests_visible_to(self.request.user))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of ids under the filters first, then those requests with everything the
        serializer reads. At a million requests the planner takes tens of milliseconds to
        plan the ten-table join over the whole filter, and a few over fifty ids."""
        visible = policies.requests_visible_to(request.user)
        page = self.paginate_queryset(self.filter_queryset(visible).only("pk"))
        found = with_details(ServiceRequest.objects.filter(pk__in=[row.pk for row in page]))
        by_pk = found.in_bulk()
        rows = [by_pk[row.pk] for row in page]
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def get_serializer_context(self) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().get_serializer_context(),
            "now": timezone.now(),
            "staff_viewer": user.is_authenticated and policies.is_staff_viewer(user),
        }

    # --- The steps' shared shape ---------------------------------------------

    def _visible(self) -> ServiceRequest:
        """The request named in the URL, or 404 when the caller may not see it."""
        return get_object_or_404(
            policies.requests_visible_to(self.request.user), pk=self.kwargs["pk"]
        )

    def _parse(self, input_class: type[serializers.Serializer]) -> dict[str, Any]:
        fields = input_class(data=self.request.data, context=self.get_serializer_context())
        fields.is_valid(raise_exception=True)
        return dict(fields.validated_data)

    def _answer(self, pk: int, *, status_code: int = status.HTTP_200_OK) -> Response:
        """The request as the caller sees it after the write. Call inside the write's
        transaction: a write that takes the request out of the caller's scope is undone
        (STYLE rule 13)."""
        written = self.get_queryset().filter(pk=pk).first()
        if written is None:
            raise out_of_sight()
        return Response(self.get_serializer(written).data, status=status_code)

    def _step(
        self,
        service: Callable[..., object],
        input_class: type[serializers.Serializer] | None = None,
    ) -> Response:
        """Fetch (404), parse (400), then run one service step in one transaction."""
        service_request = self._visible()
        fields = self._parse(input_class) if input_class else {}
        with transaction.atomic():
            try:
                service(service_request, actor=self.request.user, **fields)
            except DomainError as refused:
                if refused.code == NOT_ALLOWED:
                    raise PermissionDenied(refused.message) from refused
                raise
            return self._answer(service_request.pk)

    # --- Submission ------------------------------------------------------------

    @extend_schema(
        summary="Submit a request",
        description=(
            "For yourself by default, through the API channel. Customer Care Center and "
            "Technology Services staff may enter one for someone else (`requester`), say "
            "it came by phone or email, and categorise it on entry."
        ),
        request=SubmitInputSerializer,
        responses={201: ServiceRequestSerializer},
    )
    def create(self, request: Request) -> Response:
        fields = self._parse(SubmitInputSerializer)
        fields["requester"] = fields["requester"] or request.user
        with transaction.atomic():
            submitted = intake.submit_request(actor=request.user, **fields)
            # As _answer does, without reading back the row just written with its related
            # rows, which are the ones given to it.
            if not policies.can_view(request.user, submitted):
                raise out_of_sight()
            return Response(
                self.get_serializer(as_submitted(submitted)).data, status=status.HTTP_201_CREATED
            )

    # --- Workflow steps ------------------------------------------------------

    @extend_schema(
        summary="Categorise a new request",
        description="Starts the acknowledge and resolve clocks and routes the request.",
        request=CategoriseInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def categorise(self, request: Request, pk: str) -> Response:
        return self._step(working.categorise_request, CategoriseInputSerializer)

    @extend_schema(
        summary="Change the category or priority",
        description="The resolve clock keeps its start and takes the new SLA.",
        request=RecategoriseInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def recategorise(self, request: Request, pk: str) -> Response:
        return self._step(working.recategorise_request, RecategoriseInputSerializer)

    @extend_schema(summary="Acknowledge the request", request=None)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str) -> Response:
        return self._step(working.acknowledge_request)

    @extend_schema(
        summary="Assign to a team and, optionally, a technician", request=AssignInputSerializer
    )
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str) -> Response:
        return self._step(working.assign_request, AssignInputSerializer)

    @extend_schema(
        summary="Wait on a vendor or the district",
        description="Stops the resolve clock until the request resumes.",
        request=WaitInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def wait(self, request: Request, pk: str) -> Response:
        return self._step(working.wait_on, WaitInputSerializer)

    @extend_schema(
        summary="Resume work after a wait",
        description="The resolve due time moves by the working time spent waiting.",
        request=None,
    )
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, pk: str) -> Response:
        return self._step(working.resume_request)

    @extend_schema(summary="Resolve the request", request=ResolveInputSerializer)
    @action(detail=True, methods=["post"])
    def resolve(self, request: Request, pk: str) -> Response:
        return self._step(working.resolve_request, ResolveInputSerializer)

    @extend_schema(
        summary="Reopen a resolved request",
        description="The requester or staff. The resolve clock runs again from its start.",
        request=ReopenInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        return self._step(working.reopen_request, ReopenInputSerializer)

    @extend_schema(summary="Close a resolved request", request=None)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self._step(working.close_request)

    @extend_schema(
        summary="Move a scheduled request's planned completion date",
        description="Scheduled maintenance only; the reason is recorded.",
        request=PlanInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def plan(self, request: Request, pk: str) -> Response:
        return self._step(scheduled_work.plan_completion, PlanInputSerializer)

    @extend_schema(
        summary="Approve working scheduled work ahead of overdue requests",
        description=(
            "Technology Services supervisors (team leads, directors). Overdue requests are "
            "otherwise worked first (seed 003, category 5)."
        ),
        request=WorkAheadInputSerializer,
    )
    @action(detail=True, methods=["post"], url_path="work-ahead")
    def work_ahead(self, request: Request, pk: str) -> Response:
        return self._step(scheduled_work.approve_working_ahead, WorkAheadInputSerializer)

    @extend_schema(
        summary="Correct the request's details",
        description=(
            "Summary, description, impact, urgency, requirements, room, system and asset "
            "tag; send only what changes. The requester may edit until the request is "
            "acknowledged; staff who work it, while it is open. Each change is recorded."
        ),
        request=EditInputSerializer,
        responses={200: ServiceRequestSerializer},
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        return self._step(editing.edit_request, EditInputSerializer)

    @extend_schema(
        summary="Attach files to the request",
        description=(
            "Multipart, one or more `files`. The requester and the staff who work the request "
            "attach files; a refused file (its type by content, its size, the number of "
            "files) answers 400 naming the file and the reason, and nothing is stored."
        ),
        request={"multipart/form-data": AttachmentInputSerializer},
        responses={201: AttachmentSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["post"],
        parser_classes=[MultiPartParser],
        filter_backends=[],
        pagination_class=None,
    )
    def attachments(self, request: Request, pk: str) -> Response:
        service_request = self._visible()
        fields = self._parse(AttachmentInputSerializer)
        try:
            added = attach_files(service_request, actor=request.user, **fields)
        except DomainError as refused:
            if refused.code == NOT_ALLOWED:
                raise PermissionDenied(refused.message) from refused
            raise
        answer = AttachmentSerializer(added, many=True, context=self.get_serializer_context())
        return Response(answer.data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Add a work note or a reply",
        description="Work notes are for staff; the requester may only reply.",
        request=NoteInputSerializer,
    )
    @action(detail=True, methods=["post"])
    def notes(self, request: Request, pk: str) -> Response:
        return self._step(working.add_note, NoteInputSerializer)
