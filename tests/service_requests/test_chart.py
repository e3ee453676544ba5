"""The categorisation chart ships as data, row for row as seed 003 (SOP TS-PE-004) prints it,
and a district administrator can edit it in the admin without breaking its invariants.

The seed file itself is read and parsed here, so a transcription slip in `chart_data.py`
(a wrong SLA, a dropped priority, a changed word) fails a test.
"""

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from districtdesk.core.models import BusinessCalendar, Role
from districtdesk.service_requests.chart_data import (
    install_categorisation_chart,
    remove_categorisation_chart,
)
from districtdesk.service_requests.models import (
    Category,
    Priority,
    RoutingRule,
    SlaKind,
    WaitingState,
)
from tests.cast import build_district

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# "1 – Emergency (4 hours)", "5 - Vendor Dependent (No defined SLA)", "9 - CCC Related (As
# Needed)", "5 – Equipment Moves – New (2 days)": en dash or hyphen after the number.
PRIORITY_HEADING = re.compile(
    r"^(?P<number>\d) [–-] (?P<name>.+) "
    r"\((?P<sla>(?P<amount>\d+) (?P<unit>hours?|days?)|No defined SLA|As Needed)\)$",
    re.IGNORECASE,
)
# "1 – Service Request - Hardware / Software Break Fix Items and Procedures (continued)".
CATEGORY_HEADING = re.compile(
    r"^(?P<number>\d+) [–-] (?P<title>.+?)(?P<continued> \(continued\))?$"
)
NUMBERED_LIST = re.compile(r"^\d+\. ")


