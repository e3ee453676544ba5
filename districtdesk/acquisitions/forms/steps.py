"""One form per step on one technology request. Each sends the status the page showed: a
step taken from a page that is out of date is refused before it reaches the service."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from districtdesk.acquisitions import policies
from districtdesk.acquisitions.forms.requesting import active_standards, standard_label
from districtdesk.acquisitions.models import Quote, TechnologyRequest
from districtdesk.acquisitions.services.purchasing import MAX_LINES, LineInput
from districtdesk.core.models import Person, Team
from districtdesk.inventory.models import Asset, AssetModel
from districtdesk.service_requests.forms import ShowsDomainErrors

MONEY_STEP = {"step": "0.01", "inputmode": "decimal"}


def _textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class TechnologyActionForm(ShowsDomainErrors, forms.Form):
    def __init__(self, *args: Any, technology_request: TechnologyRequest, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.technology_request = technology_request

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.data.get("status") != self.technology_request.status:
            raise forms.ValidationError(
                _(
                    "This request moved on while you were looking at it: it is now "
                    "“%(status)s”. Check the page and try again."
                ),
                code="stale",
                params={"status": self.technology_request.get_status_display()},
            )
        return cleaned

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments for the step's service, besides the request and actor."""
        return dict(self.cleaned_data)


class StepForm(TechnologyActionForm):
    """A step that takes nothing but the press of a button: send for funding."""


class NotesForm(TechnologyActionForm):
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=_textarea(), max_length=2000
    )


class DeployForm(TechnologyActionForm):
    notes = forms.CharField(
        label=gettext_lazy("What was set up, and where"), widget=_textarea(), max_length=2000
    )


class ApproveForm(TechnologyActionForm):
    feedback = forms.CharField(
        label=gettext_lazy("Feedback for the requester and the technology team"),
        required=False,
        widget=_textarea(),
        max_length=2000,
    )


class ReasonForm(TechnologyActionForm):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=_textarea(), max_length=2000)


