"""The categorisation chart DistrictDesk ships: seed 003 (SOP TS-PE-004, "Prioritizing
Service Requests by SLA"), every category and every priority, with the seed's words kept
verbatim (its spelling and spacing included). A data migration installs it; afterwards
every row is ordinary data a district administrator edits in the admin.

How the seed's layout was read (tests/service_requests/test_chart.py parses the seed the
same way and compares it with these rows):

- Titles are the seed's category headings; the short names ("Break Fix", ...) are ours,
  taken from the words of each heading, for lists and menus.
- "X days" in the seed means business days, on the priority's calendar.
- A paragraph printed under one priority heading is that priority's description.
- Where the seed prints several priority headings with nothing between them and then text
  (Break Fix and Security Access "3 – Instructional" / "4 – Administrative"; Acquisition
  2–4; Training; Scheduled Maintenance), the text says what the category covers
  ("Requests include…", "Items include…", "Process…"), not how one priority differs from
  another. It is kept once, as the category's scope, which is shown beside every priority
  of the category; those priorities' descriptions are left empty rather than copied, so
  that an administrator edits the text in one place and the copies cannot drift apart.
- A numbered list is also the category's scope. Acquisition's list (orders, deliveries and
  pick-ups, stolen equipment) is printed under "1 – Emergency (1 day)", but it describes
  all acquisition work, not what makes an order an emergency; showing it as the
  Emergency's description would suggest every order is an emergency.
- Category 8's only text sits under its only priority, "9 - CCC Related": it is that
  priority's description; categories 7 and 8 have no scope text of their own.
- Per-priority examples are left empty: the seed's item lists are category-wide (scope).
- No category has a default team: the seed routes by technician and team, not by
  category; routing rules come later and an administrator may set one.
"""

from dataclasses import dataclass

# The stored values of SlaKind and WaitingState (models/chart.py). Plain strings, as the
# migration works with historical models.
NO_SLA = ("none", None)
AS_NEEDED = ("as_needed", None)
VENDOR = "vendor"
DISTRICT = "district"

# The 24x7 calendar that core's data migration ships (core/reference_data.py).
AROUND_THE_CLOCK = "Around the clock"


def hours(amount: int) -> tuple[str, int]:
    return ("hours", amount)


def days(amount: int) -> tuple[str, int]:
    """The seed's "X days": business days."""
    return ("business_days", amount)


@dataclass(frozen=True)
class ChartPriority:
    number: int
    name: str
    sla: tuple[str, int | None]
    description: str = ""
    waiting_state: str = ""
    around_the_clock: bool = False


@dataclass(frozen=True)
class ChartCategory:
    number: int
    name: str
    title: str
    priorities: tuple[ChartPriority, ...]
    scope: str = ""


