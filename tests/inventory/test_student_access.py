"""The student-data read log (FERPA 34 CFR 99.32): every page, API answer and export that
shows an asset's student ID to its reader adds exactly one row per asset, in one bulk
insert; masked roles never receive the ID and leave no row; rows are never changed."""

import io

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from districtdesk.core.models import Role
from districtdesk.inventory.models import StudentDataAccess
from districtdesk.inventory.models.student_access import AppendOnlyError
from tests.inventory.conftest import TUESDAY
from tests.inventory.factories import register

pytestmark = pytest.mark.django_db

STUDENT = "S7654321"
Channel = StudentDataAccess.Channel


@pytest.fixture
def student_asset(district, now):
    return register(district, bar_tag="NE000001", student_id=STUDENT)


@pytest.fixture
def api():
    return APIClient()


def reads() -> list[tuple]:
    return list(
        StudentDataAccess.objects.order_by("asset__bar_tag").values_list(
            "actor__username", "channel", "asset__bar_tag", "student_id", "accessed_at"
        )
    )


def inserts_into_the_log(queries) -> int:
    table = StudentDataAccess._meta.db_table
    return sum(
        1 for query in queries if query["sql"].startswith("INSERT") and table in query["sql"]
    )


# --- Pages ---------------------------------------------------------------------------------


def test_an_asset_page_shown_with_its_student_adds_one_read(client, people, student_asset):
    client.force_login(people[Role.INVENTORY])

    response = client.get(reverse("asset_detail", args=[student_asset.pk]))

    assert STUDENT.encode() in response.content
    assert reads() == [("inventory", Channel.PAGE, "NE000001", STUDENT, TUESDAY)]


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.TECHNICIAN, Role.PRINCIPAL])
def test_masked_roles_never_receive_the_id_and_leave_no_read(client, people, student_asset, role):
    client.force_login(people[role])

    pages = [
        client.get(reverse("asset_detail", args=[student_asset.pk])),
        client.get(reverse("asset_list")),
    ]

    for page in pages:
        assert page.status_code == 200
        assert STUDENT.encode() not in page.content
        assert b"A student (hidden)" in page.content
    assert reads() == []


def test_an_asset_without_a_student_adds_no_read(client, district, people, now):
    asset = register(district, assigned_to=people[Role.REQUESTER])
    client.force_login(people[Role.INVENTORY])

    client.get(reverse("asset_detail", args=[asset.pk]))

    assert reads() == []


def test_the_edit_form_counts_as_a_read_when_it_is_shown(client, people, student_asset):
    client.force_login(people[Role.SYSTEM_ADMIN])

    response = client.get(reverse("asset_edit", args=[student_asset.pk]))

    assert STUDENT.encode() in response.content
    assert [read[:2] for read in reads()] == [("sysadmin", Channel.FORM)]


def test_the_list_records_each_shown_student_once_in_one_insert(client, district, people, now):
    for number in range(3):
        register(district, bar_tag=f"NE00000{number}", student_id=f"S{number}")
    register(district, bar_tag="NE000009", assigned_to=people[Role.REQUESTER])
    client.force_login(people[Role.INVENTORY])

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("asset_list"))

    assert b"Student S2" in response.content
    assert [(read[1], read[2], read[3]) for read in reads()] == [
        (Channel.LIST, "NE000000", "S0"),
        (Channel.LIST, "NE000001", "S1"),
        (Channel.LIST, "NE000002", "S2"),
    ]
    assert inserts_into_the_log(queries.captured_queries) == 1


# --- API -----------------------------------------------------------------------------------


def test_the_api_detail_adds_one_read(api, people, student_asset):
    api.force_authenticate(people[Role.INVENTORY])

    response = api.get(reverse("asset-detail", args=[student_asset.pk]))

    assert response.json()["student_id"] == STUDENT
    assert reads() == [("inventory", Channel.API, "NE000001", STUDENT, TUESDAY)]


def test_the_api_list_adds_one_read_per_row_in_one_insert(api, district, people, now):
    for number in range(5):
        register(district, bar_tag=f"NE00000{number}", student_id=f"S{number}")
    api.force_authenticate(people[Role.SYSTEM_ADMIN])

    with CaptureQueriesContext(connection) as queries:
        response = api.get(reverse("asset-list"), {"page_size": 3})

    assert [row["student_id"] for row in response.json()["results"]] == ["S0", "S1", "S2"]
    assert [read[3] for read in reads()] == ["S0", "S1", "S2"]  # the page, not every asset
    assert inserts_into_the_log(queries.captured_queries) == 1


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.TECHNICIAN])
def test_the_api_never_sends_masked_roles_the_id(api, people, student_asset, role):
    api.force_authenticate(people[role])

    detail = api.get(reverse("asset-detail", args=[student_asset.pk]))
    listed = api.get(reverse("asset-list"))

    for response in (detail, listed):
        assert response.status_code == 200
        assert STUDENT.encode() not in response.content
    assert detail.json()["student_id"] == "(student)"
    assert reads() == []