@dataclass
class SeedPriority:
    number: int
    name: str
    sla_kind: str
    sla_amount: int | None
    paragraphs: list[str] = field(default_factory=list)

    @property
    def description(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class SeedCategory:
    number: int
    title: str
    priorities: list[SeedPriority] = field(default_factory=list)
    scope_paragraphs: list[str] = field(default_factory=list)

    @property
    def scope(self) -> str:
        return "\n\n".join(self.scope_paragraphs)


def sla_of(match: re.Match) -> tuple[str, int | None]:
    if match["amount"]:
        kind = SlaKind.HOURS if match["unit"].lower().startswith("hour") else SlaKind.BUSINESS_DAYS
        return kind, int(match["amount"])
    return (SlaKind.NONE if match["sla"].lower() == "no defined sla" else SlaKind.AS_NEEDED), None


def parse_chart(text: str) -> list[SeedCategory]:
    """The chart part of the seed: categories, their priorities, and the text under each.

    The text is split into blocks at blank lines. A block is a priority heading, a category
    heading (repeated with "(continued)" across a page break), or a paragraph. A paragraph
    belongs to the priority heading right above it, except that
    - after two or more headings with no text between them (Break Fix "3 – Instructional" and
      "4 – Administrative"), the paragraphs are shared: they are the category's scope;
    - a numbered list describes the category's work (Acquisition's orders / deliveries /
      stolen equipment, Scheduled Maintenance's rules): it is the category's scope.
    Further paragraphs go where the first one went, until the next heading. Everything before
    the first category heading (the SOP's purpose, scope and process table) is skipped.
    """
    categories: dict[int, SeedCategory] = {}
    category: SeedCategory | None = None
    headings_since_text: list[SeedPriority] = []
    target: list[str] | None = None
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        if "\n" not in block and (heading := PRIORITY_HEADING.match(block)):
            if category is None:
                continue
            kind, amount = sla_of(heading)
            priority = SeedPriority(int(heading["number"]), heading["name"], kind, amount)
            category.priorities.append(priority)
            headings_since_text.append(priority)
            target = None
        elif "\n" not in block and (heading := CATEGORY_HEADING.match(block)):
            number = int(heading["number"])
            if heading["continued"]:
                assert number in categories, f"'{block}' continues a category never started"
            category = categories.setdefault(number, SeedCategory(number, heading["title"]))
            headings_since_text = []
            target = None
        elif category is not None:
            if target is None:
                shared = len(headings_since_text) != 1 or NUMBERED_LIST.match(block)
                target = category.scope_paragraphs if shared else headings_since_text[0].paragraphs
                headings_since_text = []
            target.append(block)
    return list(categories.values())


def read_seed(folder: Path) -> str:
    found = sorted(folder.glob("003_*.txt"))
    if not found:
        pytest.fail(
            f"Seed 003 (the categorisation chart) was not found in {folder}. The shared "
            "folder must sit beside the repository (../shared/seeds/003_*.txt): this test "
            "checks the shipped chart against it and must not be skipped."
        )
    return found[0].read_text(encoding="utf-8")


@functools.cache
def seed_chart() -> list[SeedCategory]:
    return parse_chart(read_seed(SEEDS))


def shipped_priority(category_number: int, number: int) -> Priority:
    return Priority.objects.select_related("category", "calendar").get(
        category__number=category_number, number=number
    )


def new_priority(**fields) -> Priority:
    """An unsaved priority in Break Fix with a free number, to be changed and validated."""
    values = {
        "category": Category.objects.get(number=1),
        "number": 9,
        "name": "Test",
        "sla_kind": SlaKind.BUSINESS_DAYS,
        "sla_amount": 2,
    }
    values.update(fields)
    return Priority(**values)


# --- The shipped chart is the seed's chart, row for row ------------------------------------


def test_a_missing_seed_fails_and_says_where_the_shared_folder_belongs(tmp_path):
    with pytest.raises(pytest.fail.Exception, match="must sit beside the repository"):
        read_seed(tmp_path)


def test_the_seed_parser_reads_every_category_and_priority_of_the_chart():
    # Given the seed file; when it is parsed
    chart = seed_chart()

    # Then it holds the seven categories and 31 priorities the seed prints
    assert [category.number for category in chart] == [1, 2, 3, 4, 5, 7, 8]
    assert sum(len(category.priorities) for category in chart) == 31
    assert [p.number for p in chart[0].priorities] == [1, 2, 3, 4, 5, 6, 7, 8]


@pytest.mark.django_db
def test_the_shipped_categories_are_the_seeds_categories_with_their_headings_and_scope():
    # Given the chart installed by the data migration, and the seed's chart
    expected = [(c.number, c.title, c.scope) for c in seed_chart()]

    # When the shipped categories are read
    shipped = [(c.number, c.title, c.scope) for c in Category.objects.all()]

    # Then they match, row for row
    assert shipped == expected


@pytest.mark.django_db
def test_each_category_has_a_short_name_taken_from_its_heading():
    # Given the shipped categories
    categories = list(Category.objects.all())

    # Then each short name is the one the spec uses, and the seed's heading contains it
    assert [c.name for c in categories] == [
        "Break Fix",
        "Security Access",
        "Acquisition",
        "Training",
        "Scheduled Maintenance",
        "Inventory",
        "Process Related",
    ]
    assert all(c.name in c.title for c in categories)


@pytest.mark.django_db
def test_every_priority_of_the_seed_ships_with_its_name_sla_and_description():
    # Given the seed's chart
    expected = [
        (c.number, p.number, p.name, p.sla_kind, p.sla_amount, p.description)
        for c in seed_chart()
        for p in c.priorities
    ]

    # When the shipped priorities are read, in the chart's order
    shipped = [
        (p.category.number, p.number, p.name, p.sla_kind, p.sla_amount, p.description)
        for p in Priority.objects.select_related("category")
    ]

    # Then every row matches the seed: nothing missing, nothing extra, nothing reworded
    assert shipped == expected


@pytest.mark.django_db
def test_the_shipped_chart_is_active_with_no_routing_rules_and_no_examples():
    assert not Category.objects.filter(is_active=False).exists()
    assert not RoutingRule.objects.exists()
    # Seed 003: only category 5's project tasks run to a planned completion date.
    scheduled = Category.objects.filter(needs_planned_completion=True)
    assert [category.number for category in scheduled] == [5]
    assert not Priority.objects.filter(is_active=False).exists()
    assert not Priority.objects.exclude(examples="").exists()


@pytest.mark.django_db
def test_the_waiting_states_are_exactly_vendor_dependent_and_district_dependencies():
    # Given every shipped priority
    priorities = Priority.objects.select_related("category")

    # When their waiting states are read
    waiting = {p.code: (p.name, p.waiting_state) for p in priorities if p.waiting_state}

    # Then they are the Vendor Dependent and District Dependencies rows, wherever they appear
    assert waiting == {
        "1.5": ("Vendor Dependent", WaitingState.VENDOR),
        "1.6": ("District Dependencies", WaitingState.DISTRICT),
        "2.6": ("District Dependencies", WaitingState.DISTRICT),
        "3.5": ("Vendor Dependent", WaitingState.VENDOR),
        "3.6": ("District Dependencies", WaitingState.DISTRICT),
    }


@pytest.mark.django_db
def test_the_break_fix_emergency_runs_around_the_clock_and_everything_else_on_the_default():
    # Given the shipped chart
    emergency = shipped_priority(1, 1)

    # Then the Break Fix emergency's 4 hours run on the 24x7 calendar ...
    assert emergency.calendar == BusinessCalendar.objects.get(name="Around the clock")
    assert emergency.calendar.around_the_clock
    # ... and every other priority, Acquisition's "Emergency (1 day)" too, on the default
    assert list(Priority.objects.filter(calendar__isnull=False).values_list("pk", flat=True)) == [
        emergency.pk
    ]


@pytest.mark.django_db
def test_removing_the_chart_and_installing_it_again_gives_the_same_chart():
    # Given the shipped chart
    before = [str(p) for p in Priority.objects.select_related("category")]

    # When the migration's reverse removes it
    remove_categorisation_chart(Category, Priority)

    # Then nothing of it is left
    assert not Category.objects.exists()
    assert not Priority.objects.exists()

    # When it is installed again, it is the same chart
    install_categorisation_chart(Category, Priority, BusinessCalendar)
    assert [str(p) for p in Priority.objects.select_related("category")] == before
    assert shipped_priority(1, 1).calendar.name == "Around the clock"


# --- How a priority reads ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("category", "number", "expected"),
    [
        (1, 1, "1.1 Emergency (4 hours)"),
        (1, 2, "1.2 High/Testing (1 day)"),
        (1, 3, "1.3 Instructional (3 days)"),
        (1, 5, "1.5 Vendor Dependent (No defined SLA)"),
        (7, 0, "7.0 Maintenance (2 days)"),
        (7, 2, "7.2 Audit Process (20 days)"),
        (8, 9, "8.9 CCC Related (As needed)"),
    ],
)
def test_a_priority_reads_as_its_code_name_and_sla(category, number, expected):
    assert str(shipped_priority(category, number)) == expected


