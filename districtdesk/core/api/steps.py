"""The shape every workflow API shares: fetch the object through the caller's policy (404
outside it), parse the step's input (400), run one service in one transaction, and answer
the object as it now is. A step the rules refuse raises DomainError, which the API's exception
handler turns into a 400 with field errors; "not_allowed" becomes a 403 here, because by then
the caller sees the object."""

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from districtdesk.core.errors import DomainError

NOT_ALLOWED = "not_allowed"


class StepsMixin:
    """For a GenericViewSet with `scope()` (what the caller may see), `get_queryset()` (the
    same, loaded for answers) and `answer_serializer(obj)`."""

    def scope(self) -> QuerySet:
        raise NotImplementedError

    def answer_serializer(self, subject: Model) -> serializers.Serializer:
        raise NotImplementedError

    def _visible(self) -> Model:
        return get_object_or_404(self.scope(), pk=self.kwargs["pk"])

    def _parse(self, input_class: type[serializers.Serializer]) -> dict[str, Any]:
        fields = input_class(data=self.request.data, context=self.get_serializer_context())
        fields.is_valid(raise_exception=True)
        return dict(fields.validated_data)

    def _call(self, service: Callable[..., object], *args, **fields) -> object:
        try:
            return service(*args, actor=self.request.user, **fields)
        except DomainError as refused:
            if refused.code == NOT_ALLOWED:
                raise PermissionDenied(refused.message) from refused
            raise

    def _answer(self, pk: int, *, status_code: int = status.HTTP_200_OK) -> Response:
        written = self.get_queryset().filter(pk=pk).first()
        if written is None:
            raise PermissionDenied(
                _("This would put it outside what you can see, so it was not done.")
            )
        return Response(self.answer_serializer(written).data, status=status_code)

    def _step(
        self,
        service: Callable[..., object],
        input_class: type[serializers.Serializer] | None = None,
        **extra: Any,
    ) -> Response:
        subject = self._visible()
        fields = self._parse(input_class) if input_class else {}
        with transaction.atomic():
            self._call(service, subject, **fields, **extra)
            return self._answer(subject.pk)
