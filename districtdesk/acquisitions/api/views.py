"""The technology-request API: requests, the catalogue of standards and delegations, with
one POST per workflow step (seed 002). Every query starts from the caller's policy scope, so
a request outside it answers 404; each step parses its input and calls one service."""

from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from districtdesk.acquisitions import policies, selectors
from districtdesk.acquisitions.api.serializers import (
    DelegationInputSerializer,
    DelegationSerializer,
    StandardItemSerializer,
    TechnologyAssignDeployerInputSerializer,
    TechnologyDenyInputSerializer,
    TechnologyDeployInputSerializer,
    TechnologyFeedbackInputSerializer,
    TechnologyFundInputSerializer,
    TechnologyNotesInputSerializer,
    TechnologyQuoteInputSerializer,
    TechnologyReasonInputSerializer,
    TechnologyReceiveCountInputSerializer,
    TechnologyReceiveInputSerializer,
    TechnologyRequestSerializer,
    TechnologySubmitInputSerializer,
)
from districtdesk.acquisitions.models import (
    ApprovalDelegation,
    Quote,
    QuoteLine,
    StandardItem,
    TechnologyRequest,
)
from districtdesk.acquisitions.services import (
    approval,
    deployment,
    purchasing,
    receiving,
    requesting,
    review,
)
from districtdesk.core.api.steps import StepsMixin
from districtdesk.core.errors import DomainError

Answer = {200: TechnologyRequestSerializer}


def _today():
    return timezone.localdate()


