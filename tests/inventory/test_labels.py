"""Bar-tag label sheets: the Code 128 bars decode back to the tag, the QR code is exactly
the symbol for the asset's tag address, only the inventory team prints labels, a sheet
costs the same queries for 30 labels as for 300, and a label's QR code leads whoever scans
it to the asset's page or to a prefilled service request."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
import segno
from barcode.charsets import code128 as table
from django.urls import reverse

from districtdesk.core.models import Role
from districtdesk.inventory import labels, policies
from districtdesk.inventory.label_views import MAX_LABELS
from tests.inventory.factories import register

pytestmark = pytest.mark.django_db


def decode_code128(modules: str) -> str:
    """Read a Code 128 symbol's modules back to its text with the symbology's own table:
    11-module symbols, a checksum, and the stop pattern."""
    assert modules.endswith(table.STOP + "11")
    body = modules[: -len(table.STOP) - 2]
    assert len(body) % 11 == 0
    values = [table.CODES.index(body[i : i + 11]) for i in range(0, len(body), 11)]
    *data, checksum = values
    assert (data[0] + sum(i * v for i, v in enumerate(data[1:], 1))) % 103 == checksum
    # Start codes 103/104/105 open code set A/B/C; these values switch set within one.
    switches = {103: {99: 105, 100: 104}, 104: {99: 105, 101: 103}, 105: {100: 104, 101: 103}}
    characters = {
        start: {value: char for char, value in chars.items() if value < 96}
        for start, chars in ((103, table.A), (104, table.B))
    }
    current, text = data[0], ""
    for value in data[1:]:
        if value in switches[current]:
            current = switches[current][value]
        elif current == 105:
            text += f"{value:02d}"
        else:
            text += characters[current][value]
    return text


def bars_of(svg: str) -> str:
    """The modules an SVG from code128_svg draws: each `M x 0 h w` bar is w dark modules."""
    width = int(re.search(r'viewBox="0 0 (\d+) 1"', svg).group(1))
    modules = ["0"] * width
    for x, w in re.findall(r"M(\d+) 0h(\d+)v1h-\d+z", svg):
        for i in range(int(x), int(x) + int(w)):
            modules[i] = "1"
    drawn = "".join(modules)
    assert drawn[: labels.QUIET_MODULES] == "0" * labels.QUIET_MODULES  # quiet zones
    assert drawn[-labels.QUIET_MODULES :] == "0" * labels.QUIET_MODULES
    return drawn[labels.QUIET_MODULES : -labels.QUIET_MODULES]


def qr_matrix_of(svg: str) -> list[list[int]]:
    """The dark modules of segno's SVG path (absolute M, relative m, h runs on rows)."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    path = re.search(r' d="([^"]+)"', svg).group(1)
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for column in range(int(x), int(x) + int(a)):
                grid[int(y)][column] = 1
            x += float(a)
    return grid


@pytest.mark.parametrize("tag", ["NE000001", "T1000", "004512", "AB12CD34EF56GH78IJ90"])
def test_the_barcode_decodes_back_to_the_tag(tag):
    svg = labels.code128_svg(tag)

    modules = bars_of(svg)

    assert modules == labels.code128_modules(tag)
    assert decode_code128(modules) == tag
    assert "style=" not in svg and " id=" not in svg  # CSP-safe, and no repeated ids


def test_the_qr_code_is_the_symbol_for_the_tag_address():
    url = "https://desk.district.example/inventory/t/NE000001/"

    svg = labels.qr_svg(url)

    expected = segno.make(url, error=labels.QR_ERROR, micro=False)
    border = labels.QR_BORDER
    drawn = qr_matrix_of(svg)
    assert len(drawn) == len(expected.matrix) + 2 * border
    inner = [row[border:-border] for row in drawn[border:-border]]
    assert inner == [[int(bool(module)) for module in row] for row in expected.matrix]
    assert url not in svg and "style=" not in svg


def test_labels_are_cut_into_the_stocks_pages():
    rows = [
        (f"NE{n:06d}", "NE-01", "101" if n % 2 else None, "Acer", "", "C733") for n in range(31)
    ]

    sheet = list(labels.labels_for(rows, url_for=lambda tag: f"https://x.example/t/{tag}/"))
    cut = labels.pages(sheet, labels.STOCKS["5160"].per_page)

    assert [len(page) for page in cut] == [30, 1]
    assert (sheet[0].place, sheet[1].place, sheet[0].model) == ("NE-01", "NE-01 101", "Acer C733")


def test_only_the_inventory_team_prints_labels(client, district, people, now):
    asset = register(district, bar_tag="NE000001")
    url = reverse("asset_labels")

    for role in (Role.INVENTORY, Role.SYSTEM_ADMIN):
        assert policies.can_print_label(people[role], asset)
        client.force_login(people[role])
        assert client.get(url).status_code == 200
    for role in (Role.DIRECTOR, Role.TECHNICIAN, Role.PRINCIPAL, Role.REQUESTER):
        assert not policies.can_print_label(people[role], asset)
        assert not policies.labels_printable_by(people[role]).exists()
        client.force_login(people[role])
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to sign in


