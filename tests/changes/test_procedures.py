"""The SOPs of the Change Control Reports (seed 000): standard operating procedures kept in
the admin, shown as a printable page and a CSV with the changes linked to them."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from districtdesk.changes.models import StandardOperatingProcedure
from districtdesk.core.models import EnterpriseSystem, Role
from tests.changes.builders import submitted
from tests.changes.pages import text

pytestmark = pytest.mark.django_db


def procedure(people, **fields) -> StandardOperatingProcedure:
    values = {
        "title": "Infinite Campus patch and test",
        "system": EnterpriseSystem.objects.get(code="infinite-campus"),
        "text": "Patch the test site first; run the attendance checks.",
        "owner": people[Role.CHANGE_COORDINATOR],
        "last_reviewed": date(2027, 1, 15),
    }
    values.update(fields)
    return StandardOperatingProcedure.objects.create(**values)


def test_the_sop_report_lists_procedures_in_force_with_their_changes(client, district, people, now):
    change = submitted(district)
    kept = procedure(people)
    kept.changes.add(change)
    procedure(people, title="Retired fax procedure", is_active=False)
    client.force_login(people[Role.DIRECTOR])

    response = client.get(reverse("change_report", args=["sops"]))

    assert response.status_code == 200
    assert list(response.context["procedures"]) == [kept]
    assert change.number in text(response)
    assert "Retired fax procedure" not in text(response)
    assert "SOPs" in text(response) and "data-print" in text(response)


def test_the_other_reports_link_to_the_sops(client, people, now):
    client.force_login(people[Role.DIRECTOR])
    response = client.get(reverse("change_report", args=["emergency"]))
    assert reverse("change_report", args=["sops"]) in text(response)


def test_the_sop_csv_defuses_cells_a_spreadsheet_would_run(client, district, people, now):
    kept = procedure(people, title="=cmd|' /C calc'!A0", document_url="https://docs.example/ic")
    kept.changes.add(submitted(district))
    client.force_login(people[Role.CHANGE_COORDINATOR])

    response = client.get(reverse("change_report_csv", args=["sops"]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert rows[0] == [
        "title",
        "system",
        "owner",
        "last_reviewed",
        "document_url",
        "linked_changes",
        "procedure",
    ]
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert rows[1][1:5] == [
        "Infinite Campus",
        "Chris Park",
        "2027-01-15",
        "https://docs.example/ic",
    ]


def test_the_sop_page_costs_the_same_queries_for_many_procedures(
    client, district, people, now, django_assert_max_num_queries
):
    change = submitted(district)
    client.force_login(people[Role.DIRECTOR])
    url = reverse("change_report", args=["sops"])
    procedure(people).changes.add(change)
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for number in range(8):
        procedure(people, title=f"Procedure {number}").changes.add(change)

    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)

    assert len(response.context["procedures"]) == 9


def test_a_procedure_needs_a_document_or_its_steps(people):
    empty = StandardOperatingProcedure(
        title="Nothing", owner=people[Role.CHANGE_COORDINATOR], last_reviewed=date(2027, 1, 1)
    )
    with pytest.raises(ValidationError) as invalid:
        empty.full_clean()
    assert "document_url" in invalid.value.message_dict


def test_the_administrator_keeps_procedures_in_the_admin(client, district, people):
    client.force_login(people[Role.SYSTEM_ADMIN])
    change = submitted(district)

    response = client.post(
        reverse("admin:changes_standardoperatingprocedure_add"),
        {
            "title": "Kronos pay-code changes",
            "document_url": "https://docs.example/kronos",
            "text": "",
            "owner": people[Role.CHANGE_COORDINATOR].pk,
            "last_reviewed": "2027-01-20",
            "changes": str(change.pk),
            "is_active": "on",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = StandardOperatingProcedure.objects.get()
    assert list(saved.changes.all()) == [change]
