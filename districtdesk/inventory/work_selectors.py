"""Reads for inventory work items: the items a person may see, with what their pages and
the API show already joined, and the assets a list of typed or scanned tags names."""

import re

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext as _

from districtdesk.core.errors import DomainError
from districtdesk.core.models import Person
from districtdesk.inventory import policies
from districtdesk.inventory.models import Asset, InventoryWorkItem, WorkItemAsset
from districtdesk.inventory.tags import is_valid_tag, tag_in_scan

ITEM_RELATED = (
    "request__priority__category",
    "campus",
    "room",
    "to_campus",
    "to_room",
    "requested_by",
    "picked_up_by",
    "dropped_off_by",
    "ended_by",
)
MAX_TAGS = 200


def work_items_for(person: Person) -> QuerySet[InventoryWorkItem]:
    """The items a person may see, each with its request, places and people joined and its
    assets counted, so a page of any length costs the same few queries."""
    return (
        policies.work_items_visible_to(person)
        .select_related(*ITEM_RELATED)
        .annotate(asset_count=Count("lines"))
    )


def with_assets(items: QuerySet[InventoryWorkItem]) -> QuerySet[InventoryWorkItem]:
    lines = WorkItemAsset.objects.select_related("asset", "move").order_by("asset__bar_tag")
    return items.prefetch_related(Prefetch("lines", queryset=lines))


def split_tags(text: str) -> list[str]:
    """Tags typed, pasted or scanned one a line (or separated by commas or spaces); a label's
    QR address counts as its tag. Repeats are dropped, the order kept."""
    seen: dict[str, None] = {}
    for part in re.split(r"[\s,;]+", text or ""):
        if part:
            seen.setdefault(tag_in_scan(part), None)
    return list(seen)


def assets_by_tags(person: Person, tags: list[str]) -> list[Asset]:
    """The assets the tags name, among those at the campuses the person may ask work for.
    Every tag that is not a tag, or names no asset there, is named in one refusal: a tag at
    a campus the person may not ask for is answered like an unknown one."""
    if not tags:
        raise DomainError(_("Give at least one bar tag."), code="no_assets", field="tags")
    if len(tags) > MAX_TAGS:
        raise DomainError(
            _("At most %(max)s tags at a time.") % {"max": MAX_TAGS},
            code="too_many_assets",
            field="tags",
        )
    malformed = [tag for tag in tags if not is_valid_tag(tag)]
    if malformed:
        raise DomainError(
            _("Not bar tags: %(tags)s.") % {"tags": ", ".join(malformed)},
            code="invalid_bar_tag",
            field="tags",
        )
    campuses = policies.filing_campuses(person)
    found = {
        asset.bar_tag: asset
        for asset in Asset.objects.filter(bar_tag__in=tags, campus__in=campuses).select_related(
            "campus", "room"
        )
    }
    unknown = [tag for tag in tags if tag not in found]
    if unknown:
        raise DomainError(
            _("No asset with these tags at a campus you may ask for: %(tags)s.")
            % {"tags": ", ".join(unknown)},
            code="unknown_tags",
            field="tags",
        )
    return [found[tag] for tag in tags]
