"""{% reports_nav_item %}: the navigation's Reports link, to the first dashboard the person
may open; {% reports_dashboards_panel %}: the home page's list of every dashboard they may
open (core's templates may not import this app, which sits floors above it);
{% report_table_rows %}: a table's body."""

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from districtdesk.reports.dashboards import dashboards_for

register = template.Library()


def _dashboards(context: template.Context) -> list:
    person = context.get("user")
    if person is None or not person.is_authenticated:
        return []
    return dashboards_for(person)


@register.inclusion_tag("reports/_nav_item.html", takes_context=True)
def reports_nav_item(context: template.Context) -> dict:
    dashboards = _dashboards(context)
    return {
        "first": dashboards[0] if dashboards else None,
        "current": context.get("active_nav") == "reports",
    }


@register.inclusion_tag("reports/_home_panel.html", takes_context=True)
def reports_dashboards_panel(context: template.Context) -> dict:
    return {"dashboards": _dashboards(context)}


@register.simple_tag
def report_table_rows(table) -> str:
    """The table's rows, headings first, each value shown as `{{ value }}` would show it.
    Written in Python: a campus table's thousands of cells cost the template engine (or
    format_html per cell) a large part of the page."""
    headings = table.heading_columns
    rows = []
    for row in table.rows:
        cells = "".join(
            f'<th scope="row">{conditional_escape(localize(cell))}</th>'
            if position < headings
            else f'<td class="numeric">{conditional_escape(localize(cell))}</td>'
            for position, cell in enumerate(row)
        )
        rows.append(f"<tr>{cells}</tr>")
    return mark_safe("\n".join(rows))  # noqa: S308 - every value is escaped above
