"""Everything DistrictDesk holds on one student: exported (a parent's right to inspect,
FERPA 99.10) or pseudonymised (a deletion request under the district's data privacy
agreement, NDPA Exhibit D).

A student ID can sit anywhere people type text: an asset's assignment, its notes, a move's
reason, a discrepancy's documentation, a service request's description or comments, an
event's parameters, the read log. So both steps look in every text and JSON column of every
table, one query per table, rather than in a list that would go stale as apps grow.

Purging replaces the ID by a stable pseudonym (the same one for the same student, so rows
about one student still belong together) and deletes nothing: asset and location history
keep every row (E-rate keeps them ten years). The purge is recorded as a `StudentPurge`
row naming the pseudonym, never the ID.
"""

import hashlib
import hmac
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory import policies
from districtdesk.inventory.models import Asset, StudentDataAccess, StudentPurge
from districtdesk.inventory.services.student_access import Channel, record_student_reads

PSEUDONYM_PREFIX = "anon-"
# Tables that cannot hold a student ID, or hold only what this module writes.
SKIPPED = {"contenttypes.ContentType", "auth.Permission", "inventory.StudentPurge"}


def pseudonym_for(student_id: str) -> str:
    """The same pseudonym for the same student on every run, keyed with the site's secret so
    it cannot be reversed by hashing guesses; never one that contains the ID itself."""
    counter = 0
    while True:
        message = f"{student_id}:{counter}".encode()
        digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
        if student_id.lower() not in digest[:16]:
            return PSEUDONYM_PREFIX + digest[:16]
        counter += 1


def _cleaned(student_id: str) -> str:
    student_id = (student_id or "").strip()
    if not student_id:
        raise DomainError(_("Give the student's ID."), code="no_student", field="student_id")
    if student_id.startswith(PSEUDONYM_PREFIX):
        raise DomainError(
            _("That is a pseudonym: the student's records were purged already."),
            code="already_pseudonymous",
            field="student_id",
        )
    return student_id


def _require_allowed(actor: Person) -> None:
    if not policies.can_handle_student_records(actor):
        raise DomainError(
            _("Only system administrators export or purge a student's records."),
            code="not_allowed",
        )


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and not field.is_relation
    ]


def _searched_models() -> Iterator[tuple[type[models.Model], list[models.Field]]]:
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label in SKIPPED:
            continue
        fields = _text_fields(model)
        if fields:
            yield model, fields


def _candidates(model: type[models.Model], fields: list[models.Field], student_id: str):
    """Rows with the ID in any text or JSON column: one query. (SQLite's LIKE ignores case,
    so each row is checked again exactly in Python.)"""
    casts, match = {}, Q()
    for field in fields:
        if isinstance(field, models.JSONField):
            alias = f"_{field.attname}_as_text"
            casts[alias] = Cast(field.attname, models.TextField())
            match |= Q(**{f"{alias}__contains": student_id})
        else:
            match |= Q(**{f"{field.attname}__contains": student_id})
    rows: QuerySet = model._base_manager.alias(**casts).filter(match).order_by("pk")
    return rows


def _replaced(value: Any, student_id: str, pseudonym: str) -> Any:
    if isinstance(value, str):
        return value.replace(student_id, pseudonym)
    if isinstance(value, list):
        return [_replaced(item, student_id, pseudonym) for item in value]
    if isinstance(value, dict):
        return {
            _replaced(key, student_id, pseudonym): _replaced(item, student_id, pseudonym)
            for key, item in value.items()
        }
    return value


def _mentioning(student_id: str) -> Iterator[tuple[type[models.Model], list, list[models.Field]]]:
    """Each table's rows that mention the student (exactly), with its text columns."""
    for model, fields in _searched_models():
        rows = [
            row
            for row in _candidates(model, fields, student_id)
            if any(
                _replaced(getattr(row, field.attname), student_id, "")
                != getattr(row, field.attname)
                for field in fields
            )
        ]
        if rows:
            yield model, rows, fields


def export_student(
    student_id: str, *, actor: Person, now: datetime | None = None
) -> dict[str, Any]:
    """Every record that mentions the student, as Django's serialisation of each row
    (model, primary key, every field). The export is itself a disclosure: each asset
    assigned to the student gets a row in the read log."""
    _require_allowed(actor)
    student_id = _cleaned(student_id)
    now = now or timezone.now()
    records: list[dict[str, Any]] = []
    for _model, rows, _fields in _mentioning(student_id):
        records.extend(serializers.serialize("python", rows))
    assigned = Asset.objects.filter(student_id=student_id).values_list("pk", "student_id")
    record_student_reads(assigned, actor=actor, channel=Channel.STUDENT_EXPORT, now=now)
    return {
        "student_id": student_id,
        "exported_at": now.isoformat(),
        "exported_by": actor.get_username(),
        "records": records,
    }


def purge_student(student_id: str, *, actor: Person, now: datetime | None = None) -> StudentPurge:
    """Replace the student's ID by its pseudonym in every row that holds it, in one
    transaction, and record the purge. Rows are changed, never added or removed."""
    _require_allowed(actor)
    student_id = _cleaned(student_id)
    now = now or timezone.now()
    pseudonym = pseudonym_for(student_id)
    changed: dict[str, int] = {}
    with transaction.atomic():
        for model, rows, fields in _mentioning(student_id):
            if model is StudentDataAccess:
                # The read log is append-only; its one sanctioned change is this one.
                count = StudentDataAccess.objects.pseudonymise(student_id, pseudonym)
            else:
                for row in rows:
                    changes = {
                        field.attname: _replaced(getattr(row, field.attname), student_id, pseudonym)
                        for field in fields
                    }
                    model._base_manager.filter(pk=row.pk).update(**changes)
                count = len(rows)
            changed[model._meta.label] = count
        return StudentPurge.objects.create(
            purged_at=now, actor=actor, pseudonym=pseudonym, changed=changed
        )
