"""Every API read over the demo district answers with a body its schema allows.

Fuzzing sends made-up requests, so it rarely reaches a record in a late step (a denied
technology request, a funded one, a change that was backed out). Here the demo district
holds records in every step, and each list and detail operation is read as a system
administrator and validated against the published schema, field by field."""

from datetime import UTC, datetime
from io import StringIO

import pytest
import schemathesis
import time_machine
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from werkzeug.test import Client

from districtdesk.core.models import Person, Role
from districtdesk.wsgi import application

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 2, 10, 17, 0, tzinfo=UTC)  # a Wednesday, 11:00 in Chicago

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


def read_operations() -> list[tuple[str, str]]:
    """(list path, detail path or "") for each collection the API publishes."""
    paths = schema.raw_schema["paths"]
    pairs = []
    for path, operations in sorted(paths.items()):
        if "get" not in operations or "{" in path:
            continue
        detail = f"{path}{{id}}/"
        pairs.append((path, detail if detail in paths and "get" in paths[detail] else ""))
    return pairs


@pytest.fixture
def admin_headers() -> dict[str, str]:
    with time_machine.travel(NOW, tick=False):
        call_command("load_demo_district", "--size", "small", "--requests", "80", stdout=StringIO())
    admin = Person.objects.filter(role_assignments__role=Role.SYSTEM_ADMIN).first()
    return {"Authorization": f"Token {Token.objects.create(user=admin).key}"}


def validate(headers: dict[str, str], template: str, path: str) -> dict | list:
    response = Client(application).get(path, headers={**headers, "Accept": "application/json"})
    assert response.status_code == 200, (path, response.get_data()[:500])
    schema[template]["GET"].validate_response(response)
    return response.get_json()


def test_every_list_and_detail_in_the_demo_matches_the_schema(admin_headers):
    operations = read_operations()
    assert len(operations) > 20, "the schema lost its collections"
    details_read = 0
    with time_machine.travel(NOW, tick=False):
        for list_path, detail_path in operations:
            body = validate(admin_headers, list_path, f"{list_path}?page_size=100")
            rows = body.get("results", []) if isinstance(body, dict) else body
            if not detail_path:
                continue
            for row in rows:
                if isinstance(row, dict) and "id" in row:
                    path = detail_path.replace("{id}", str(row["id"]))
                    validate(admin_headers, detail_path, path)
                    details_read += 1
    assert details_read > 200
