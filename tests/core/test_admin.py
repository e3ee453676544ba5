"""The Django admin serves a district's system administrator: every screen opens."""

from datetime import date

import pytest
from django.contrib import admin
from django.urls import reverse

from districtdesk.core import services
from districtdesk.core.models import BusinessCalendar, Person, Role
from tests.cast import build_district

pytestmark = pytest.mark.django_db

OUR_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"core", "activity", "service_requests"}
]


@pytest.fixture
def admin_client(client):
    client.force_login(build_district().people[Role.SYSTEM_ADMIN])
    return client


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m._meta.label)
def test_every_list_add_and_change_screen_opens(admin_client, model):
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    search = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "north"}
    )

    assert changelist.status_code == 200
    assert search.status_code == 200
    instance = model.objects.first()
    if instance is not None:
        change = admin_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
        )
        assert change.status_code == 200


def test_the_event_log_cannot_be_edited_or_deleted_in_the_admin(admin_client):
    # Given an event in the log
    calendar = BusinessCalendar.objects.get(is_default=True)
    services.add_closure(
        calendar,
        actor=Person.objects.get(username="sysadmin"),
        name="Snow day",
        kind="emergency",
        first_day=date(2027, 2, 1),
        last_day=date(2027, 2, 1),
    )

    # Then the admin offers no add, change or delete for it
    add = admin_client.get(reverse("admin:activity_event_add"))
    listing = admin_client.get(reverse("admin:activity_event_changelist"))

    assert add.status_code == 403
    assert "Snow day" in listing.content.decode()