CHART: tuple[ChartCategory, ...] = (
    ChartCategory(
        number=1,
        name="Break Fix",
        title="Service Request - Hardware / Software Break Fix Items and Procedures",
        scope=(
            "Requests include: hardware, software, and network issues.\n\n"
            "Process: Technicians will acknowledge service requests within 24 hours and "
            "resolve or assign to the appropriate Technology Service Team. Includes "
            "external vendors using iSupport (Prime, NWN) Items include: computers, "
            "laptops, tablets, projectors, phones, printers, cartridges, monitors, "
            "scanners, cameras, software. Items listed above are included plus: cash "
            "registers, hand-held radios."
        ),
        priorities=(
            ChartPriority(
                number=1,
                name="Emergency",
                sla=hours(4),
                # The seed gives no calendar. An emergency is a district-wide outage, so its
                # 4 hours run around the clock: the shipped default, which an administrator
                # can change on the priority. Every other priority runs on the district
                # default calendar, including Acquisition's "1 – Emergency (1 day)".
                around_the_clock=True,
                description=(
                    "Immediate attention required, district-wide system or network "
                    "completely unavailable with no available alternative. Fiber "
                    "connection damaged, high priority district-wide application system or "
                    "network electronics is unavailable."
                ),
            ),
            ChartPriority(
                number=2,
                name="High/Testing",
                sla=days(1),
                description=(
                    "Major system component is unavailable. Work group/campus unable to "
                    "access network services Required student testing using technology and "
                    "online component is unavailable. Campus strategic server is "
                    "unavailable, high- level administrator unable to work, software "
                    "subsystem is unavailable, instructional lab is unavailable, cafeteria "
                    "computer outage affecting all POS."
                ),
            ),
            ChartPriority(number=3, name="Instructional", sla=days(3)),
            ChartPriority(number=4, name="Administrative", sla=days(4)),
            ChartPriority(
                number=5,
                name="Vendor Dependent",
                sla=NO_SLA,
                waiting_state=VENDOR,
                description=(
                    "Issue is awaiting delivery or service by an external vendor that does "
                    "not use iSupport."
                ),
            ),
            ChartPriority(
                number=6,
                name="District Dependencies",
                sla=NO_SLA,
                waiting_state=DISTRICT,
                description=(
                    "Issue is awaiting information from a district administrator or "
                    "customer response."
                ),
            ),
            ChartPriority(
                number=7,
                name="Donated Items",
                sla=NO_SLA,
                description="Support for donated devices is requested.",
            ),
            ChartPriority(
                number=8,
                name="Personal Devices",
                sla=NO_SLA,
                description="Support for personal devices - includes wireless BYOT requests.",
            ),
        ),
    ),
    ChartCategory(
        number=2,
        name="Security Access",
        title=(
            "Security Access - Network Access Modifications including Internet Access and Passwords"
        ),
        scope=(
            "Requests include: Additional accounts/Access rights modifications "
            "Allow/disallow access to a user Block / unblock websites Resetting passwords. "
            "Note - Inappropriate websites will be blocked immediately. Actions include: "
            "password resets, dual campus login ability, Home Access Center (HAC) "
            "logins/access, Website Evaluation requests, additional network drive "
            "requests."
        ),
        priorities=(
            ChartPriority(number=3, name="Instructional", sla=days(3)),
            ChartPriority(number=4, name="Administrative", sla=days(4)),
            ChartPriority(
                number=6,
                name="District Dependencies",
                sla=NO_SLA,
                waiting_state=DISTRICT,
                description=(
                    "Issue is awaiting information from a district administrator or "
                    "customer response"
                ),
            ),
            ChartPriority(
                number=8,
                name="Personal Devices",
                sla=NO_SLA,
                description="Support for personal Devices - includes wireless BYOT requests",
            ),
        ),
    ),
    ChartCategory(
        number=3,
        name="Acquisition",
        title=(
            "Acquisition - Process Technology Acquisition Orders by Procuring Equipment "
            "for Customers"
        ),
        scope=(
            "1. Orders and requests for technology equipment received through the service "
            "request system. Orders can include bond budget codes and non- bond budget "
            "codes.\n"
            "2. Service requests to deliver new equipment or pickup obsolete equipment "
            "(PUDs)\n"
            "3. Stolen Equipment\n\n"
            "Items include: computers, laptops, tablets, projectors, phones, data drops, "
            "printers, cartridges, monitors, scanners, cameras, software, stolen "
            "equipment, PUDs, bar tags\n"
            "Items listed above are included plus: cash registers, hand-held radios."
        ),
        priorities=(
            ChartPriority(number=1, name="Emergency", sla=days(1)),
            ChartPriority(number=2, name="High", sla=days(2)),
            ChartPriority(number=3, name="Instructional", sla=days(3)),
            ChartPriority(number=4, name="Administrative", sla=days(4)),
            ChartPriority(
                number=5,
                name="Vendor Dependent",
                sla=NO_SLA,
                waiting_state=VENDOR,
                description=(
                    "Issue is awaiting delivery or service by an external vendor - "
                    "resolution dependent on external vendor."
                ),
            ),
            ChartPriority(
                number=6,
                name="District Dependencies",
                sla=NO_SLA,
                waiting_state=DISTRICT,
                description=(
                    "Issue is awaiting information from a district administrator, customer "
                    "response, or theft investigation."
                ),
            ),
        ),
    ),
    ChartCategory(
        number=4,
        name="Training",
        title="Training - Provide Technology Training to Teachers and Instructional Users",
        scope=(
            "Training requests noted and escalated to the Instructional Technology "
            "department. Once request is received, Instructional Technology is expected to "
            "close and document the service request."
        ),
        priorities=(
            ChartPriority(number=3, name="Instructional", sla=NO_SLA),
            ChartPriority(number=4, name="Administrative", sla=NO_SLA),
        ),
    ),
    ChartCategory(
        number=5,
        name="Scheduled Maintenance",
        title=(
            "Scheduled Maintenance - Project Tasks: New installations, Application Systems "
            "Upgrades, Conversions or Maintenance"
        ),
        scope=(
            "1. Customer contact for the service request is not available to provide "
            "needed information or equipment.\n"
            "2. Technology Services Team is dependent on a 3rd party vendor to complete "
            "the service request.\n"
            "3. The work is planned as a project with a defined scheduled completion date.\n"
            "4. Overdue service requests must be worked ahead of the scheduled service "
            "requests unless there is supervisor approval.\n"
            "5. Regular follow-up is still required by the original Technology Services "
            "Team assignee, at least once a week, and status update notes be added to the "
            "service request."
        ),
        priorities=(
            ChartPriority(number=3, name="Instructional", sla=NO_SLA),
            ChartPriority(number=4, name="Administrative", sla=NO_SLA),
        ),
    ),
    ChartCategory(
        number=7,
        name="Inventory",
        title="Inventory - Inventory Maintenance and Updates",
        priorities=(
            ChartPriority(
                number=0,
                name="Maintenance",
                sla=days(2),
                description=(
                    "Basic inventory tasks and requests in Tipweb. Bar tag Requests, Tags "
                    "with incorrect locations, IT access requests."
                ),
            ),
            ChartPriority(
                number=1,
                name="Information Query",
                sla=days(5),
                description=(
                    "Inventory process questions, information queries, and report requests "
                    "NDLP and Device Breakdowns."
                ),
            ),
            ChartPriority(
                number=2,
                name="Audit Process",
                sla=days(20),
                description=(
                    "Conducting the Scanning portion of the Official District Technology Audit."
                ),
            ),
            ChartPriority(
                number=3,
                name="Submitted Discrepancy",
                sla=days(4),
                description=(
                    "After performing the Official District Audit, any items that need "
                    "administrative level intervention to correct are submitted with this "
                    "designation, with accompanying documentation. Discrepancy Form "
                    "submitted digitally via iSupport."
                ),
            ),
            ChartPriority(
                number=4,
                name="Reconciliation",
                sla=days(10),
                description=(
                    "Technician will receive a report alerting them of the findings of "
                    "their Official District Audit. A search for lost items will begin. "
                    "Follow-up report will be submitted with findings. Discrepancy "
                    "reports, Property Damage/Loss Reports."
                ),
            ),
            ChartPriority(
                number=5,
                name="Equipment Moves – New",
                sla=days(2),
                description=(
                    "Newly acquired vendor delivery orders moved to initial CFISD "
                    "location. Transport of items new to the district."
                ),
            ),
            ChartPriority(
                number=6,
                name="Equipment Moves – Existing",
                sla=days(3),
                description=(
                    "Existing item delivery or disposition within CFISD locations. "
                    "Transport of existing items between district locations."
                ),
            ),
            ChartPriority(
                number=9,
                name="Completion",
                sla=days(3),
                description=(
                    "Completion of all phases of the Official Technology Audit. Service "
                    "Request creation with Principal Acknowledgment form and final Tag "
                    "export attached."
                ),
            ),
        ),
    ),
    ChartCategory(
        number=8,
        name="Process Related",
        title="Process Related Administrative, Process, CCC Related Issues",
        priorities=(
            ChartPriority(
                number=9,
                name="CCC Related",
                sla=AS_NEEDED,
                description=(
                    "Improvement has been noted and plans will be made in a forthcoming "
                    "manner. Tasks identified and completed as needed. Items include: "
                    "loaner equipment (computers/phones), call transfers, phone messages."
                ),
            ),
        ),
    ),
)


