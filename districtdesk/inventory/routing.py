"""What the service requests' routing rules ask of the inventory: a bar tag's asset type."""

from districtdesk.inventory.models import Asset
from districtdesk.inventory.tags import normalise_tag


def asset_type_of_tag(tag: str) -> int | None:
    """The type of the asset with this bar tag, or None for a tag the inventory lacks."""
    return (
        Asset.objects.filter(bar_tag=normalise_tag(tag))
        .values_list("asset_model__asset_type_id", flat=True)
        .first()
    )
