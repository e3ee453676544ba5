"""Who sees change requests and who may act: the queryset and the object check agree."""

import pytest

from districtdesk.changes import policies, workflow
from districtdesk.changes.models import ChangeControlSettings, ChangeRequest
from districtdesk.core.models import Role
from tests.changes.builders import submitted

pytestmark = pytest.mark.django_db
STAFF_ROLES = set(policies.STAFF)


@pytest.mark.parametrize("role", list(Role))
def test_staff_roles_see_every_change_and_others_see_none(district, role):
    change = submitted(district)
    person = district.people[role]

    sees = policies.can_view(person, change)

    assert sees == (role in STAFF_ROLES or person.is_superuser)
    assert policies.changes_visible_to(person).filter(pk=change.pk).exists() == sees


def test_an_inactive_person_sees_nothing(district):
    change = submitted(district)
    director = district.people[Role.DIRECTOR]
    director.is_active = False
    director.save(update_fields=["is_active"])
    assert not policies.can_view(director, change)


@pytest.mark.parametrize(
    ("role", "may_submit"),
    [
        (Role.TECHNICIAN, True),
        (Role.TEAM_LEAD, True),
        (Role.SUPERVISOR, True),
        (Role.DIRECTOR, True),
        (Role.CHANGE_COMMITTEE, True),
        (Role.CHANGE_COORDINATOR, True),
        (Role.REQUESTER, False),
        (Role.CCC_ANALYST, False),
        (Role.SUPERINTENDENT, False),
        (Role.BUSINESS_OFFICE, False),
    ],
)
def test_who_may_submit(district, role, may_submit):
    assert policies.can_submit(district.people[role]) == may_submit


def test_the_committee_decides_at_meetings_and_the_coordinator_alone_otherwise(district):
    people = district.people
    meeting, single = ChangeControlSettings.ApprovalModel.values
    assert policies.can_decide(people[Role.CHANGE_COMMITTEE], meeting)
    assert policies.can_decide(people[Role.CHANGE_COORDINATOR], meeting)
    assert not policies.can_decide(people[Role.DIRECTOR], meeting)
    assert not policies.can_decide(people[Role.CHANGE_COMMITTEE], single)
    assert policies.can_decide(people[Role.CHANGE_COORDINATOR], single)


def test_every_step_in_the_table_has_words_and_every_status_can_be_reached():
    steps = {transition.step for transition in workflow.TRANSITIONS}
    assert steps == set(workflow.DONE)
    reached = {transition.target for transition in workflow.TRANSITIONS} | {"draft"}
    reached.update(*(transition.sources for transition in workflow.TRANSITIONS))
    assert reached - {None} == set(ChangeRequest.Status.values)
    # One transition per (step, status, type, model): the table never answers twice.
    seen = set()
    for transition in workflow.TRANSITIONS:
        for key in (
            (transition.step, status, change_type, model)
            for status in transition.sources
            for change_type in transition.types
            for model in transition.models
        ):
            assert key not in seen, key
            seen.add(key)
