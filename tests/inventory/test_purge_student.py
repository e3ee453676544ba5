"""purge_student and export_student (REFERENCE: NDPA deletion, FERPA 99.10 inspection):
after a purge a full database dump holds the student ID nowhere, and asset and location
history keep every row; the export holds every record that mentions the student."""

import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from districtdesk.activity.models import Event
from districtdesk.core.errors import DomainError
from districtdesk.core.models import Role
from districtdesk.inventory.models import Asset, AssetMove, StudentDataAccess, StudentPurge
from districtdesk.inventory.services.movement import move_asset
from districtdesk.inventory.services.registration import edit_asset
from districtdesk.inventory.services.student_records import (
    export_student,
    pseudonym_for,
    purge_student,
)
from districtdesk.service_requests.models import ServiceRequest
from tests.inventory.factories import register, room
from tests.service_requests.builders import submit

pytestmark = pytest.mark.django_db

STUDENT = "S7654321"
OTHER = "S1112223"


@pytest.fixture
def records(client, district, people, now):
    """The student's Chromebook, its notes and a move that name the student, a request that
    quotes the ID, and reads of it; and another student's device, which must stay as it is."""
    inventory = people[Role.INVENTORY]
    asset = register(district, bar_tag="NE000001", student_id=STUDENT)
    edit_asset(asset, actor=inventory, notes=f"Loaned to {STUDENT} after the repair.")
    move_asset(
        asset,
        actor=inventory,
        to_campus=district.north,
        to_room=room(district.north, "LIB"),
        reason=f"Student {STUDENT} moved to the library class.",
    )
    other = register(district, bar_tag="NE000002", student_id=OTHER)
    request = submit(
        people[Role.REQUESTER],
        now=now,
        description=f"Chromebook of student {STUDENT} has a cracked screen.",
    )
    client.force_login(inventory)
    client.get(reverse("asset_detail", args=[asset.pk]))
    client.get(reverse("asset_list"))
    return {"asset": asset, "other": other, "request": request}


def dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def history_counts() -> dict[str, int]:
    asset_type = ContentType.objects.get_for_model(Asset)
    return {
        "assets": Asset.objects.count(),
        "moves": AssetMove.objects.count(),
        "asset events": Event.objects.filter(subject_type=asset_type).count(),
        "reads": StudentDataAccess.objects.count(),
        "requests": ServiceRequest.objects.count(),
    }


def test_a_purge_leaves_no_trace_of_the_id_and_every_history_row(records, people, now):
    assert dump().count(STUDENT) >= 6  # the asset, its notes, the move, its event, reads
    before = history_counts()

    purge = purge_student(STUDENT, actor=people[Role.SYSTEM_ADMIN])

    everything = dump()
    assert STUDENT not in everything
    assert history_counts() == before
    pseudonym = pseudonym_for(STUDENT)
    assert purge.pseudonym == pseudonym and pseudonym in everything
    asset = Asset.objects.get(pk=records["asset"].pk)
    assert asset.student_id == pseudonym
    assert asset.notes == f"Loaned to {pseudonym} after the repair."
    assert asset.moves.filter(reason__contains=pseudonym).count() == 1
    assert set(StudentDataAccess.objects.values_list("student_id", flat=True)) == {
        pseudonym,
        OTHER,
    }
    records["request"].refresh_from_db()
    assert pseudonym in records["request"].description


def test_a_purge_is_recorded_and_leaves_other_students_alone(records, people, now):
    purge = purge_student(STUDENT, actor=people[Role.SYSTEM_ADMIN])

    assert StudentPurge.objects.get() == purge
    assert (purge.actor, purge.purged_at) == (people[Role.SYSTEM_ADMIN], now)
    assert purge.changed["inventory.Asset"] == 1
    assert purge.changed["inventory.AssetMove"] == 1
    assert purge.changed["inventory.StudentDataAccess"] == 2
    assert purge.changed["service_requests.ServiceRequest"] == 1
    assert Asset.objects.get(pk=records["other"].pk).student_id == OTHER


def test_the_pseudonym_is_stable_and_never_holds_the_id():
    assert pseudonym_for(STUDENT) == pseudonym_for(STUDENT) != pseudonym_for(OTHER)
    for short in ("1", "a", "12", "0f"):
        assert short not in pseudonym_for(short).removeprefix("anon-")


def test_only_system_administrators_purge_or_export(records, people):
    for step in (purge_student, export_student):
        with pytest.raises(DomainError) as refused:
            step(STUDENT, actor=people[Role.INVENTORY])
        assert refused.value.code == "not_allowed"
    assert Asset.objects.get(pk=records["asset"].pk).student_id == STUDENT


def test_a_pseudonym_cannot_be_purged_again(records, people):
    purge = purge_student(STUDENT, actor=people[Role.SYSTEM_ADMIN])

    with pytest.raises(DomainError) as refused:
        purge_student(purge.pseudonym, actor=people[Role.SYSTEM_ADMIN])

    assert refused.value.code == "already_pseudonymous"


def test_the_export_holds_every_record_that_mentions_the_student(records, people, now):
    asset = records["asset"]
    asset_type = ContentType.objects.get_for_model(Asset)
    expected = {
        ("inventory.asset", asset.pk),
        *(
            ("inventory.assetmove", pk)
            for pk in asset.moves.filter(reason__contains=STUDENT).values_list("pk", flat=True)
        ),
        *(
            ("activity.event", pk)
            for pk in Event.objects.filter(
                subject_type=asset_type, subject_id=str(asset.pk), code="asset.moved"
            ).values_list("pk", flat=True)
        ),
        *(
            ("inventory.studentdataaccess", pk)
            for pk in StudentDataAccess.objects.filter(student_id=STUDENT).values_list(
                "pk", flat=True
            )
        ),
        ("service_requests.servicerequest", records["request"].pk),
    }

    export = export_student(STUDENT, actor=people[Role.SYSTEM_ADMIN])

    exported = {(record["model"], record["pk"]) for record in export["records"]}
    assert expected <= exported
    assert all(STUDENT in json.dumps(record, default=str) for record in export["records"])
    assert ("inventory.asset", records["other"].pk) not in exported
    # The export is a disclosure, recorded in the read log.
    assert (
        StudentDataAccess.objects.filter(
            student_id=STUDENT, channel=StudentDataAccess.Channel.STUDENT_EXPORT
        ).count()
        == 1
    )


def test_the_commands_export_then_purge(records, people, tmp_path):
    target = tmp_path / "student.json"
    call_command("export_student", STUDENT, actor="sysadmin", output=str(target))
    exported = json.loads(target.read_text())
    assert exported["student_id"] == STUDENT and exported["records"]

    out = io.StringIO()
    call_command("purge_student", STUDENT, actor="sysadmin", interactive=False, stdout=out)

    assert pseudonym_for(STUDENT) in out.getvalue()
    assert STUDENT not in dump()


def test_the_commands_refuse_an_unknown_actor_or_a_refused_one(records):
    with pytest.raises(CommandError):
        call_command("purge_student", STUDENT, actor="nobody", interactive=False)
    with pytest.raises(CommandError):
        call_command("export_student", STUDENT, actor="inventory")
