"""What the migrations ship, put back after a transactional test emptied every table.

Browser tests (the live server sees only committed rows) and the Celery worker test run
outside a rolled-back transaction, so each ends with a flush that takes the shipped rows
with it. Tests that need them call `restore_shipped_reference_data()` first.
"""

from districtdesk.changes.models import BlackoutPeriod, ChangeControlSettings, MaintenanceWindow
from districtdesk.changes.reference_data import install_change_control_defaults
from districtdesk.core.models import BusinessCalendar, Closure, WorkingPeriod
from districtdesk.core.reference_data import install_sample_calendars
from districtdesk.inventory.models import AssetType
from districtdesk.inventory.reference_data import install_asset_types
from districtdesk.notifications.models import Rule
from districtdesk.notifications.reference_data import (
    CHANGE_RULES,
    QUEUE_REVIEW_RULES,
    TECHNOLOGY_RULES,
    install_change_rules,
    install_default_rules,
    install_queue_review_rules,
    install_technology_rules,
)
from districtdesk.service_requests.chart_data import (
    install_categorisation_chart,
    mark_scheduled_work,
)
from districtdesk.service_requests.models import Category, Priority


def restore_shipped_reference_data() -> None:
    """Each data set is put back only when it is missing, in the migrations' order."""
    if not BusinessCalendar.objects.exists():
        install_sample_calendars(BusinessCalendar, WorkingPeriod, Closure)
    if not Category.objects.exists():
        install_categorisation_chart(Category, Priority, BusinessCalendar)
        mark_scheduled_work(Category)
    if not AssetType.objects.exists():
        install_asset_types(AssetType)
    if not ChangeControlSettings.objects.exists():
        install_change_control_defaults(ChangeControlSettings, MaintenanceWindow, BlackoutPeriod)
    if not Rule.objects.exists():
        install_default_rules(Rule)
    if not Rule.objects.filter(event_code=CHANGE_RULES[0][0]).exists():
        install_change_rules(Rule)
    if not Rule.objects.filter(event_code=TECHNOLOGY_RULES[0][0]).exists():
        install_technology_rules(Rule)
    if not Rule.objects.filter(event_code=QUEUE_REVIEW_RULES[0][0]).exists():
        install_queue_review_rules(Rule)
