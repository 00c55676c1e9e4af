"""The full metric set for one scope (an organisation, a place or the ICS) and one snapshot.

`compute_metric_set` is the one entry point phase 2 calls (from the import service, to store the results,
and from `export_metrics`). It takes plain inputs and returns plain results in which every figure has
already been through suppression, so no page, export or API can show an unsuppressed small number.
`as_plain_data` turns the result into JSON-ready dicts and lists.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from .declaration import declaration_rates_from_counts
from .entered import EnteredFigures, wdes_of, wres_of
from .inputs import OrganisationFigures
from .paygap import profile_pay_gaps
from .profile import WorkforceProfile
from .representation import PopulationProfile, profile_representation
from .results import MetricSetData
from .suppression import (
    DEFAULT_THRESHOLD,
    PublishedTable,
    Sum,
    Suppressor,
    as_suppressor,
    figures_to_dict,
    hide_last,
    suppress_linked_counts,
)

SCOPE_KINDS = ("organisation", "place", "ics")


def compute_metric_set(
    staff: Sequence,
    organisation_figures: Sequence[OrganisationFigures] = (),
    *,
    scope_kind: str,
    scope_name: str,
    year: int,
    organisation_ids: Collection[int] | None = None,
    population: PopulationProfile | None = None,
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
) -> dict:
    """Every metric for one scope and snapshot, suppressed.

    `staff` are the StaffMember records of the snapshot; when `organisation_ids` is given only those
    organisations' records and figures are used (otherwise all that are passed). `organisation_figures`
    are the entered figures for `year`; those of several organisations are added together (counts
    summed, survey results weighted by respondents). `population` is the Census comparator of the place
    or ICS. `threshold` may be a `Suppressor` (as `compute_metric_sets` passes).

    Returns a dict keyed "scope", "headcount", "wres" ("1".."9"), "wdes" ("1".."10"), "pay_gap"
    (with "gov_uk" columns), "representation", "declaration" and "coverage" (which organisations entered
    each kind of figure).
    """
    if organisation_ids is not None:
        wanted = frozenset(organisation_ids)
        staff = [member for member in staff if member.organisation_id in wanted]
        organisations = sorted(wanted)
    else:
        organisations = sorted(
            {member.organisation_id for member in staff} | {f.organisation_id for f in organisation_figures}
        )
    return metric_set_of_profile(
        WorkforceProfile.from_staff(staff),
        organisation_figures,
        scope_kind=scope_kind,
        scope_name=scope_name,
        year=year,
        organisation_ids=organisations,
        population=population,
        threshold=threshold,
    )


def metric_set_of_profile(
    profile: WorkforceProfile,
    organisation_figures: Sequence[OrganisationFigures],
    *,
    scope_kind: str,
    scope_name: str,
    year: int,
    organisation_ids: Collection[int],
    population: PopulationProfile | None = None,
    threshold: "int | Suppressor" = DEFAULT_THRESHOLD,
) -> dict:
    """`compute_metric_set` for a scope whose staff are already profiled (`profile.WorkforceProfile`).

    Only the figures of `organisation_ids` are used: those entered for `year`, and for WRES 3 and WDES 3's
    two-year rolling average the previous year's formal process counts. Rendering the same profile again
    (as the joint suppression pass does) reuses the numbers kept on the profile.
    """
    suppressor = as_suppressor(threshold)
    if scope_kind not in SCOPE_KINDS:
        raise ValueError(f"scope_kind must be one of {SCOPE_KINDS}, not {scope_kind!r}")
    entered = EnteredFigures.of(organisation_figures, year, organisation_ids)
    return {
        "scope": {"kind": scope_kind, "name": scope_name, "year": year, "threshold": suppressor.threshold},
        "headcount": suppressor.count("headcount", profile.headcount_total),
        # Bands 8a and above for the ICS only: published for every scope, the extra linked row made the joint
        # suppression hide about a third more WRES 1 cells (and the row itself) everywhere.
        "wres": wres_of(profile, entered, suppressor, senior_row=scope_kind == "ics"),
        "wdes": wdes_of(profile, entered, suppressor),
        "pay_gap": profile_pay_gaps(profile, suppressor),
        "representation": profile_representation(profile, population, suppressor),
        "declaration": declaration_rates_from_counts(profile.people, suppressor),
        "coverage": entered.coverage(),
    }


def as_plain_data(metric_set: dict) -> MetricSetData:
    """The metric set as JSON-ready dicts, lists, strings and numbers (each Figure as a dict), in the shape
    `results.MetricSetData` describes (tests/workforce/metrics/test_results_contract.py checks it does)."""
    return cast(MetricSetData, figures_to_dict(metric_set))


@dataclass(frozen=True)
class ScopeSpec:
    """One scope to compute: an organisation, a place or the ICS, by the organisations it covers."""

    kind: str
    name: str
    organisation_ids: frozenset
    population: PopulationProfile | None = None


def compute_metric_sets(
    staff: Sequence,
    organisation_figures: Sequence[OrganisationFigures],
    scopes: Sequence[ScopeSpec],
    *,
    year: int,
    threshold: int = DEFAULT_THRESHOLD,
    published: dict[str, Suppressor] | None = None,
) -> dict[str, dict]:
    """The metric sets of several nested scopes, suppressed together so none gives another away.

    A place's counts are the sums of its organisations' counts, and the ICS's of everything in it. If an
    organisation's count is withheld but the place total and the other organisations' counts are shown,
    subtraction recovers it; so is a count of the part of a place (or the ICS) that has no scope of its
    own. So each scope is first computed on its own, recording every table of counts it publishes; then
    those tables, linked by "parent = sum of its largest sub-scopes (+ an unpublished remainder)", are
    suppressed as one system starting from what each scope withheld, and each scope to which that adds a
    hidden count is computed again with it.
    Tables that are not additive across scopes (quartile pay bands) keep their own suppression.

    Returns scope name -> metric set (as `compute_metric_set`). Scope names must be unique. `published`, if
    given, is filled with scope name -> the Suppressor of the figures returned (every table of counts it
    published, with its sums and figures), for the disclosure audit (`disclosure_audit`).
    """
    names = [scope.name for scope in scopes]
    if len(set(names)) != len(names):
        raise ValueError("Scope names must be unique.")

    # Read the staff records once, organisation by organisation; places and the ICS add those profiles up.
    staff_of: dict[int, list] = {}
    for member in staff:
        staff_of.setdefault(member.organisation_id, []).append(member)
    organisation_profiles = {
        organisation: WorkforceProfile.from_staff(staff_of.get(organisation, ()))
        for organisation in sorted(frozenset().union(*(scope.organisation_ids for scope in scopes)))
    }
    profiles: dict[frozenset, WorkforceProfile] = {}
    for scope in scopes:
        if scope.organisation_ids not in profiles:
            profiles[scope.organisation_ids] = WorkforceProfile.combine(
                organisation_profiles[organisation] for organisation in sorted(scope.organisation_ids)
            )

    def run(scope: ScopeSpec, suppressor: Suppressor) -> dict:
        return metric_set_of_profile(
            profiles[scope.organisation_ids],
            organisation_figures,
            scope_kind=scope.kind,
            scope_name=scope.name,
            year=year,
            organisation_ids=scope.organisation_ids,
            population=scope.population,
            threshold=suppressor,
        )

    recorded: dict[str, dict] = {}
    first_results: dict[str, dict] = {}
    first_withheld: dict[str, set] = {}
    first_suppressors: dict[str, Suppressor] = {}
    for scope in scopes:
        suppressor = first_suppressors[scope.name] = Suppressor(threshold)
        first_results[scope.name] = run(scope, suppressor)
        recorded[scope.name] = {table.name: table for table in suppressor.tables}
        first_withheld[scope.name] = suppressor.withheld

    counts, sums, unpublished = joint_system(scopes, recorded)

    # Start from what each scope withheld on its own, so the joint pass only adds what subtraction needs;
    # a scope it adds nothing to keeps its first result.
    already = {(name, *table_key) for name, withheld in first_withheld.items() for table_key in withheld}
    level = {scope.name: SCOPE_KINDS.index(scope.kind) for scope in scopes}

    def priority(key) -> tuple:
        # Hide an organisation's count before a place's, a place's before the ICS's, the cells a headline
        # row adds up before the headline (hide_last), and a cell before a total.
        if key[0] == "remainder":
            return (9, 1)
        return (level[key[0]], hide_last(key[2]), "total" in _flatten(key[2]))

    figures = suppress_linked_counts(
        counts, sums, threshold, forced=already, unpublished=unpublished, priority=priority
    )
    forced: dict[str, set] = {scope.name: set() for scope in scopes}
    for (scope_name, table_name, key), figure in (item for item in figures.items() if item[0][0] != "remainder"):
        if figure.suppressed:
            forced[scope_name].add((table_name, key))
    results = {}
    for scope in scopes:
        if forced[scope.name] <= first_withheld[scope.name]:
            results[scope.name], final = first_results[scope.name], first_suppressors[scope.name]
        else:
            final = Suppressor(threshold, forced[scope.name], earlier=first_suppressors[scope.name])
            results[scope.name] = run(scope, final)
        if published is not None:
            published[scope.name] = final
    return results


def joint_system(
    scopes: Sequence[ScopeSpec], recorded: Mapping[str, Mapping[str, PublishedTable]]
) -> tuple[dict, list[Sum], set]:
    """Every count the scopes publish, keyed (scope name, table name, key), with the sums that link them:
    each table's own sums, twin scopes' equal counts, and each parent's counts as the sum of its largest
    sub-scopes' plus an unpublished remainder ("remainder", parent, table, key) for what no sub-scope
    covers. `recorded` is scope name -> table name -> the table as its Suppressor recorded it. Returns
    (counts, sums, the unpublished remainders)."""
    counts: dict = {}
    sums: list[Sum] = []
    unpublished: set = set()
    for scope in scopes:
        for table in recorded[scope.name].values():
            for key, value in table.counts.items():
                counts[(scope.name, table.name, key)] = value
            for s in table.sums:
                sums.append(
                    Sum((scope.name, table.name, s.total), tuple((scope.name, table.name, part) for part in s.parts))
                )
    same: dict[frozenset, list[ScopeSpec]] = {}
    for scope in scopes:
        same.setdefault(scope.organisation_ids, []).append(scope)
    for twins in same.values():
        # Scopes over the same organisations publish the same counts: link them so they hide the same ones.
        for twin in twins[1:]:
            for table in recorded[twin.name].values():
                if table.additive:
                    for key in table.counts:
                        sums.append(Sum((twin.name, table.name, key), ((twins[0].name, table.name, key),)))
    for parent in scopes:
        children = _largest_sub_scopes(parent, scopes)
        if not children:
            continue
        covered = frozenset().union(*(child.organisation_ids for child in children))
        has_remainder = covered != parent.organisation_ids
        for table in recorded[parent.name].values():
            if not table.additive:
                continue
            for key, value in table.counts.items():
                parts: list[tuple] = [
                    (child.name, table.name, key)
                    for child in children
                    if table.name in recorded[child.name] and key in recorded[child.name][table.name].counts
                ]
                if has_remainder:
                    remainder = ("remainder", parent.name, table.name, key)
                    counts[remainder] = value - sum(counts[part] for part in parts)
                    unpublished.add(remainder)
                    parts.append(remainder)
                if parts:
                    sums.append(Sum((parent.name, table.name, key), tuple(parts)))
    return counts, sums, unpublished


def _flatten(key) -> tuple:
    return key if isinstance(key, tuple) else (key,)


def _largest_sub_scopes(parent: ScopeSpec, scopes: Sequence[ScopeSpec]) -> list[ScopeSpec]:
    """The scopes strictly inside `parent` that are not inside another such scope, if they do not overlap."""
    inside = [s for s in scopes if s.organisation_ids < parent.organisation_ids and s.organisation_ids]
    largest = [s for s in inside if not any(s.organisation_ids < other.organisation_ids for other in inside)]
    # Two scopes covering the same organisations: keep one, the other is the same counts again.
    unique: dict[frozenset, ScopeSpec] = {}
    for scope in largest:
        unique.setdefault(scope.organisation_ids, scope)
    largest = list(unique.values())
    seen: set = set()
    for scope in largest:
        if seen & scope.organisation_ids:
            return []
        seen |= scope.organisation_ids
    return largest
