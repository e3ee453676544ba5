"""Bar-tag labels: each asset's tag as a Code 128 barcode (what handheld scanners read) and a
QR code holding the address of the asset's tag page (what a phone camera opens), drawn as
inline SVG on the server, laid out on a label stock's pages.

python-barcode computes the Code 128 symbol (start code, the cheapest code sets, checksum,
stop) and segno the QR code; both are pure Python and need no imaging library. The
barcode's bars are drawn here as one path with presentation attributes only: the writer
python-barcode ships puts `style` attributes on every bar, which the CSP (`style-src
'self'`) would drop, and an `id` that would repeat on every label.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import segno
from barcode import Code128
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

# Code 128 asks for a quiet zone of ten modules on each side of the bars.
QUIET_MODULES = 10
QR_BORDER = 2
# Medium error correction: a label survives a scratch and stays a small symbol.
QR_ERROR = "m"


@dataclass(frozen=True)
class Stock:
    """A label stock: how many labels a page holds (its CSS lays them out)."""

    code: str
    label: object  # lazily translated
    per_page: int


STOCKS = {
    # Avery 5160 and its equivalents: 3 × 10 labels of 2⅝" × 1" on US Letter.
    "5160": Stock("5160", _("Avery 5160 / 8160: 30 per Letter page"), 30),
    # A thermal printer's 2" × 1" roll: one label per page.
    "thermal": Stock("thermal", _("Thermal 2″ × 1″ roll: one label at a time"), 1),
}
DEFAULT_STOCK = "5160"


def code128_modules(tag: str) -> str:
    """The symbol as modules, "1" a bar and "0" a space, start to stop."""
    return Code128(tag).build()[0]


def code128_svg(tag: str) -> SafeString:
    """The tag's Code 128 barcode: one path of bars, one unit wide per module, scaled to
    the label by CSS (the view box keeps the bars' proportions exact)."""
    modules = code128_modules(tag)
    width = len(modules) + 2 * QUIET_MODULES
    bars = []
    x = 0
    while x < len(modules):
        if modules[x] == "1":
            run = 1
            while x + run < len(modules) and modules[x + run] == "1":
                run += 1
            bars.append(f"M{x + QUIET_MODULES} 0h{run}v1h-{run}z")
            x += run
        else:
            x += 1
    return format_html(
        '<svg class="label__barcode" viewBox="0 0 {} 1" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false"><rect width="{}" height="1" fill="#fff"/>'
        '<path fill="#000" d="{}"/></svg>',
        width,
        width,
        "".join(bars),
    )


def qr_svg(url: str) -> SafeString:
    """A QR code holding the URL, as segno draws it for HTML (a view box, no size)."""
    symbol = segno.make(url, error=QR_ERROR, micro=False)
    drawn = symbol.svg_inline(
        scale=1, border=QR_BORDER, omitsize=True, svgclass="label__qr", lineclass=None
    )
    # segno's SVG holds only its path's coordinates, never the URL's text.
    return mark_safe(drawn.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S308


@dataclass(frozen=True)
class Label:
    bar_tag: str
    place: str
    model: str
    url: str
    barcode: SafeString
    qr: SafeString


def labels_for(rows: Iterable[tuple], *, url_for: Callable[[str], str]) -> Iterator[Label]:
    """A label per (tag, campus code, room number, maker, model name, model number) row;
    `url_for` gives a tag's absolute address."""
    for tag, campus, room, maker, name, number in rows:
        url = url_for(tag)
        yield Label(
            bar_tag=tag,
            place=f"{campus} {room}" if room else campus,
            model=f"{maker} {name or number}",
            url=url,
            barcode=code128_svg(tag),
            qr=qr_svg(url),
        )


def pages(labels: Iterable[Label], per_page: int) -> list[list[Label]]:
    """The labels cut into the stock's pages, each printed on its own sheet."""
    chunked: list[list[Label]] = []
    for label in labels:
        if not chunked or len(chunked[-1]) == per_page:
            chunked.append([])
        chunked[-1].append(label)
    return chunked
