"""The form field for attaching files: several at once, each judged by file_types."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from districtdesk.core.errors import DomainError
from districtdesk.service_requests import file_types


class FilesInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.Field):
    """Zero or more files; every refused file is reported, each with its reason, so the
    person fixes them all at once. The service checks them again before writing."""

    widget = FilesInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # `accept` only steers the browser's picker; the content is what is checked.
        return {
            **super().widget_attrs(widget),
            "multiple": True,
            "accept": ",".join(file_types.allowed_extensions()),
        }

    @property
    def help_text(self) -> str:
        # Read when drawn, so the limits follow the settings (and the tests' overrides).
        return file_types.limits_text()

    @help_text.setter
    def help_text(self, value: str) -> None:
        pass  # the limits are the help text

    def to_python(self, data: Any) -> list:
        if not data:
            return []
        return list(data) if isinstance(data, (list, tuple)) else [data]

    def validate(self, value: list) -> None:
        super().validate(value)
        errors = []
        if len(value) > settings.ATTACHMENT_MAX_FILES:
            try:
                file_types.check_count(value)
            except DomainError as refused:
                errors.append(refused.message)
        for upload in value:
            try:
                file_types.inspect(upload)
            except DomainError as refused:
                errors.append(refused.message)
        if errors:
            raise forms.ValidationError(errors)
