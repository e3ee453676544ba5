"""The forms of the technology-request pages: they parse and check input and hand the
services keyword arguments. None of them writes anything."""

from districtdesk.acquisitions.forms.delegations import DelegationForm
from districtdesk.acquisitions.forms.receiving import ReceiveCountForm, ReceiveItemForm
from districtdesk.acquisitions.forms.requesting import TechnologyRequestForm
from districtdesk.acquisitions.forms.steps import (
    ApproveForm,
    AssignDeployerForm,
    DenyForm,
    DeployForm,
    FundForm,
    NotesForm,
    QuoteForm,
    ReasonForm,
    StepForm,
    TechnologyActionForm,
)

__all__ = [
    "ApproveForm",
    "AssignDeployerForm",
    "DelegationForm",
    "DenyForm",
    "DeployForm",
    "FundForm",
    "NotesForm",
    "QuoteForm",
    "ReasonForm",
    "ReceiveCountForm",
    "ReceiveItemForm",
    "StepForm",
    "TechnologyActionForm",
    "TechnologyRequestForm",
]
