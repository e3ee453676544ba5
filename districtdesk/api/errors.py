"""Answers for requests that reach no view: JSON under /api/, the site's page elsewhere."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler

from districtdesk.core.errors import DomainError


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page_not_found(request, exception)


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, plus the answer for a rule that said no: a DomainError, or a model's
    own validation, is a 400 with `{field: [message]}`, never a 500. Every 400 keeps that
    documented shape (FieldErrors), a body DRF could not parse included. The 403 for a step
    the caller may not take is the viewset's to decide (it knows the caller sees the object)."""
    if isinstance(exc, DomainError):
        exc = ValidationError(exc.as_field_errors(), code=exc.code)
    elif isinstance(exc, DjangoValidationError):
        exc = ValidationError(_field_errors(exc))
    response = exception_handler(exc, context)
    if response is not None and response.status_code == status.HTTP_400_BAD_REQUEST:
        response.data = _as_field_errors(response.data)
    return response


def _field_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    if not hasattr(error, "error_dict"):
        return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return {
        api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field: messages
        for field, messages in error.message_dict.items()
    }


def _as_field_errors(data: Any) -> Any:
    """`{"detail": "…"}` (a ParseError) or a bare list becomes `{"non_field_errors": […]}`."""
    if isinstance(data, list):
        return {api_settings.NON_FIELD_ERRORS_KEY: data}
    if isinstance(data, dict) and set(data) == {"detail"}:
        return {api_settings.NON_FIELD_ERRORS_KEY: [data["detail"]]}
    return data
