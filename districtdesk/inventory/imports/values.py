"""One cell's text as a typed value, or the reason it is not one. Spreadsheets write
dates and money in more than one way; these accept the common ones and nothing vague."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from districtdesk.inventory.models import Asset

BIGGEST_COST = Decimal("99999999.99")  # the cost column's 10 digits, 2 after the point
TRUE_WORDS = {"yes", "y", "true", "1", "x"}
FALSE_WORDS = {"no", "n", "false", "0", ""}


class BadValue(ValueError):
    """The message says what the cell should hold."""


def parse_cost(text: str) -> Decimal | None:
    cleaned = text.strip().removeprefix("$").replace(",", "")
    if not cleaned:
        return None
    try:
        cost = Decimal(cleaned)
    except InvalidOperation:
        cost = None
    if cost is None or not cost.is_finite() or cost.as_tuple().exponent < -2:
        raise BadValue(_("“%(value)s” is not an amount like 249.99.") % {"value": text})
    if not Decimal(0) <= cost <= BIGGEST_COST:
        raise BadValue(_("A cost is from 0 to 99,999,999.99."))
    return cost


def parse_date(text: str) -> date | None:
    """ISO dates (2027-02-03) and US spreadsheet dates (2/3/2027)."""
    cleaned = text.strip()
    if not cleaned:
        return None
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            # A calendar date, not a moment: no timezone applies.
            return datetime.strptime(cleaned, pattern).date()  # noqa: DTZ007
        except ValueError:
            continue
    raise BadValue(_("“%(value)s” is not a date like 2027-02-03 or 2/3/2027.") % {"value": text})


def parse_flag(text: str) -> bool:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise BadValue(_("“%(value)s” is not yes or no.") % {"value": text})


def parse_funding(text: str) -> str:
    word = text.strip().lower().replace("-", "_").replace(" ", "_")
    if word in ("", *Asset.Funding.values):
        return word
    raise BadValue(_("“%(value)s” is not bond or non-bond.") % {"value": text})


def parse_status(text: str) -> str:
    """A status by its code (in_storage) or its label (In storage); empty is in use."""
    word = text.strip().lower()
    if not word:
        return Asset.Status.IN_USE
    for status in Asset.Status:
        if word in (status.value, str(status.label).lower()):
            return status.value
    raise BadValue(_("“%(value)s” is not a status.") % {"value": text})


def parse_text(text: str, *, limit: int) -> str:
    cleaned = text.strip()
    if len(cleaned) > limit:
        raise BadValue(_("Keep it to %(limit)s characters.") % {"limit": limit})
    return cleaned