class DenyForm(TechnologyActionForm):
    denial_reason = forms.ChoiceField(
        label=gettext_lazy("Reason for the denial"),
        choices=TechnologyRequest.DenialReason.choices,
        widget=forms.RadioSelect,
    )
    explanation = forms.CharField(
        label=gettext_lazy("Explanation for the requester"),
        widget=_textarea(3),
        max_length=4000,
    )
    alternatives = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Standard items to offer instead"),
        queryset=active_standards(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    alternatives_text = forms.CharField(
        label=gettext_lazy("Other alternatives or options"),
        required=False,
        widget=_textarea(),
        max_length=2000,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.technology_request
        asset_type = request.asset_type_id or (
            request.standard_item.asset_type_id if request.standard_item else None
        )
        same_type = active_standards().filter(asset_type=asset_type).order_by("price_low", "name")
        field = self.fields["alternatives"]
        field.queryset = same_type.exclude(pk=request.standard_item_id)
        field.label_from_instance = standard_label

    def has_alternatives(self) -> bool:
        return self.fields["alternatives"].queryset.exists()

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "reason": data["denial_reason"],
            "explanation": data["explanation"],
            "alternatives": list(data["alternatives"]),
            "alternatives_text": data["alternatives_text"],
        }


class QuoteLineForm(forms.Form):
    description = forms.CharField(label=gettext_lazy("Description"), max_length=200)
    asset_model = forms.ModelChoiceField(
        label=gettext_lazy("Model"),
        queryset=AssetModel.objects.filter(is_active=True).select_related("manufacturer"),
        required=False,
        empty_label=gettext_lazy("Not inventoried (licence, service)"),
    )
    quantity = forms.IntegerField(label=gettext_lazy("Quantity"), min_value=1, max_value=10_000)
    unit_price = forms.DecimalField(
        label=gettext_lazy("Unit price"),
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        widget=forms.NumberInput(attrs=MONEY_STEP),
    )


class BaseLineFormSet(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {"use_required_attribute": False}


QuoteLineFormSet = forms.formset_factory(
    QuoteLineForm,
    formset=BaseLineFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_LINES,
    validate_min=True,
    validate_max=True,
)
LINE_FIELDS = ("description", "asset_model", "quantity", "unit_price")


class QuoteForm(TechnologyActionForm):
    """The vendor's quote with its lines; "Add a line" asks for the form again with one
    more line, with or without JavaScript."""

    vendor = forms.CharField(label=gettext_lazy("Vendor"), max_length=120)
    reference = forms.CharField(label=gettext_lazy("Quote number"), max_length=60, required=False)
    valid_until = forms.DateField(
        label=gettext_lazy("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=_textarea(), max_length=2000
    )

    ERROR_FIELDS = {"lines": "__all__"}

    def __init__(self, *args: Any, more_lines: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        prefix = f"{self.prefix}-line" if self.prefix else "line"
        if self.is_bound and more_lines:
            # Asked for one more line: the form again as typed, not yet judged.
            self.lines = QuoteLineFormSet(prefix=prefix, initial=self._typed_lines(prefix))
            self.lines.extra = 1
        elif self.is_bound:
            self.lines = QuoteLineFormSet(self.data, prefix=prefix)
        else:
            self.lines = QuoteLineFormSet(prefix=prefix, initial=[self._first_line()])

    def _first_line(self) -> dict[str, Any]:
        item = self.technology_request.standard_item
        line = {"quantity": self.technology_request.quantity}
        if item is not None:
            line["description"] = item.name
            line["asset_model"] = item.asset_model_id
        return line

    def _typed_lines(self, prefix: str) -> list[dict[str, Any]]:
        try:
            count = int(self.data.get(f"{prefix}-TOTAL_FORMS", 1))
        except (TypeError, ValueError):
            count = 1
        count = min(max(count, 1), MAX_LINES - 1)
        return [
            {name: self.data.get(f"{prefix}-{number}-{name}", "") for name in LINE_FIELDS}
            for number in range(count)
        ]

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return self.lines.is_valid() and valid

    def error_summary(self) -> str:
        summary = super().error_summary()
        if self.is_bound and self.lines.is_bound:
            line_errors = [
                _("Line %(n)s: %(error)s") % {"n": number, "error": " ".join(messages)}
                for number, form in enumerate(self.lines.forms, start=1)
                for messages in form.errors.values()
            ]
            summary = " ".join([summary, *line_errors, *self.lines.non_form_errors()])
        return summary.strip()

    def arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["lines"] = [
            LineInput(
                description=line["description"],
                quantity=line["quantity"],
                unit_price=line["unit_price"],
                asset_model=line["asset_model"],
            )
            for line in self.lines.cleaned_data
            if line
        ]
        return data


def _quote_label(quote: Quote) -> str:
    return _("%(vendor)s %(reference)s · $%(total)s · valid until %(day)s") % {
        "vendor": quote.vendor,
        "reference": quote.reference,
        "total": f"{quote.total:,.2f}",
        "day": quote.valid_until.isoformat(),
    }


class FundForm(TechnologyActionForm):
    quote = forms.ModelChoiceField(
        label=gettext_lazy("Quote to order"),
        queryset=Quote.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    funding = forms.ChoiceField(
        label=gettext_lazy("Funding source"),
        choices=Asset.Funding.choices,
        widget=forms.RadioSelect,
    )
    budget_code = forms.CharField(label=gettext_lazy("Budget code"), max_length=40)
    purchase_order = forms.CharField(label=gettext_lazy("Purchase order number"), max_length=40)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["quote"]
        field.queryset = self.technology_request.quotes.prefetch_related("lines")
        field.label_from_instance = _quote_label


class AssignDeployerForm(TechnologyActionForm):
    technician = forms.ModelChoiceField(
        label=gettext_lazy("Technician"),
        queryset=Person.objects.none(),
        empty_label=gettext_lazy("Choose a technician"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["technician"].queryset = technicians_for(self.technology_request)


def technicians_for(request: TechnologyRequest):
    """The technology team members who can work the request: its team, or the teams that
    serve its campus."""
    service_request = request.service_request
    teams = Team.objects.filter(
        Q(pk=service_request.team_id) | Q(campuses=service_request.campus_id)
    )
    return (
        Person.objects.filter(
            is_active=True,
            team_memberships__team__in=teams,
            role_assignments__role__in=policies.TECHNOLOGY,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
