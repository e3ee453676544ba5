"""What the technology-request API reads and answers. Input serializers check the shape of a
step's fields and resolve ids through the caller's scope; the rules live in the services."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from districtdesk.acquisitions import workflow
from districtdesk.acquisitions.models import (
    ApprovalDelegation,
    Quote,
    QuoteLine,
    StandardItem,
    TechnologyRequest,
)
from districtdesk.core.models import Campus, Person, Room
from districtdesk.inventory.models import Asset, AssetModel, AssetType
from districtdesk.service_requests.api.serializers import (
    CampusRefSerializer,
    PersonRefSerializer,
    PriorityRefSerializer,
    RoomRefSerializer,
)
from districtdesk.service_requests.models import ServiceRequest

# --- Answers ----------------------------------------------------------------


class StandardItemSerializer(serializers.ModelSerializer):
    asset_type = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = StandardItem
        fields = [
            "id",
            "name",
            "kind",
            "asset_type",
            "asset_model",
            "price_low",
            "price_high",
            "notes",
            "supported_until",
        ]
        read_only_fields = fields


class QuoteLineSerializer(serializers.ModelSerializer):
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    received = serializers.SerializerMethodField()

    class Meta:
        model = QuoteLine
        fields = ["id", "description", "asset_model", "quantity", "unit_price", "total", "received"]
        read_only_fields = fields

    def get_received(self, line: QuoteLine) -> int:
        return len(line.received.all())


class QuoteSerializer(serializers.ModelSerializer):
    lines = QuoteLineSerializer(many=True, read_only=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    entered_by = PersonRefSerializer(read_only=True)

    class Meta:
        model = Quote
        fields = [
            "id",
            "vendor",
            "reference",
            "valid_until",
            "notes",
            "entered_by",
            "entered_at",
            "lines",
            "total",
        ]
        read_only_fields = fields


class TechnologyRequestSerializer(serializers.ModelSerializer):
    number = serializers.CharField(read_only=True, help_text=_("The service request's number."))
    status = serializers.ChoiceField(choices=TechnologyRequest.Status.choices, read_only=True)
    held_by = serializers.SerializerMethodField(help_text=_("Who holds the request now."))
    service_request = serializers.PrimaryKeyRelatedField(read_only=True)
    summary = serializers.CharField(source="service_request.summary", read_only=True)
    need = serializers.CharField(source="service_request.description", read_only=True)
    impact = serializers.CharField(source="service_request.impact", read_only=True)
    urgency = serializers.CharField(source="service_request.urgency", read_only=True)
    requirements = serializers.CharField(source="service_request.requirements", read_only=True)
    priority = PriorityRefSerializer(source="service_request.priority", read_only=True)
    campus = CampusRefSerializer(source="service_request.campus", read_only=True)
    room = RoomRefSerializer(source="service_request.room", read_only=True, allow_null=True)
    requester = PersonRefSerializer(read_only=True)
    requested_for = PersonRefSerializer(read_only=True, allow_null=True)
    approver = PersonRefSerializer(read_only=True, allow_null=True)
    deployer = PersonRefSerializer(read_only=True, allow_null=True)
    standard_item = StandardItemSerializer(read_only=True, allow_null=True)
    asset_type = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    # Blank until the step that sets them: the schema must say "" is a value.
    denied_at_step = serializers.ChoiceField(
        choices=TechnologyRequest.DeniedAt.choices, read_only=True, allow_blank=True
    )
    denial_reason = serializers.ChoiceField(
        choices=TechnologyRequest.DenialReason.choices, read_only=True, allow_blank=True
    )
    funding = serializers.ChoiceField(
        choices=Asset.Funding.choices, read_only=True, allow_blank=True
    )
    is_off_standard = serializers.BooleanField(read_only=True)
    approval_waiting_too_long = serializers.SerializerMethodField()
    quotes = QuoteSerializer(many=True, read_only=True)
    alternatives = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = TechnologyRequest
        fields = [
            "id",
            "number",
            "service_request",
            "kind",
            "status",
            "status_changed_at",
            "held_by",
            "summary",
            "need",
            "impact",
            "urgency",
            "requirements",
            "priority",
            "quantity",
            "campus",
            "room",
            "requester",
            "requested_for",
            "standard_item",
            "asset_type",
            "is_off_standard",
            "replaces",
            "review_notes",
            "approver",
            "forwarded_at",
            "approval_overdue_at",
            "approval_waiting_too_long",
            "decided_at",
            "approval_feedback",
            "denied_at_step",
            "denial_reason",
            "denial_explanation",
            "alternatives",
            "alternatives_text",
            "quotes",
            "chosen_quote",
            "funding",
            "budget_code",
            "purchase_order",
            "funded_at",
            "deployer",
            "deployed_at",
            "deployment_notes",
        ]
        read_only_fields = fields

    def get_held_by(self, request: TechnologyRequest) -> str:
        if request.status == TechnologyRequest.Status.AWAITING_APPROVAL and request.approver:
            return str(request.approver)
        if request.status == TechnologyRequest.Status.DEPLOYING and request.deployer:
            return str(request.deployer)
        return str(workflow.HOLDER.get(request.status, ""))

    def get_approval_waiting_too_long(self, request: TechnologyRequest) -> bool:
        return (
            request.status == TechnologyRequest.Status.AWAITING_APPROVAL
            and request.approval_overdue_at is not None
            and request.approval_overdue_at <= timezone.now()
        )


class DelegationSerializer(serializers.ModelSerializer):
    supervisor = PersonRefSerializer(read_only=True)
    delegate = PersonRefSerializer(read_only=True)

    class Meta:
        model = ApprovalDelegation
        fields = [
            "id",
            "supervisor",
            "delegate",
            "starts_on",
            "ends_on",
            "created_at",
            "revoked_at",
        ]
        read_only_fields = fields


# --- Steps' input --------------------------------------------------------------


class TechnologySubmitInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TechnologyRequest.Kind.choices)
    need = serializers.CharField(max_length=4000)
    impact = serializers.CharField(max_length=2000)
    urgency = serializers.ChoiceField(choices=ServiceRequest.Urgency.choices)
    requirements = serializers.CharField(
        max_length=4000, required=False, allow_blank=True, default=""
    )
    quantity = serializers.IntegerField(min_value=1, max_value=500)
    campus = serializers.PrimaryKeyRelatedField(queryset=Campus.objects.filter(is_active=True))
    room = serializers.PrimaryKeyRelatedField(
        queryset=Room.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )
    requested_for = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    standard_item = serializers.PrimaryKeyRelatedField(
        queryset=StandardItem.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    asset_type = serializers.SlugRelatedField(
        slug_field="code",
        queryset=AssetType.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    replaces = serializers.SlugRelatedField(
        slug_field="bar_tag",
        queryset=Asset.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The bar tag of the stolen device a stolen-equipment replacement replaces."),
    )


class TechnologyNotesInputSerializer(serializers.Serializer):
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class TechnologyFeedbackInputSerializer(serializers.Serializer):
    feedback = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class TechnologyDenyInputSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=TechnologyRequest.DenialReason.choices)
    explanation = serializers.CharField(max_length=4000)
    alternatives = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=StandardItem.objects.filter(is_active=True),
        required=False,
        default=list,
    )
    alternatives_text = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class TechnologyReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class TechnologyQuoteLineInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=200)
    quantity = serializers.IntegerField(min_value=1, max_value=10000)
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"))
    asset_model = serializers.PrimaryKeyRelatedField(
        queryset=AssetModel.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )


class TechnologyQuoteInputSerializer(serializers.Serializer):
    vendor = serializers.CharField(max_length=120)
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    valid_until = serializers.DateField()
    notes = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    lines = TechnologyQuoteLineInputSerializer(many=True, allow_empty=False, max_length=50)


class TechnologyFundInputSerializer(serializers.Serializer):
    quote = serializers.IntegerField(help_text=_("One of this request's quotes."))
    funding = serializers.ChoiceField(choices=Asset.Funding.choices)
    budget_code = serializers.CharField(max_length=40)
    purchase_order = serializers.CharField(max_length=40)


class TechnologyReceiveInputSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text=_("A line of the ordered quote."))
    bar_tag = serializers.CharField(max_length=40)
    serial_number = serializers.CharField(
        max_length=60, required=False, allow_blank=True, default=""
    )


class TechnologyReceiveCountInputSerializer(serializers.Serializer):
    line = serializers.IntegerField(help_text=_("A line of the ordered quote."))
    quantity = serializers.IntegerField(min_value=1, max_value=10000)


class TechnologyAssignDeployerInputSerializer(serializers.Serializer):
    technician = serializers.PrimaryKeyRelatedField(queryset=Person.objects.filter(is_active=True))


class TechnologyDeployInputSerializer(serializers.Serializer):
    notes = serializers.CharField(max_length=4000)


class DelegationInputSerializer(serializers.Serializer):
    delegate = serializers.PrimaryKeyRelatedField(queryset=Person.objects.filter(is_active=True))
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