def test_a_sheet_of_ticked_assets_has_their_labels_with_absolute_qr_addresses(
    client, district, people, now
):
    first = register(district, bar_tag="NE000001")
    register(district, bar_tag="NE000002")
    third = register(district, bar_tag="SH000003", campus=district.south, room_number="A100")
    client.force_login(people[Role.INVENTORY])

    response = client.get(reverse("asset_labels"), {"asset": [first.pk, third.pk]})

    page = response.content.decode()
    assert response.status_code == 200
    assert [label.bar_tag for label in response.context["pages"][0]] == ["NE000001", "SH000003"]
    assert [label.url for label in response.context["pages"][0]] == [
        "http://testserver/inventory/t/NE000001/",
        "http://testserver/inventory/t/SH000003/",
    ]
    assert "NE000002" not in page
    assert "SH-02 A100" in page and "NE-01 101" in page
    assert page.count('class="label__barcode"') == 2 and page.count('class="label__qr"') == 2
    assert "inventory/labels.css" in page
    assert "<script>" not in page and "style=" not in page


def test_bad_ticks_are_a_400_with_a_message_not_an_error(client, district, people, now):
    client.force_login(people[Role.INVENTORY])

    response = client.get(reverse("asset_labels"), {"asset": ["x", "2"], "stock": "nope"})

    assert response.status_code == 400
    assert "choose the assets again" in response.content.decode()


def test_a_sheet_costs_the_same_queries_for_30_labels_as_for_300(
    client, district, people, now, django_assert_max_num_queries
):
    client.force_login(people[Role.INVENTORY])
    for _ in range(30):
        register(district)
    with django_assert_max_num_queries(50) as few:
        response = client.get(reverse("asset_labels"), {"campus": district.north.pk})
    assert response.context["count"] == 30
    for _ in range(MAX_LABELS - 30):
        register(district)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("asset_labels"), {"campus": district.north.pk})

    assert response.context["count"] == MAX_LABELS
    assert len(response.context["pages"]) == MAX_LABELS // 30
    assert "matching" not in response.context

    # One more than a sheet holds: the first 300, and a message above them saying so.
    register(district)
    response = client.get(reverse("asset_labels"), {"campus": district.north.pk})
    assert (response.context["count"], response.context["matching"]) == (MAX_LABELS, 301)
    assert "301 assets match the list" in response.content.decode()


def test_the_thermal_stock_puts_one_label_on_each_page(client, district, people, now):
    register(district, bar_tag="NE000001")
    register(district, bar_tag="NE000002")
    client.force_login(people[Role.INVENTORY])

    response = client.get(reverse("asset_labels"), {"stock": "thermal"})

    assert [len(page) for page in response.context["pages"]] == [1, 1]
    assert "label-sheet--thermal" in response.content.decode()


def test_the_list_offers_ticks_and_labels_only_to_the_inventory_team(client, district, people, now):
    asset = register(district, bar_tag="NE000001")
    client.force_login(people[Role.INVENTORY])
    page = client.get(reverse("asset_list")).content.decode()
    assert f'name="asset" value="{asset.pk}" form="label-form"' in page
    assert reverse("asset_labels") in page

    detail = client.get(reverse("asset_detail", kwargs={"pk": asset.pk})).content.decode()
    assert f"{reverse('asset_labels')}?asset={asset.pk}" in detail

    client.force_login(people[Role.TECHNICIAN])
    page = client.get(reverse("asset_list")).content.decode()
    assert 'form="label-form"' not in page and reverse("asset_labels") not in page
    detail = client.get(reverse("asset_detail", kwargs={"pk": asset.pk})).content.decode()
    assert reverse("asset_labels") not in detail


# --- Where the QR code leads --------------------------------------------------------------


def test_the_qr_address_opens_the_asset_page_for_those_who_see_it(client, district, people, now):
    asset = register(district, bar_tag="NE000042")
    client.force_login(people[Role.PRINCIPAL])

    response = client.get("/inventory/t/ne000042/", follow=True)

    assert response.redirect_chain[-1][0] == reverse("asset_detail", kwargs={"pk": asset.pk})
    # … whose "Report a problem" is the one tap to a prefilled request (test_pages).
    assert "Report a problem" in response.content.decode()


def test_the_qr_address_opens_a_prefilled_request_for_everyone_else(client, district, people, now):
    register(district, bar_tag="NE000042")
    register(district, bar_tag="SH000043", campus=district.south, room_number="A100")

    client.force_login(people[Role.REQUESTER])
    response = client.get(reverse("asset_by_tag", kwargs={"tag": "NE000042"}), follow=True)
    assert response.redirect_chain[-1][0] == reverse("request_new") + "?asset_tag=NE000042"
    assert response.context["form"]["asset_tag"].value() == "NE000042"

    # A campus technician who does not serve south: the portal too, for a south device.
    client.force_login(people[Role.TECHNICIAN])
    response = client.get(reverse("asset_by_tag", kwargs={"tag": "SH000043"}))
    assert response["Location"] == reverse("request_new") + "?asset_tag=SH000043"


def test_the_qr_address_sends_a_stranger_to_sign_in_and_back(client, district, people, now):
    asset = register(district, bar_tag="NE000042")
    address = reverse("asset_by_tag", kwargs={"tag": "NE000042"})

    response = client.get(address)

    target = urlsplit(response["Location"])
    assert target.path == reverse("login")
    assert parse_qs(target.query)["next"] == [address]
    # Signed in, the same address goes on to the asset.
    client.force_login(people[Role.INVENTORY])
    assert client.get(address)["Location"] == reverse("asset_detail", kwargs={"pk": asset.pk})


def test_a_qr_address_that_is_no_tag_is_a_404(client, district, people, now):
    client.force_login(people[Role.REQUESTER])

    assert client.get("/inventory/t/AB-1/").status_code == 404