def around_the_clock_calendar(BusinessCalendar):
    """The shipped 24x7 calendar; if an administrator renamed it before this chart was
    installed, the first 24x7 calendar; if there is none, None (the district default)."""
    calendars = BusinessCalendar.objects.filter(around_the_clock=True).order_by("pk")
    return calendars.filter(name=AROUND_THE_CLOCK).first() or calendars.first()


def install_categorisation_chart(Category, Priority, BusinessCalendar) -> None:
    """Takes the models as arguments so the migration can pass its historical ones."""
    emergency_calendar = around_the_clock_calendar(BusinessCalendar)
    for chart_category in CHART:
        category = Category.objects.create(
            number=chart_category.number,
            name=chart_category.name,
            title=chart_category.title,
            scope=chart_category.scope,
        )
        Priority.objects.bulk_create(
            Priority(
                category=category,
                number=priority.number,
                name=priority.name,
                sla_kind=priority.sla[0],
                sla_amount=priority.sla[1],
                waiting_state=priority.waiting_state,
                description=priority.description,
                calendar=emergency_calendar if priority.around_the_clock else None,
            )
            for priority in chart_category.priorities
        )


# Seed 003, category 5: "The work is planned as a project with a defined scheduled
# completion date."
SCHEDULED_WORK_CATEGORIES = (5,)


def mark_scheduled_work(Category) -> None:
    """Marks the chart's scheduled-work categories (a later migration than the chart's)."""
    Category.objects.filter(number__in=SCHEDULED_WORK_CATEGORIES).update(
        needs_planned_completion=True
    )


def remove_categorisation_chart(Category, Priority) -> None:
    """Removes the shipped categories with every priority in them."""
    numbers = [chart_category.number for chart_category in CHART]
    Priority.objects.filter(category__number__in=numbers).delete()
    Category.objects.filter(number__in=numbers).delete()