@pytest.mark.django_db
def test_a_category_reads_as_its_number_and_name():
    assert [str(c) for c in Category.objects.all()[:2]] == ["1 Break Fix", "2 Security Access"]


@pytest.mark.parametrize(
    ("sla_kind", "sla_amount", "label"),
    [
        (SlaKind.HOURS, 1, "1 hour"),
        (SlaKind.HOURS, 4, "4 hours"),
        (SlaKind.BUSINESS_DAYS, 1, "1 day"),
        (SlaKind.BUSINESS_DAYS, 3, "3 days"),
        (SlaKind.NONE, None, "No defined SLA"),
        (SlaKind.AS_NEEDED, None, "As needed"),
    ],
)
def test_the_sla_reads_as_a_person_says_it(sla_kind, sla_amount, label):
    priority = Priority(sla_kind=sla_kind, sla_amount=sla_amount)

    assert priority.sla_label == label
    assert priority.has_deadline == (sla_amount is not None)


# --- Invariants of one row -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("sla_kind", [SlaKind.HOURS, SlaKind.BUSINESS_DAYS])
def test_a_timed_sla_needs_an_amount(sla_kind):
    # Given a priority measured in hours or business days with no amount
    priority = new_priority(sla_kind=sla_kind, sla_amount=None)

    # When it is validated, the administrator is told to give the amount
    with pytest.raises(ValidationError) as error:
        priority.full_clean()
    assert error.value.error_dict["sla_amount"][0].code == "sla_amount_required"
    assert "Give the number of" in error.value.message_dict["sla_amount"][0]

    # And the database refuses it too
    with pytest.raises(IntegrityError), transaction.atomic():
        priority.save()


@pytest.mark.django_db
@pytest.mark.parametrize("sla_kind", [SlaKind.NONE, SlaKind.AS_NEEDED])
def test_an_untimed_sla_takes_no_amount(sla_kind):
    # Given "No defined SLA" or "As needed" with an amount
    priority = new_priority(sla_kind=sla_kind, sla_amount=3)

    # When it is validated, the administrator is told to leave it empty
    with pytest.raises(ValidationError) as error:
        priority.full_clean()
    assert error.value.error_dict["sla_amount"][0].code == "sla_amount_forbidden"
    assert "Leave the amount empty" in error.value.message_dict["sla_amount"][0]

    # And the database refuses it too
    with pytest.raises(IntegrityError), transaction.atomic():
        priority.save()


@pytest.mark.django_db
def test_a_zero_amount_is_refused():
    priority = new_priority(sla_kind=SlaKind.HOURS, sla_amount=0)

    with pytest.raises(ValidationError) as error:
        priority.full_clean()
    assert "sla_amount" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        priority.save()


