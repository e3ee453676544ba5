"""{% report_table_rows %} writes what the template loop it replaced wrote."""

from django.template import Context, Template
from django.utils import translation

from districtdesk.reports.tables import Column, Table
from districtdesk.reports.templatetags.reports import report_table_rows

LOOP = Template(
    "{% for row in table.rows %}"
    "<tr>{% for cell in row %}{% if forloop.counter <= table.heading_columns %}"
    '<th scope="row">{{ cell }}</th>{% else %}<td class="numeric">{{ cell }}</td>'
    "{% endif %}{% endfor %}</tr>"
    "{% if not forloop.last %}\n{% endif %}{% endfor %}"
)


def test_rows_are_the_template_loops_markup_escaped_and_localised():
    table = Table(
        slug="t",
        title="T",
        summary="",
        columns=[Column("Campus", numeric=False), Column("Met"), Column("Share")],
        rows=[["A & <B> School", 12345, 66.7], ["Other", 0, "—"]],
    )
    for language in ("en", "es"):
        with translation.override(language):
            assert report_table_rows(table) == LOOP.render(Context({"table": table}))
    assert "A &amp; &lt;B&gt; School" in report_table_rows(table)
