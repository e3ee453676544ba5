"""The team lead dashboard: its filters (which team, campus, category) and its tables.

A team lead picks among the teams they lead; directors, the superintendent and system
administrators among every team (policies.teams_for_dashboard). A team outside that list
is refused as an invalid choice, exactly like a team that does not exist."""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from districtdesk.core.forms import QuickSelect
from districtdesk.core.models import Campus, Person, Team
from districtdesk.reports.figures import team_work
from districtdesk.reports.policies import sees_every_team, teams_for_dashboard
from districtdesk.reports.tables import BLUE, BROWN, GREEN, GREY, KIND_COLOURS, RED, Column, Table
from districtdesk.service_requests.models import Category, Target

DUE_LABELS = {
    "overdue": gettext_lazy("Overdue"),
    "today": gettext_lazy("Due later today"),
    "this_week": gettext_lazy("Due later this week"),
    "later": gettext_lazy("Due after this week"),
    "no_due_time": gettext_lazy("No due time (waiting or no SLA)"),
}
DUE_COLOURS = {
    "overdue": RED,
    "today": BROWN,
    "this_week": BLUE,
    "later": GREEN,
    "no_due_time": GREY,
}
UNASSIGNED = gettext_lazy("Not assigned")


class TeamFilterForm(forms.Form):
    team = forms.ModelChoiceField(
        label=gettext_lazy("Team"), queryset=Team.objects.none(), required=False
    )
    campus = forms.ModelChoiceField(
        widget=QuickSelect,
        label=gettext_lazy("Campus"),
        queryset=Campus.objects.order_by("code"),
        required=False,
        empty_label=gettext_lazy("All campuses"),
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("Category"),
        queryset=Category.objects.order_by("number"),
        required=False,
        empty_label=gettext_lazy("All categories"),
    )

    def __init__(self, data=None, *, viewer: Person, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.viewer = viewer
        field = self.fields["team"]
        field.queryset = teams_for_dashboard(viewer)
        field.empty_label = _("All teams") if sees_every_team(viewer) else _("All my teams")

    def filters(self) -> "TeamFilters":
        data = self.cleaned_data
        chosen = data.get("team")
        teams = (chosen,) if chosen else tuple(self.fields["team"].queryset)
        return TeamFilters(
            teams=teams,
            team=chosen,
            campus=data.get("campus"),
            category=data.get("category"),
            every_team=chosen is None and sees_every_team(self.viewer),
        )


@dataclass(frozen=True)
class TeamFilters:
    teams: tuple[Team, ...]
    team: Team | None = None
    campus: Campus | None = None
    category: Category | None = None
    every_team: bool = False  # no team chosen by someone who sees every team

    @property
    def scope(self) -> team_work.TeamScope:
        return team_work.TeamScope(
            teams=self.teams,
            campus_id=self.campus.pk if self.campus else None,
            category_id=self.category.pk if self.category else None,
        )

    def as_query(self) -> str:
        values = {"team": self.team, "campus": self.campus, "category": self.category}
        return urlencode({name: value.pk for name, value in values.items() if value is not None})

    def describe(self) -> list[tuple[str, str]]:
        if self.every_team:
            shown = [(_("Teams"), _("All teams"))]
        else:
            shown = [(_("Teams"), ", ".join(team.name for team in self.teams) or "—")]
        for label, value in ((_("Campus"), self.campus), (_("Category"), self.category)):
            if value is not None:
                shown.append((str(label), str(value)))
        return shown


class TeamReport:
    def __init__(self, viewer: Person, filters: TeamFilters, *, now: datetime) -> None:
        self.viewer, self.filters, self.now = viewer, filters, now

    def table(self, slug: str) -> Table:
        return TABLES[slug](self)

    @property
    def scope(self) -> team_work.TeamScope:
        return self.filters.scope

    def open_by_due(self) -> Table:
        rows = team_work.open_by_due_time(self.viewer, self.scope, now=self.now)
        table = Table(
            slug="team-due",
            title=_("Open requests by when they are due"),
            summary="",
            columns=[
                Column(_("Team"), numeric=False),
                *(
                    Column(str(DUE_LABELS[band]), colour=DUE_COLOURS[band])
                    for band in team_work.DUE_BANDS
                ),
                Column(_("Open in all")),
            ],
            horizontal=True,
            unit=_("requests"),
        )
        for row in rows:
            table.rows.append(
                [row.team, *(row.counts[band] for band in team_work.DUE_BANDS), row.total]
            )
        if not rows:
            table.summary = _("You lead no team, so there is nothing to count.")
            return table
        totals = {band: sum(row.counts[band] for row in rows) for band in team_work.DUE_BANDS}
        table.summary = _(
            "%(open)s open requests: %(overdue)s overdue, %(today)s due later today, "
            "%(week)s due later this week, %(later)s due after this week and %(none)s with no "
            "due time."
        ) % {
            "open": sum(totals.values()),
            "overdue": totals["overdue"],
            "today": totals["today"],
            "week": totals["this_week"],
            "later": totals["later"],
            "none": totals["no_due_time"],
        }
        return table

    def breaches(self) -> Table:
        rows = team_work.breaches_this_week(self.viewer, self.scope, now=self.now)
        kinds = Target.Kind.values
        monday = team_work.week_start(self.now)
        table = Table(
            slug="team-breaches",
            title=_("Targets missed this week (since Monday %(day)s)")
            % {"day": monday.isoformat()},
            summary="",
            columns=[
                Column(_("Team"), numeric=False),
                *(
                    Column(str(Target.Kind(kind).label), colour=KIND_COLOURS[kind])
                    for kind in kinds
                ),
                Column(_("Total")),
            ],
            horizontal=True,
            unit=_("targets"),
        )
        for row in rows:
            table.rows.append([row.team, *(row.counts[kind] for kind in kinds), row.total])
        total = sum(row.total for row in rows)
        table.summary = ngettext(
            "%(total)s target missed its due time this week.",
            "%(total)s targets missed their due time this week.",
            total,
        ) % {"total": total}
        if total:
            table.summary += (
                " "
                + ", ".join(
                    f"{Target.Kind(kind).label} {sum(row.counts[kind] for row in rows)}"
                    for kind in kinds
                )
                + "."
            )
        return table

    def load(self) -> Table:
        loads = team_work.technician_load(self.viewer, self.scope, now=self.now)
        table = Table(
            slug="team-load",
            title=_("Open requests per technician"),
            summary="",
            columns=[
                Column(_("Assigned to"), numeric=False),
                Column(_("On time or no due time"), colour=BLUE),
                Column(_("Overdue"), colour=RED),
                Column(_("Open, assigned")),
            ],
            horizontal=True,
            unit=_("requests"),
        )
        for load in loads:
            table.rows.append([load.name or str(UNASSIGNED), load.on_time, load.overdue, load.open])
        people = [load for load in loads if load.name]
        if not loads:
            table.summary = _("No technicians in these teams.")
            return table
        busiest = max(people, key=lambda load: load.open, default=None)
        unassigned = next((load.open for load in loads if not load.name), 0)
        table.summary = _(
            "%(assigned)s open requests assigned to %(people)s people, %(overdue)s of them "
            "overdue; %(unassigned)s not assigned."
        ) % {
            "assigned": sum(load.open for load in people),
            "people": len(people),
            "overdue": sum(load.overdue for load in people),
            "unassigned": unassigned,
        }
        if busiest is not None and busiest.open:
            table.summary += " " + _("Most: %(name)s (%(count)s).") % {
                "name": busiest.name,
                "count": busiest.open,
            }
        return table

    def late_notes(self) -> Table:
        late = list(team_work.late_status_notes(self.viewer, self.scope, now=self.now))
        table = Table(
            slug="team-notes",
            title=_("Scheduled maintenance with its weekly status note late"),
            summary="",
            columns=[
                Column(_("Request"), numeric=False),
                Column(_("Assigned to"), numeric=False),
                Column(_("Note due since"), numeric=False),
                Column(_("Days late"), colour=BROWN),
            ],
            stacked=False,
            horizontal=True,
            unit=_("days"),
            chart_label_columns=1,
        )
        today = timezone.localdate(self.now)
        for request in late:
            due = timezone.localtime(request.status_note_due_at)
            table.rows.append(
                [
                    request.number,
                    str(request.assignee) if request.assignee else str(UNASSIGNED),
                    due.strftime("%Y-%m-%d %H:%M"),
                    (today - due.date()).days,
                ]
            )
        table.summary = ngettext(
            "%(count)s scheduled maintenance request is past its weekly status note.",
            "%(count)s scheduled maintenance requests are past their weekly status note.",
            len(late),
        ) % {"count": len(late)}
        return table


TABLES = {
    "team-due": TeamReport.open_by_due,
    "team-breaches": TeamReport.breaches,
    "team-load": TeamReport.load,
    "team-notes": TeamReport.late_notes,
}