def test_an_api_write_answer_that_shows_the_id_is_a_read(api, people, student_asset):
    api.force_authenticate(people[Role.INVENTORY])

    response = api.patch(
        reverse("asset-detail", args=[student_asset.pk]), {"notes": "Cracked"}, format="json"
    )

    assert response.status_code == 200
    assert [read[1:4] for read in reads()] == [(Channel.API, "NE000001", STUDENT)]


# --- Exports -------------------------------------------------------------------------------


def test_the_csv_export_adds_one_read_per_student_asset_in_one_insert(
    client, district, people, now
):
    for number in range(4):
        register(district, bar_tag=f"NE00000{number}", student_id=f"S{number}")
    register(district, bar_tag="NE000009")
    client.force_login(people[Role.INVENTORY])

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("asset_export"))
        content = b"".join(response.streaming_content)

    assert b"S3" in content
    assert [(read[1], read[3]) for read in reads()] == [(Channel.CSV, f"S{n}") for n in range(4)]
    assert inserts_into_the_log(queries.captured_queries) == 1


def test_the_excel_export_adds_one_read_per_student_asset(client, district, people, now):
    register(district, bar_tag="NE000001", student_id="S1")
    register(
        district, bar_tag="SH000002", campus=district.south, room_number="A100", student_id="S2"
    )
    client.force_login(people[Role.SYSTEM_ADMIN])

    response = client.get(reverse("asset_export_xlsx"), {"campus": district.north.pk})

    assert response.status_code == 200
    assert [(read[1], read[2]) for read in reads()] == [(Channel.XLSX, "NE000001")]  # filtered


def test_masked_exports_hold_no_id_and_leave_no_read(client, people, student_asset):
    client.force_login(people[Role.DIRECTOR])

    csv_content = b"".join(client.get(reverse("asset_export")).streaming_content)
    xlsx = client.get(reverse("asset_export_xlsx"))

    assert STUDENT.encode() not in csv_content
    book = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    cells = [value for row in book.worksheets[0].iter_rows(values_only=True) for value in row]
    assert STUDENT not in cells and "(student)" in cells
    assert reads() == []


# --- Append-only ---------------------------------------------------------------------------


def test_a_read_cannot_be_changed_or_deleted(client, people, student_asset):
    client.force_login(people[Role.INVENTORY])
    client.get(reverse("asset_detail", args=[student_asset.pk]))
    read = StudentDataAccess.objects.get()

    read.channel = Channel.API
    with pytest.raises(AppendOnlyError):
        read.save()
    with pytest.raises(AppendOnlyError):
        read.delete()
    with pytest.raises(AppendOnlyError):
        StudentDataAccess.objects.all().update(student_id="X")
    with pytest.raises(AppendOnlyError):
        StudentDataAccess.objects.filter(pk=read.pk).delete()

    assert StudentDataAccess.objects.get().channel == Channel.PAGE


def test_the_admin_shows_the_log_to_system_administrators_only_and_read_only(people):
    model_admin = site._registry[StudentDataAccess]
    request = RequestFactory().get("/")

    request.user = people[Role.SYSTEM_ADMIN]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    request.user = people[Role.INVENTORY]
    assert not model_admin.has_view_permission(request)


# --- The log's page ------------------------------------------------------------------------


def test_system_administrators_see_who_read_a_students_data(client, district, people, now):
    register(district, bar_tag="NE000001", student_id="S1")
    other = register(district, bar_tag="NE000002", student_id="S2")
    client.force_login(people[Role.INVENTORY])
    client.get(reverse("asset_list"))
    client.get(reverse("asset_detail", args=[other.pk]))
    client.force_login(people[Role.SYSTEM_ADMIN])

    response = client.get(reverse("student_access_log"), {"student": "S2"})

    assert response.status_code == 200
    shown = [(read.channel, read.student_id) for read in response.context["page"]]
    assert shown == [(Channel.PAGE, "S2"), (Channel.LIST, "S2")]  # newest first
    assert b"NE000002" in response.content and b"NE000001" not in response.content


@pytest.mark.parametrize("role", [Role.INVENTORY, Role.DIRECTOR])
def test_the_log_page_is_a_404_for_everyone_else(client, people, role):
    client.force_login(people[role])

    assert client.get(reverse("student_access_log")).status_code == 404
