"""The scope and reporting year a dashboard shows: read from the URL, and stamped on every page and export.

The choice lives in the URL (`?scope=place:blackpool&year=2025`), so a page can be bookmarked and shared.
"""

from dataclasses import dataclass
from datetime import date

from objectives.models import ReportingRound
from workforce.metrics.results import MetricResultData
from workforce.models import reporting_year_label as year_label
from workforce.scopes import Scope, UnknownScope, all_scopes, parse_scope
from workforce.selectors.results import available_years


class BadChoice(ValueError):
    """A scope or year in the URL that the portal does not have; the message says which."""


@dataclass(frozen=True)
class Choice:
    scope: Scope
    year: int | None
    years: list[int]

    @property
    def year_label(self) -> str:
        return year_label(self.year) if self.year else "no year"

    @property
    def query(self) -> str:
        return f"scope={self.scope.key}" + (f"&year={self.year}" if self.year else "")

    @property
    def plan_query(self) -> str:
        """The same scope as the plan pages' filters say it."""
        return f"{self.scope.kind}={self.scope.slug}" if self.scope.kind != "ics" else ""


def choose(scope_key: str | None, year_text: str | None) -> Choice:
    """The scope and year a dashboard URL asks for (defaults: the ICS, the latest year with metrics).

    Raises BadChoice for a scope or year the portal does not have."""
    try:
        scope = parse_scope(scope_key)
    except UnknownScope:
        raise BadChoice(f"There is no organisation or place called “{scope_key}”.") from None
    years = available_years()
    if not year_text:
        return Choice(scope, years[-1] if years else None, years)
    if not year_text.isdigit() or int(year_text) not in years:
        shown = ", ".join(year_label(y) for y in years) or "none yet"
        raise BadChoice(f"There are no workforce figures for the year “{year_text}”. Years available: {shown}.")
    return Choice(scope, int(year_text), years)


@dataclass(frozen=True)
class ScopeOption:
    key: str
    label: str
    group: str


def scope_options() -> list[ScopeOption]:
    """Every scope for the chooser, grouped: the ICS, the places, the organisations."""
    groups = {"ics": "Integrated care system", "place": "Places", "organisation": "Organisations"}
    return [ScopeOption(scope.key, scope.label, groups[scope.kind]) for scope in all_scopes()]


def data_as_at(choice: Choice, result: MetricResultData | None) -> str:
    """The stamp on every page and export: the ESR snapshot and the plan's reporting round."""
    reporting_round = ReportingRound.objects.current()
    round_text = (
        f"reporting round {reporting_round.name} (due {reporting_round.due_on:%-d %B %Y})"
        if reporting_round
        else "no open reporting round"
    )
    if result is None:
        snapshot_text = "no ESR snapshot for this scope and year"
    else:
        snapshot = date.fromisoformat(result["scope"]["snapshot_date"])
        snapshot_text = f"ESR snapshot of {snapshot:%-d %B %Y} ({year_label(result['scope']['year'])})"
    return f"{choice.scope.label}. Data as at: {snapshot_text}; plan progress as at {round_text}."
