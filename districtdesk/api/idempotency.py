"""Safe retries for the API's POSTs: the Idempotency-Key header
(IETF draft-ietf-httpapi-idempotency-key-header).

A client that sends a POST with `Idempotency-Key: <a key of its own, up to 255
characters>` may send the same POST again, after a timeout or a dropped connection, and the
work is done once:

- the first request claims the key (a row committed on its own, so that a second request
  sees it), then runs; its answer is stored in the same transaction as its work, so the
  work and the stored answer exist together or not at all;
- a repeat with the same body gets the stored status and body back, and changes nothing;
- the same key with another body (or on another endpoint) answers 422;
- a repeat while the first is still running answers 409;
- only 2xx and 4xx answers are stored: after a 5xx the key is free and the POST may be
  retried;
- keys are per person and are kept for 24 hours from their first use; after that the key
  may be used again. `forget_expired_keys` deletes the old rows.

Every viewset registered on the API router gets this (see `IdempotentRouter`), so no
endpoint can forget it.
"""

import hashlib
import json
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from districtdesk.api.models import IdempotencyKey
from districtdesk.core.models import Person

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
KEPT_FOR = timedelta(hours=24)
# A claim whose request never finished (its worker was killed) is free again after this;
# far longer than any request runs, so a request still running is never overtaken.
IN_FLIGHT_FOR = timedelta(minutes=2)