@pytest.mark.django_db
def test_a_priority_number_is_unique_within_its_category():
    # Given Break Fix, which already has a priority 3
    duplicate = new_priority(number=3, name="Another instructional")

    # When a second priority 3 is validated, the administrator is told why
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "This category already has a priority with this number." in str(error.value)

    # And the database refuses it too
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


@pytest.mark.django_db
def test_the_same_priority_number_may_be_used_in_another_category():
    # Given Inventory, which has no priority 7
    priority = new_priority(category=Category.objects.get(number=7), number=7)

    # When it is validated and saved, it is accepted
    priority.full_clean()
    priority.save()

    assert str(priority) == "7.7 Test (2 days)"


@pytest.mark.django_db
def test_a_priority_number_is_a_single_digit():
    priority = new_priority(number=10)

    with pytest.raises(ValidationError) as error:
        priority.full_clean()
    assert "number" in error.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        priority.save()


@pytest.mark.django_db
def test_a_waiting_state_cannot_have_a_time_limit():
    # Given a waiting priority with an SLA of two days
    priority = new_priority(waiting_state=WaitingState.VENDOR)

    # When it is validated, the administrator is told the clock stops while it waits
    with pytest.raises(ValidationError) as error:
        priority.full_clean()
    assert error.value.error_dict["waiting_state"][0].code == "waiting_state_with_sla"

    # And the database refuses it too
    with pytest.raises(IntegrityError), transaction.atomic():
        priority.save()


@pytest.mark.django_db
def test_a_shipped_priority_passes_its_own_validation():
    for priority in Priority.objects.select_related("category"):
        priority.full_clean()


@pytest.mark.django_db
def test_a_calendar_in_use_by_a_priority_cannot_be_deleted():
    with pytest.raises(ProtectedError):
        BusinessCalendar.objects.get(name="Around the clock").delete()


# --- The administrator edits the chart in the admin ----------------------------------------


@pytest.fixture
def admin_client(client):
    client.force_login(build_district().people[Role.SYSTEM_ADMIN])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("model", [Category, Priority], ids=lambda m: m.__name__)
def test_the_charts_list_search_add_and_change_screens_open(admin_client, model):
    # Given a system administrator signed in, and a shipped row
    name = f"admin:service_requests_{model._meta.model_name}"
    instance = model.objects.first()

    # When each screen is opened
    responses = {
        "list": admin_client.get(reverse(f"{name}_changelist")),
        "search": admin_client.get(reverse(f"{name}_changelist"), {"q": "emergency"}),
        "add": admin_client.get(reverse(f"{name}_add")),
        "change": admin_client.get(reverse(f"{name}_change", args=[instance.pk])),
    }

    # Then every one opens
    assert {screen: r.status_code for screen, r in responses.items()} == dict.fromkeys(
        responses, 200
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"category__id__exact": "1"},
        {"sla_kind__exact": SlaKind.NONE},
        {"waiting_state__exact": WaitingState.VENDOR},
    ],
)
def test_the_priority_list_filters_by_category_sla_and_waiting_state(admin_client, query):
    response = admin_client.get(reverse("admin:service_requests_priority_changelist"), query)

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_category_page_lists_its_priorities(admin_client):
    # Given Break Fix
    break_fix = Category.objects.get(number=1)

    # When its page is opened
    response = admin_client.get(
        reverse("admin:service_requests_category_change", args=[break_fix.pk])
    )

    # Then its eight priorities are there to edit
    assert response.context["inline_admin_formsets"][0].formset.total_form_count() == 8
    assert "High/Testing" in response.content.decode()


@pytest.mark.django_db
def test_the_priority_page_refuses_a_timed_sla_without_an_amount(admin_client):
    # Given the Break Fix emergency
    emergency = shipped_priority(1, 1)

    # When an administrator clears its amount
    response = admin_client.post(
        reverse("admin:service_requests_priority_change", args=[emergency.pk]),
        {
            "category": emergency.category_id,
            "number": "1",
            "name": "Emergency",
            "sla_kind": SlaKind.HOURS,
            "sla_amount": "",
            "calendar": emergency.calendar_id,
            "waiting_state": "",
            "description": emergency.description,
            "examples": "",
            "is_active": "on",
        },
    )

    # Then the page shows why, and nothing changes
    assert response.status_code == 200
    assert "Give the number of hours for this SLA." in response.content.decode()
    emergency.refresh_from_db()
    assert emergency.sla_amount == 4
