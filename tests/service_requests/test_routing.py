"""Routing rules: data an administrator edits decides which team (and technician) takes a
categorised request; the first active rule by position whose conditions all match wins."""

import pytest
from django.core.exceptions import ValidationError

from districtdesk.activity.models import Event
from districtdesk.core.models import EnterpriseSystem, Person, Role, Team
from districtdesk.inventory.models import AssetType
from districtdesk.service_requests.models import RoutingRule, ServiceRequest
from districtdesk.service_requests.services import working
from tests.core.factories import PersonFactory, TeamFactory, TeamMembershipFactory
from tests.inventory.factories import AssetModelFactory, register
from tests.service_requests.builders import local, priority, submit

pytestmark = pytest.mark.django_db
MONDAY_MORNING = local(2027, 2, 1, 9)


def categorise(request: ServiceRequest, analyst: Person, code: str, **extra) -> ServiceRequest:
    chosen = priority(code)
    return working.categorise_request(
        request,
        actor=analyst,
        category=chosen.category,
        priority=chosen,
        now=MONDAY_MORNING,
        **extra,
    )


@pytest.fixture
def instructional_technology() -> Team:
    return TeamFactory(
        code="IT", name="Instructional Technology", kind=Team.Kind.INSTRUCTIONAL_TECHNOLOGY
    )


def rule(position: int, team: Team, **conditions) -> RoutingRule:
    return RoutingRule.objects.create(
        position=position, name=f"Rule {position}", team=team, **conditions
    )


def test_without_rules_a_request_goes_to_the_technicians_who_serve_its_campus(people, district):
    request = submit(people[Role.REQUESTER], now=MONDAY_MORNING)

    request = categorise(request, people[Role.CCC_ANALYST], "1.3")

    assert request.team == district.campus_team
    assert request.assignee is None


def test_training_requests_go_to_instructional_technology_by_a_category_rule(
    people, instructional_technology
):
    # Given seed 003's rule: training is escalated to Instructional Technology
    rule(10, instructional_technology, category=priority("4.3").category)
    request = submit(people[Role.REQUESTER], now=MONDAY_MORNING)

    # When the analyst categorises the request as training
    request = categorise(request, people[Role.CCC_ANALYST], "4.3")

    # Then Instructional Technology has it, and the timeline says which rule sent it there
    assert request.team == instructional_technology
    event = Event.objects.for_subject(request).get(code="request.categorised")
    assert event.params["rule"] == "Rule 10"


def test_a_rule_for_another_category_does_not_match(people, district, instructional_technology):
    rule(10, instructional_technology, category=priority("4.3").category)
    request = submit(people[Role.REQUESTER], now=MONDAY_MORNING)

    request = categorise(request, people[Role.CCC_ANALYST], "1.3")

    assert request.team == district.campus_team


def test_the_lowest_position_wins_when_several_rules_match(
    people, district, instructional_technology
):
    # Given a district-wide Break Fix rule and, tried first, one for the north campus
    north_specialists = TeamFactory(code="NS", name="North Specialists")
    rule(20, instructional_technology, category=priority("1.3").category)
    rule(10, north_specialists, category=priority("1.3").category, campus=district.north)
    request = submit(people[Role.REQUESTER], now=MONDAY_MORNING)

    request = categorise(request, people[Role.CCC_ANALYST], "1.3")

    assert request.team == north_specialists


def test_a_system_rule_matches_only_requests_naming_that_system(people, district):
    # Given a rule sending Infinite Campus problems to the team that owns it
    infinite_campus = EnterpriseSystem.objects.get(code="infinite-campus")
    applications = TeamFactory(code="APP", name="Applications", kind=Team.Kind.SERVICE_CENTER)
    rule(10, applications, system=infinite_campus)
    about_the_system = submit(people[Role.REQUESTER], now=MONDAY_MORNING, system=infinite_campus)
    about_a_projector = submit(people[Role.REQUESTER], now=MONDAY_MORNING)

    about_the_system = categorise(about_the_system, people[Role.CCC_ANALYST], "1.3")
    about_a_projector = categorise(about_a_projector, people[Role.CCC_ANALYST], "1.3")

    assert about_the_system.team == applications
    assert about_a_projector.team == district.campus_team


def test_a_rule_naming_a_technician_assigns_the_request_to_them(people, district):
    technician = people[Role.TECHNICIAN]
    rule(10, district.campus_team, category=priority("7.0").category, technician=technician)
    request = submit(people[Role.REQUESTER], now=MONDAY_MORNING)

    request = categorise(request, people[Role.CCC_ANALYST], "7.0")

    assert (request.team, request.assignee) == (district.campus_team, technician)
    event = Event.objects.for_subject(request).get(code="request.categorised")
    assert event.params["assignee"] == str(technician)


def test_an_inactive_rule_is_skipped(people, district, instructional_technology):
    retired = rule(10, instructional_technology, category=priority("1.3").category)
    retired.is_active = False
    retired.save()
    request = submit(people[Role.REQUESTER], now=MONDAY_MORNING)

    request = categorise(request, people[Role.CCC_ANALYST], "1.3")

    assert request.team == district.campus_team


def test_a_team_chosen_by_the_categoriser_overrides_the_rules(
    people, district, instructional_technology
):
    rule(10, instructional_technology, category=priority("1.3").category)
    request = submit(people[Role.REQUESTER], now=MONDAY_MORNING)

    request = categorise(request, people[Role.CCC_ANALYST], "1.3", team=district.campus_team)

    assert request.team == district.campus_team
    event = Event.objects.for_subject(request).get(code="request.categorised")
    assert event.params["rule"] == ""


def test_a_rule_may_only_name_a_technician_of_its_team(district, instructional_technology):
    outsider = PersonFactory(roles=[Role.TECHNICIAN])
    invalid = RoutingRule(
        position=10, name="Bad", team=instructional_technology, technician=outsider
    )

    with pytest.raises(ValidationError) as refused:
        invalid.full_clean()

    assert "technician" in refused.value.message_dict
    TeamMembershipFactory(team=instructional_technology, person=outsider)
    invalid.full_clean()


def test_an_asset_type_rule_matches_the_device_named_by_its_bar_tag(people, district):
    # Given printers go to a print-services team, and a printer is on record at north
    printer_type = AssetType.objects.get(code="printer")
    print_services = TeamFactory(code="PRN", name="Print Services")
    rule(10, print_services, asset_type=printer_type)
    printer = register(
        district, asset_model=AssetModelFactory(asset_type=printer_type), bar_tag="NE104233"
    )

    # When two requests are categorised, one naming the printer's tag as typed by a person
    about_the_printer = submit(people[Role.REQUESTER], now=MONDAY_MORNING, asset_tag=" ne104233")
    about_a_projector = submit(people[Role.REQUESTER], now=MONDAY_MORNING, asset_tag="NE999999")
    about_the_printer = categorise(about_the_printer, people[Role.CCC_ANALYST], "1.3")
    about_a_projector = categorise(about_a_projector, people[Role.CCC_ANALYST], "1.3")

    # Then only the printer's request goes to Print Services
    assert printer.asset_model.asset_type == printer_type
    assert about_the_printer.team == print_services
    assert about_a_projector.team == district.campus_team