@extend_schema_view(
    list=extend_schema(summary="Technology requests the caller may see, newest first"),
    retrieve=extend_schema(summary="One technology request, with its quotes and who holds it"),
)
class TechnologyRequestViewSet(
    StepsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = TechnologyRequest.objects.none()  # names the model; get_queryset scopes each call
    serializer_class = TechnologyRequestSerializer
    lookup_value_regex = "[0-9]+"
    filterset_fields = ["status", "kind"]
    ordering = ["-id"]

    def scope(self) -> QuerySet[TechnologyRequest]:
        return policies.visible_to(self.request.user, _today())

    def get_queryset(self) -> QuerySet[TechnologyRequest]:
        if getattr(self, "swagger_fake_view", False):
            return TechnologyRequest.objects.none()
        quotes = Quote.objects.select_related("entered_by").prefetch_related(
            Prefetch("lines", queryset=QuoteLine.objects.prefetch_related("received"))
        )
        return (
            selectors.listed(self.scope())
            .select_related("deployer", "standard_item__asset_type")
            .prefetch_related(Prefetch("quotes", queryset=quotes), "alternatives")
            .order_by("-pk")
        )

    def answer_serializer(self, subject: TechnologyRequest) -> TechnologyRequestSerializer:
        return TechnologyRequestSerializer(subject, context=self.get_serializer_context())

    @extend_schema(
        summary="Ask for technology (seed 002, step 1)",
        description=(
            "Opens a category-3 (Acquisition) service request categorised on entry with the "
            "priority the urgency names (critical 1, high 2, medium 3, low 4; a stolen-"
            "equipment replacement is always 1) and routed by the routing rules."
        ),
        request=TechnologySubmitInputSerializer,
        responses={201: TechnologyRequestSerializer},
    )
    def create(self, request: Request) -> Response:
        fields = self._parse(TechnologySubmitInputSerializer)
        with transaction.atomic():
            submitted = self._call(requesting.submit_technology_request, **fields)
            return self._answer(submitted.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Forward to the requester's supervisor (technology review)",
        request=TechnologyNotesInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"])
    def forward(self, request: Request, pk: str) -> Response:
        return self._step(review.forward_for_approval, TechnologyNotesInputSerializer)

    @extend_schema(
        summary="Deny in technology review, with the reason and alternatives",
        request=TechnologyDenyInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"], url_path="deny-in-review")
    def deny_in_review(self, request: Request, pk: str) -> Response:
        return self._step(review.deny_in_review, TechnologyDenyInputSerializer)

    @extend_schema(
        summary="Approve (the requester's supervisor or their delegate)",
        request=TechnologyFeedbackInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        return self._step(approval.approve, TechnologyFeedbackInputSerializer)

    @extend_schema(
        summary="Deny (the requester's supervisor or their delegate)",
        request=TechnologyDenyInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"])
    def deny(self, request: Request, pk: str) -> Response:
        return self._step(approval.deny, TechnologyDenyInputSerializer)

    @extend_schema(
        summary="Enter a vendor's quote",
        request=TechnologyQuoteInputSerializer,
        responses={201: TechnologyRequestSerializer},
    )
    @action(detail=True, methods=["post"])
    def quotes(self, request: Request, pk: str) -> Response:
        subject = self._visible()
        fields = self._parse(TechnologyQuoteInputSerializer)
        fields["lines"] = [purchasing.LineInput(**line) for line in fields["lines"]]
        with transaction.atomic():
            self._call(purchasing.add_quote, subject, **fields)
            return self._answer(subject.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Send to the Business Office for funding", request=None, responses=Answer
    )
    @action(detail=True, methods=["post"], url_path="request-funding")
    def request_funding(self, request: Request, pk: str) -> Response:
        return self._step(purchasing.request_funding)

    @extend_schema(
        summary="Send back for another quote (Business Office)",
        request=TechnologyReasonInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request: Request, pk: str) -> Response:
        return self._step(purchasing.send_back, TechnologyReasonInputSerializer)

    @extend_schema(
        summary="Fund: budget code, bond or non-bond, purchase order (Business Office)",
        request=TechnologyFundInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"])
    def fund(self, request: Request, pk: str) -> Response:
        subject = self._visible()
        fields = self._parse(TechnologyFundInputSerializer)
        fields["quote"] = self._own(
            Quote.objects.filter(technology_request=subject), fields, "quote"
        )
        with transaction.atomic():
            self._call(purchasing.fund, subject, **fields)
            return self._answer(subject.pk)

    @extend_schema(
        summary="Receive one inventoried item: its serial and new bar tag (inventory)",
        description="The item becomes an asset at the request's room with the order's "
        "purchase order, funding and cost. More items than ordered are refused.",
        request=TechnologyReceiveInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"])
    def receive(self, request: Request, pk: str) -> Response:
        return self._receive(receiving.receive_item, TechnologyReceiveInputSerializer)

    @extend_schema(
        summary="Receive licences or services by count (inventory)",
        request=TechnologyReceiveCountInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"], url_path="receive-count")
    def receive_count(self, request: Request, pk: str) -> Response:
        return self._receive(receiving.receive_by_count, TechnologyReceiveCountInputSerializer)

    @extend_schema(
        summary="Assign the technician who deploys",
        request=TechnologyAssignDeployerInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"], url_path="assign-deployer")
    def assign_deployer(self, request: Request, pk: str) -> Response:
        return self._step(deployment.assign_deployer, TechnologyAssignDeployerInputSerializer)

    @extend_schema(
        summary="Deployed: closes the request",
        request=TechnologyDeployInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"])
    def deploy(self, request: Request, pk: str) -> Response:
        return self._step(deployment.deploy, TechnologyDeployInputSerializer)

    @extend_schema(
        summary="Withdraw (the requester)",
        request=TechnologyReasonInputSerializer,
        responses=Answer,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str) -> Response:
        return self._step(requesting.withdraw, TechnologyReasonInputSerializer)

    def _own(self, choices: QuerySet, fields: dict[str, Any], name: str) -> Any:
        found = choices.filter(pk=fields[name]).first()
        if found is None:
            raise DomainError(_("That is not on this request."), code=f"unknown_{name}", field=name)
        return found

    def _receive(self, service, input_class) -> Response:
        subject = self._visible()
        fields = self._parse(input_class)
        fields["line"] = self._own(
            QuoteLine.objects.filter(quote__technology_request=subject), fields, "line"
        )
        with transaction.atomic():
            self._call(service, subject, **fields)
            return self._answer(subject.pk)


@extend_schema_view(
    list=extend_schema(summary="The district's technology standards"),
    retrieve=extend_schema(summary="One standard item"),
)
class StandardItemViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = StandardItem.objects.filter(is_active=True).select_related("asset_type")
    serializer_class = StandardItemSerializer
    filterset_fields = ["kind"]
    ordering = ["name"]


@extend_schema_view(
    list=extend_schema(summary="The caller's approval delegations, given and received"),
    retrieve=extend_schema(summary="One delegation"),
)
class DelegationViewSet(
    StepsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    queryset = ApprovalDelegation.objects.none()
    serializer_class = DelegationSerializer
    lookup_value_regex = "[0-9]+"
    ordering = ["-id"]

    def scope(self) -> QuerySet[ApprovalDelegation]:
        if getattr(self, "swagger_fake_view", False):
            return ApprovalDelegation.objects.none()
        person = self.request.user
        return ApprovalDelegation.objects.filter(
            supervisor=person
        ) | ApprovalDelegation.objects.filter(delegate=person)

    def get_queryset(self) -> QuerySet[ApprovalDelegation]:
        return self.scope().select_related("supervisor", "delegate").order_by("-pk")

    def answer_serializer(self, subject: ApprovalDelegation) -> DelegationSerializer:
        return DelegationSerializer(subject, context=self.get_serializer_context())

    @extend_schema(
        summary="Delegate your approvals while away (from and until, both included)",
        request=DelegationInputSerializer,
        responses={201: DelegationSerializer},
    )
    def create(self, request: Request) -> Response:
        fields = self._parse(DelegationInputSerializer)
        with transaction.atomic():
            delegation = self._call(approval.delegate_approvals, **fields)
            return self._answer(delegation.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Revoke a delegation you gave", request=None, responses={200: DelegationSerializer}
    )
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str) -> Response:
        delegation = get_object_or_404(self.scope(), pk=pk)
        with transaction.atomic():
            self._call(approval.revoke_delegation, delegation)
            return self._answer(delegation.pk)
