"""The bar-tag format: what a tag may look like, and how typed or scanned input becomes one.

The district's tag stock decides the pattern, so it is a setting
(INVENTORY_BAR_TAG_PATTERN, a regular expression matched against the whole normalised
tag). The default accepts 4 to 20 capital letters and digits with at least one digit:
"004512", "NE012345" and "T1000" pass; "AB", "ABCD" and "12-34" do not.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_BAR_TAG_PATTERN = r"(?=[A-Z]*[0-9])[A-Z0-9]{4,20}"
BAR_TAG_MAX_LENGTH = 20
# The QR code on our labels holds the tag's page, `…/inventory/t/<tag>/`; a scanner that
# reads it types (or a camera returns) the whole address.
LABEL_ADDRESS = re.compile(r"/inventory/t/([^/?#\s]+)/?(?:[?#]\S*)?$")


def normalise_tag(value: str) -> str:
    """Scanners and people type tags in either case and with stray spaces."""
    return (value or "").strip().upper()


def tag_in_scan(value: str) -> str:
    """What a scan says the tag is: the tag itself, or the tag in a label's QR address."""
    value = (value or "").strip()
    found = LABEL_ADDRESS.search(value)
    return normalise_tag(found.group(1) if found else value)


@lru_cache(maxsize=4)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def tag_pattern() -> re.Pattern[str]:
    return _compiled(getattr(settings, "INVENTORY_BAR_TAG_PATTERN", DEFAULT_BAR_TAG_PATTERN))


def is_valid_tag(value: str) -> bool:
    return len(value) <= BAR_TAG_MAX_LENGTH and tag_pattern().fullmatch(value) is not None


def validate_bar_tag(value: str) -> None:
    if not is_valid_tag(value):
        raise ValidationError(
            _(
                "“%(value)s” is not a bar tag: use 4–20 capital letters and digits, with at "
                "least one digit (e.g. NE012345)."
            ),
            params={"value": value},
            code="invalid_bar_tag",
        )