class KeyInFlight(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _(
        "A request with this Idempotency-Key is still being processed. Try again shortly."
    )
    default_code = "idempotency_key_in_flight"


class KeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _(
        "This Idempotency-Key was already used for a different request. Use a new key for "
        "a new request."
    )
    default_code = "idempotency_key_reused"


def read_key(request: Request) -> str | None:
    """The key a POST came with; None without one. The draft sends it as a quoted
    structured-field string; a bare key is accepted too."""
    if request.method != "POST" or HEADER not in request.headers:
        return None
    key = request.headers[HEADER].strip()
    if len(key) >= 2 and key[0] == key[-1] == '"':
        key = key[1:-1]
    if not key or len(key) > MAX_KEY_LENGTH or not (key.isascii() and key.isprintable()):
        raise ValidationError(
            {
                HEADER: [
                    _("Send a key of 1 to %(length)s printable ASCII characters.")
                    % {"length": MAX_KEY_LENGTH}
                ]
            }
        )
    return key


def _plain(value: Any) -> Any:
    """The request's data as JSON can hold it: files by name and content hash."""
    if isinstance(value, UploadedFile):
        digest = hashlib.sha256()
        for chunk in value.chunks():
            digest.update(chunk)
        value.seek(0)
        return {"file": value.name, "sha256": digest.hexdigest()}
    if hasattr(value, "lists"):  # a QueryDict: every value of every field
        return {name: [_plain(item) for item in items] for name, items in value.lists()}
    if isinstance(value, dict):
        return {str(name): _plain(item) for name, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def fingerprint(request: Request) -> str:
    """SHA-256 of the parsed body: the same data sent again matches however it is spaced,
    and a multipart upload matches whatever boundary the client picked."""
    canonical = json.dumps(_plain(request.data), sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def claim(
    *,
    person: Person,
    key: str,
    method: str,
    path: str,
    fingerprint: str,
    now: datetime | None = None,
) -> IdempotencyKey:
    """The key's row: new and unanswered (run the request), or answered (replay it).
    Raises KeyReused (422) or KeyInFlight (409)."""
    now = now or timezone.now()
    request = {"method": method, "path": path, "fingerprint": fingerprint}
    try:
        with transaction.atomic():
            return IdempotencyKey.objects.create(person=person, key=key, created_at=now, **request)
    except IntegrityError:
        pass
    row = IdempotencyKey.objects.filter(person=person, key=key).first()
    if row is None:  # its first request failed and let go of it this instant
        raise KeyInFlight
    if row.created_at <= now - KEPT_FOR:
        return _take_over(row, now=now, **request)
    if (row.method, row.path, row.fingerprint) != (method, path, fingerprint):
        raise KeyReused
    if not row.answered:
        if row.created_at <= now - IN_FLIGHT_FOR:
            return _take_over(row, now=now, **request)
        raise KeyInFlight
    return row


def _take_over(row: IdempotencyKey, *, now: datetime, **request: str) -> IdempotencyKey:
    """Start afresh on an expired or abandoned key; compare-and-set on its creation time,
    so of two requests taking it over, one wins and the other answers 409."""
    fresh = {**request, "created_at": now, "response_status": None, "response_body": ""}
    taken = IdempotencyKey.objects.filter(pk=row.pk, created_at=row.created_at).update(**fresh)
    if not taken:
        raise KeyInFlight
    for field, value in fresh.items():
        setattr(row, field, value)
    return row


def remember(row: IdempotencyKey, response: Response) -> None:
    """Store the answer. Call inside the request's own transaction: if the claim was taken
    over meanwhile, this raises and the request's work is undone with it."""
    body = (JSONRenderer().render(response.data) or b"null").decode()
    stored = IdempotencyKey.objects.filter(
        pk=row.pk, created_at=row.created_at, response_status__isnull=True
    ).update(response_status=response.status_code, response_body=body)
    if not stored:
        raise KeyInFlight


def release(row: IdempotencyKey) -> None:
    """Let go of a claim whose request was not answered (a 5xx): it may be retried."""
    IdempotencyKey.objects.filter(
        pk=row.pk, created_at=row.created_at, response_status__isnull=True
    ).delete()


def forget_expired_keys(now: datetime) -> int:
    """Delete keys past their 24 hours; for the periodic clean-up. Returns how many."""
    deleted, _by_model = IdempotencyKey.objects.filter(created_at__lte=now - KEPT_FOR).delete()
    return deleted


def _stored(status_code: int) -> bool:
    return 200 <= status_code < 300 or 400 <= status_code < 500


class IdempotentPosts:
    """Mixed into every API viewset by IdempotentRouter.

    After DRF has authenticated the caller and checked permissions (`initial`), a POST
    with a key either gets its stored answer or runs once, its handler wrapped so that the
    answer is stored in the same transaction as the work.
    """

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        key = read_key(request)
        if key is None:
            return
        row = claim(
            person=request.user,
            key=key,
            method=request.method,
            path=request.path,
            fingerprint=fingerprint(request),
        )
        # DRF looks the handler up by method name after `initial`: swap in ours.
        self.post = partial(self._replay if row.answered else self._once, self.post, row)

    def _replay(self, handler, row: IdempotencyKey, *args: Any, **kwargs: Any) -> Response:
        # json.loads keeps the stored key order, so the replay renders the same bytes.
        return Response(
            json.loads(row.response_body),
            status=row.response_status,
            headers={REPLAYED_HEADER: "true"},
        )

    def _once(self, handler, row: IdempotencyKey, request: Request, *args, **kwargs) -> Response:
        try:
            with transaction.atomic():
                try:
                    # A savepoint: a refused step leaves nothing, and the answer can still
                    # be stored in the transaction around it.
                    with transaction.atomic():
                        response = handler(request, *args, **kwargs)
                except Exception as exc:  # DRF answers what it can, re-raises the rest
                    response = self.handle_exception(exc)
                stored = _stored(response.status_code)
                if stored:
                    remember(row, response)
                else:
                    transaction.set_rollback(True)
        except BaseException:
            release(row)
            raise
        if not stored:
            release(row)
        return response


def with_idempotent_posts(viewset: type) -> type:
    if issubclass(viewset, IdempotentPosts):
        return viewset
    names = {name: getattr(viewset, name) for name in ("__module__", "__qualname__", "__doc__")}
    return type(viewset.__name__, (IdempotentPosts, viewset), names)


class IdempotentRouter(DefaultRouter):
    """The API's router: every viewset registered here honours Idempotency-Key."""

    def register(self, prefix: str, viewset: type, basename: str | None = None) -> None:
        super().register(prefix, with_idempotent_posts(viewset), basename)
