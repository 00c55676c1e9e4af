"""Stored metric results: computed after every change to what they read, and read back cheaply."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.admin.sites import site as admin_site
from django.test import RequestFactory
from django.utils import timezone

from demo.synthetic_esr import write_extract
from organisations.models import Organisation
from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from tests.factories import make_user
from workforce.figures import SECTIONS_BY_SLUG
from workforce.models import CatchmentArea, MetricResult, RecruitmentFigures, reporting_year_for
from workforce.selectors.results import available_years, figure_at, metric_comparison, metric_result, metric_trend
from workforce.services.catchments import catchment_defaults_load
from workforce.services.esr_import import esr_extract_import
from workforce.services.figures_import import figures_csv_import
from workforce.services.metric_recompute import metrics_recompute

pytestmark = pytest.mark.django_db

YEAR = reporting_year_for(timezone.localdate()) - 1  # a year the figures pages accept
DAY = date(YEAR, 3, 31)
ORGANISATIONS = {
    "lsc-icb",
    "blackpool-teaching-hospitals",
    "east-lancashire-hospitals",
    "lancashire-teaching-hospitals",
    "morecambe-bay-hospitals",
    "lancashire-south-cumbria-ft",
    "north-west-ambulance-service",
}
PLACES = {"blackpool", "blackburn-with-darwen", "lancashire", "south-cumbria"}
RECRUITMENT = {
    "shortlisted_white": 400, "shortlisted_bme": 120, "shortlisted_ethnicity_unknown": 10,
    "appointed_white": 120, "appointed_bme": 24, "appointed_ethnicity_unknown": 3,
    "shortlisted_disabled": 40, "shortlisted_non_disabled": 470, "shortlisted_disability_unknown": 20,
    "appointed_disabled": 9, "appointed_non_disabled": 130, "appointed_disability_unknown": 8,
}  # fmt: skip


@pytest.fixture
def organisations(db):
    reference_data_load()
    return {o.slug: o for o in Organisation.objects.all()}


def synthetic_extract(tmp_path, rows=2000, day=DAY, seed=1, leave_out=()):
    """A synthetic ESR extract written to a file, without the organisations (ODS codes) in `leave_out`."""
    text = io.StringIO()
    write_extract(text, rows=rows, seed=seed, snapshot_date=day)
    lines = list(csv.reader(io.StringIO(text.getvalue())))
    kept = [lines[0]] + [line for line in lines[1:] if line[3] not in leave_out]
    path = tmp_path / f"esr-{day}-{seed}.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(kept)
    return path


def import_synthetic(tmp_path, **options):
    day = options.get("day", DAY)
    return esr_extract_import(path=synthetic_extract(tmp_path, **options), snapshot_date=day)


def ratio(result, standard="wres", number="2"):
    return figure_at(result, (standard, number, "likelihood", "ratio"))


def test_an_esr_import_stores_the_metrics_of_the_ics_every_place_and_every_organisation(tmp_path, organisations):
    report = import_synthetic(tmp_path)
    assert report.metrics.years == [YEAR] and report.metrics.scopes == 12
    stored = {row.scope_key: row for row in MetricResult.objects.filter(year=YEAR)}
    expected = {"ics"} | {f"place:{slug}" for slug in PLACES} | {f"organisation:{slug}" for slug in ORGANISATIONS}
    assert set(stored) == expected
    assert {row.snapshot_date for row in stored.values()} == {DAY}
    assert len({row.input_signature for row in stored.values()}) == 1
    ics = metric_result("ics", YEAR)
    assert ics["scope"] | {"computed_at": None} == {
        "key": "ics",
        "kind": "ics",
        "label": "Lancashire and South Cumbria ICS",
        "year": YEAR,
        "year_label": f"{YEAR - 1}/{str(YEAR)[-2:]}",
        "snapshot_date": DAY.isoformat(),
        "threshold": 7,
        "computed_at": None,
    }
    assert set(ics["coverage"]["organisations"]) == ORGANISATIONS
    assert ics["coverage"]["organisations_without_snapshot"] == []
    # The ICS headcount is the organisations' added up (primary, non-bank assignments).
    organisation_headcounts = [
        metric_result(f"organisation:{slug}", YEAR)["headcount"]["value"] for slug in ORGANISATIONS
    ]
    assert ics["headcount"]["value"] == sum(organisation_headcounts) > 1000
    # Organisations are named by slug inside a result, not by database id.
    assert set(ics["declaration"]["ethnicity"]["by_organisation"]) == ORGANISATIONS
    lancashire = metric_result("place:lancashire", YEAR)
    assert lancashire["coverage"]["organisations"] == ["lancashire-teaching-hospitals", "lancashire-south-cumbria-ft"]


def test_an_organisation_without_a_snapshot_that_year_is_left_out_and_named_in_the_coverage(tmp_path, organisations):
    import_synthetic(tmp_path, leave_out={"RXN"})  # Lancashire Teaching Hospitals
    assert metric_result("organisation:lancashire-teaching-hospitals", YEAR) is None
    lancashire = metric_result("place:lancashire", YEAR)
    assert lancashire["coverage"]["organisations"] == ["lancashire-south-cumbria-ft"]
    assert lancashire["coverage"]["organisations_without_snapshot"] == ["lancashire-teaching-hospitals"]
    assert metric_result("ics", YEAR)["coverage"]["organisations_without_snapshot"] == ["lancashire-teaching-hospitals"]
    # Its entered figures are left out too: nothing it entered is divided by a headcount without its staff.
    RecruitmentFigures.objects.create(
        organisation=organisations["lancashire-teaching-hospitals"], year=YEAR, **RECRUITMENT
    )
    metrics_recompute(years=[YEAR])
    assert ratio(metric_result("ics", YEAR))["value"] is None


def test_saving_figures_on_the_figures_page_recomputes_that_years_metrics(tmp_path, organisations, client_for):
    import_synthetic(tmp_path)
    trust = organisations["blackpool-teaching-hospitals"]
    before = MetricResult.objects.get(scope_key="ics", year=YEAR).computed_at
    assert ratio(metric_result("organisation:blackpool-teaching-hospitals", YEAR))["value"] is None
    client = client_for(make_user(Role.EDI_LEAD, organisations=[trust]))
    response = client.post(f"/organisations/{trust.slug}/figures/{YEAR}/recruitment/", RECRUITMENT)
    assert response.status_code == 302
    # (120 / 400) / (24 / 120) = 1.5
    assert ratio(metric_result("organisation:blackpool-teaching-hospitals", YEAR))["value"] == 1.5
    assert ratio(metric_result("place:blackpool", YEAR))["value"] == 1.5
    assert ratio(metric_result("ics", YEAR))["value"] == 1.5
    assert metric_result("ics", YEAR)["coverage"]["recruitment_by_ethnicity"] == ["blackpool-teaching-hospitals"]
    assert MetricResult.objects.get(scope_key="ics", year=YEAR).computed_at > before


def test_importing_figures_from_csv_recomputes_each_year_in_the_file(tmp_path, organisations):
    import_synthetic(tmp_path)
    admin = make_user(Role.ADMIN)
    header = "organisation,year," + ",".join(RECRUITMENT)
    values = ",".join(str(value) for value in RECRUITMENT.values())
    report = figures_csv_import(
        data=f"{header}\nRXR,{YEAR},{values}\n".encode(), section=SECTIONS_BY_SLUG["recruitment"], user=admin
    )
    assert report.ok
    assert ratio(metric_result("organisation:east-lancashire-hospitals", YEAR))["value"] == 1.5


def test_changes_in_the_django_admin_recompute_that_years_metrics(tmp_path, organisations):
    import_synthetic(tmp_path)
    admin = make_user(Role.ADMIN)
    request = RequestFactory().post("/admin/")
    request.user = admin
    model_admin = admin_site._registry[RecruitmentFigures]
    figures = RecruitmentFigures(organisation=organisations["lsc-icb"], year=YEAR, **RECRUITMENT)
    model_admin.save_model(request, figures, form=None, change=False)
    assert ratio(metric_result("organisation:lsc-icb", YEAR))["value"] == 1.5
    model_admin.delete_queryset(request, RecruitmentFigures.objects.all())
    assert ratio(metric_result("organisation:lsc-icb", YEAR))["value"] is None


def test_importing_a_snapshot_again_replaces_its_metrics(tmp_path, organisations):
    import_synthetic(tmp_path, rows=2000)
    first = metric_result("ics", YEAR)["headcount"]["value"]
    import_synthetic(tmp_path, rows=2600, seed=2)
    assert metric_result("ics", YEAR)["headcount"]["value"] > first
    assert MetricResult.objects.filter(year=YEAR).count() == 12


def test_only_stale_years_are_recomputed_and_a_raised_threshold_makes_results_stale(tmp_path, organisations, settings):
    import_synthetic(tmp_path)
    assert metrics_recompute(only_stale=True).up_to_date == [YEAR]
    settings.SUPPRESSION_THRESHOLD = 10
    # Results suppressed under the lower threshold are never read, and are recomputed as stale.
    assert metric_result("ics", YEAR) is None and metric_trend("ics") == {} and metric_comparison(YEAR) == {}
    report = metrics_recompute(only_stale=True)
    assert report.years == [YEAR] and report.up_to_date == []
    assert metric_result("ics", YEAR)["scope"]["threshold"] == 10


FORMAL_PROCESSES = {
    "disciplinary_white": 40, "disciplinary_bme": 12, "disciplinary_ethnicity_unknown": 1,
    "capability_disabled": 9, "capability_non_disabled": 30, "capability_disability_unknown": 0,
}  # fmt: skip


def test_saving_the_previous_years_figures_brings_this_years_rolling_averages_up_to_date(
    tmp_path, organisations, client_for
):
    import_synthetic(tmp_path, day=date(YEAR - 1, 3, 31))
    import_synthetic(tmp_path)
    trust = organisations["east-lancashire-hospitals"]
    client = client_for(make_user(Role.EDI_LEAD, organisations=[trust]))
    assert (
        client.post(f"/organisations/{trust.slug}/figures/{YEAR}/formal-processes/", FORMAL_PROCESSES).status_code
        == 302
    )
    wres_3 = metric_result("organisation:east-lancashire-hospitals", YEAR)["wres"]["3"]
    previous_label = f"{YEAR - 2}/{str(YEAR - 1)[-2:]}"
    assert wres_3["likelihood"]["ratio"]["note"] == f"No rolling average: no figures for {previous_label}."
    assert wres_3["basis"]["kind"] == "single_year" and wres_3["single_year"]["ratio"]["value"] is not None
    signature = MetricResult.objects.get(scope_key="ics", year=YEAR).input_signature

    # Saving the previous year's figures recomputes that year, and with it this year, whose rolling average
    # now reads them: (8 + 12) / 2 BME and (60 + 40) / 2 White entries over this year's headcounts.
    previous = dict(FORMAL_PROCESSES, disciplinary_white=60, disciplinary_bme=8)
    assert client.post(f"/organisations/{trust.slug}/figures/{YEAR - 1}/formal-processes/", previous).status_code == 302
    assert MetricResult.objects.get(scope_key="ics", year=YEAR).input_signature != signature
    wres_3 = metric_result("organisation:east-lancashire-hospitals", YEAR)["wres"]["3"]
    bme, white = (wres_3["groups"][group]["headcount"]["value"] for group in ("bme", "white"))
    expected = (10 / bme) / (50 / white)
    assert wres_3["likelihood"]["ratio"]["value"] == round(expected, 2)
    assert wres_3["basis"]["kind"] == "rolling_average"
    assert wres_3["single_year"]["ratio"]["value"] == round((12 / bme) / (40 / white), 2)
    # Recomputing the previous year alone recomputes this one too when its inputs changed, and only then.
    report = metrics_recompute(years=[YEAR - 1])
    assert report.years == [YEAR - 1] and report.up_to_date == [YEAR]


def test_an_organisation_is_compared_with_its_catchment_which_admins_can_change(tmp_path, organisations):
    import_synthetic(tmp_path)

    def ethnicity(scope):
        return metric_result(scope, YEAR)["representation"]["ethnicity"]["population_percent"]

    # East Lancashire Hospitals against Pennine Lancashire (22.9%), not Blackburn with Darwen alone (39.6%).
    assert ethnicity("organisation:east-lancashire-hospitals")["value"] == 22.9
    assert ethnicity("place:blackburn-with-darwen")["value"] == 39.6
    assert ethnicity("ics")["note"].startswith("Census figure not available: no TS021 ethnic group counts for ")
    assert catchment_defaults_load() == 7  # each ESR organisation's default, stored for admins to edit
    assert catchment_defaults_load() == 0  # and never stored twice
    trust = organisations["east-lancashire-hospitals"]
    assert set(CatchmentArea.objects.filter(organisation=trust).values_list("local_authority", flat=True)) == {
        "E06000008", "E07000117", "E07000120", "E07000122", "E07000124", "E07000125",
    }  # fmt: skip
    # An admin narrows the catchment to Blackburn with Darwen and Burnley, half each: the metrics follow.
    request = RequestFactory().post("/admin/")
    request.user = make_user(Role.ADMIN)
    model_admin = admin_site._registry[CatchmentArea]
    model_admin.delete_queryset(request, CatchmentArea.objects.filter(organisation=trust).exclude(
        local_authority__in=["E06000008", "E07000117"]
    ))  # fmt: skip
    for row in CatchmentArea.objects.filter(organisation=trust):
        row.weight = Decimal("0.5")
        model_admin.save_model(request, row, form=None, change=True)
    # (61,349 + 16,539) / 2 over (154,741 + 94,651) / 2 = 31.2%.
    assert ethnicity("organisation:east-lancashire-hospitals")["value"] == 31.2
    assert (
        "Blackburn with Darwen (0.5 of it)"
        in metric_result("organisation:east-lancashire-hospitals", YEAR)["representation"]["source"]
    )
    assert CatchmentArea.history.filter(organisation=trust, history_type="-").count() == 4


def test_a_year_whose_snapshots_are_gone_loses_its_results(tmp_path, organisations):
    import_synthetic(tmp_path)
    from workforce.models import Snapshot, StaffRecord

    StaffRecord.objects.all().delete()
    Snapshot.objects.all().delete()
    metrics_recompute()
    assert not MetricResult.objects.exists()


def test_the_selectors_read_stored_results_in_at_most_two_queries_whatever_the_size(
    tmp_path, organisations, django_assert_max_num_queries
):
    # Two when a result is not parsed in this process yet (its header, then its JSON), one after that.
    def read_everything():
        with django_assert_max_num_queries(1):
            years = available_years()
        with django_assert_max_num_queries(2):
            metric_result("ics", years[-1])
        with django_assert_max_num_queries(2):
            trend = metric_trend("place:lancashire")
        with django_assert_max_num_queries(2):
            comparison = metric_comparison(years[-1], "organisation")
        with django_assert_max_num_queries(2):
            metric_trend("organisation:blackpool-teaching-hospitals", path="pay_gap.gov_uk.DiffMeanHourlyPercent")
        return years, trend, comparison

    import_synthetic(tmp_path, rows=800, day=date(YEAR - 1, 3, 31))
    years, trend, comparison = read_everything()
    assert years == [YEAR - 1] and list(trend) == [YEAR - 1] and len(comparison) == 7
    import_synthetic(tmp_path, rows=3000, day=DAY)
    years, trend, comparison = read_everything()
    assert years == [YEAR - 1, YEAR] and list(trend) == [YEAR - 1, YEAR]
    assert list(comparison) == sorted(comparison, key=lambda key: metric_result(key, YEAR)["scope"]["label"].lower())


def test_figure_at_follows_a_path_of_keys_or_dots_and_gives_none_for_a_missing_one(tmp_path, organisations):
    import_synthetic(tmp_path)
    result = metric_result("ics", YEAR)
    figure = figure_at(result, "pay_gap.gov_uk.DiffMeanHourlyPercent")
    assert set(figure) == {"value", "display", "suppressed", "reason", "note"}
    assert figure_at(result, ("pay_gap", "gov_uk", "DiffMeanHourlyPercent")) == figure
    assert figure_at(result, ("wres", 2)) == result["wres"]["2"]
    assert figure_at(result, "wres.99") is None and figure_at(None, "wres") is None
    trend = metric_trend("ics", path=("headcount",))
    assert trend == {YEAR: result["headcount"]}


def test_a_small_organisations_hidden_counts_cannot_be_worked_out_from_its_place_or_the_ics(tmp_path, organisations):
    """End to end through the database: an ESR extract in which Lancashire & South Cumbria FT has 3 BME
    staff in Band 9 (hidden) and its sister trust in the place 20; subtracting one published table from
    another must not give the 3 (or any other hidden count) away."""
    from tests.workforce.esr_files import row
    from tests.workforce.esr_files import write_extract as write_rows
    from tests.workforce.metrics.helpers import recoverable_cells
    from workforce.metrics.bands import BAND_ROWS, CLUSTERS
    from workforce.metrics.suppression import Figure, Sum

    def staff(ods, count, band="Band 5", ethnic="A White - British", group="Nursing and Midwifery Registered"):
        return [dict(Organisation=ods, Pay_Band=band, Ethnic_Origin=ethnic, Staff_Group=group) for _ in range(count)]

    admin, asian = "Administrative and Clerical", "H Asian or Asian British - Indian"
    people = []
    for ods, band_9_bme in (("RW5", 3), ("RXN", 20), ("RXL", 30)):
        people += staff(ods, 60) + staff(ods, 20, ethnic=asian) + staff(ods, 10, ethnic="Z Not Stated")
        people += staff(ods, band_9_bme, band="Band 9", ethnic=asian, group=admin) + staff(
            ods, 12, band="Band 4", group=admin
        )
    people += staff("QE1", 40, band="Band 6", group=admin) + staff("QE1", 9, band="Band 7", ethnic=asian, group=admin)
    path = write_rows(tmp_path / "small.csv", [row(n, **values) for n, values in enumerate(people, start=1)])
    esr_extract_import(path=path, snapshot_date=DAY)

    organisations_in = {
        "organisation:lancashire-south-cumbria-ft": ["RW5"],
        "organisation:lancashire-teaching-hospitals": ["RXN"],
        "organisation:blackpool-teaching-hospitals": ["RXL"],
        "organisation:lsc-icb": ["QE1"],
        "place:lancashire": ["RXN", "RW5"],
        "place:blackpool": ["RXL"],
        "ics": ["RXN", "RW5", "RXL", "QE1"],
    }
    scope_of = {"RW5": "organisation:lancashire-south-cumbria-ft", "RXN": "organisation:lancashire-teaching-hospitals",
                "RXL": "organisation:blackpool-teaching-hospitals", "QE1": "organisation:lsc-icb"}  # fmt: skip
    groups, columns = ("white", "bme", "unknown"), ("white", "bme", "unknown", "total")
    rows = (*BAND_ROWS, *CLUSTERS, "total")
    figures, sums = {}, []
    for scope in organisations_in:
        indicator = metric_result(scope, YEAR)["wres"]["1"]
        for split in ("clinical", "non_clinical"):
            for band_row in rows:
                for column in columns:
                    stored = indicator[split]["counts"][band_row][column]
                    figures[(scope, split, band_row, column)] = Figure(stored["value"], stored["suppressed"])
                sums.append(Sum((scope, split, band_row, "total"), tuple((scope, split, band_row, g) for g in groups)))
            for column in columns:
                sums.append(Sum((scope, split, "total", column), tuple((scope, split, r, column) for r in BAND_ROWS)))
                for cluster, members in CLUSTERS.items():
                    sums.append(Sum((scope, split, cluster, column), tuple((scope, split, r, column) for r in members)))
        for column in columns:
            stored = indicator["overall_workforce"]["counts"][column]
            figures[(scope, "all", "total", column)] = Figure(stored["value"], stored["suppressed"])
            sums.append(
                Sum(
                    (scope, "all", "total", column),
                    ((scope, "clinical", "total", column), (scope, "non_clinical", "total", column)),
                )
            )
    keys = [(split, r, column) for split in ("clinical", "non_clinical") for r in rows for column in columns]
    keys += [("all", "total", column) for column in columns]
    for scope, codes in organisations_in.items():
        if len(codes) > 1 or not scope.startswith("organisation"):
            for key in keys:
                sums.append(Sum((scope, *key), tuple((scope_of[code], *key) for code in codes)))

    assert figures[("organisation:lancashire-south-cumbria-ft", "non_clinical", "9", "bme")].suppressed
    assert not (
        figures[("organisation:lancashire-teaching-hospitals", "non_clinical", "9", "bme")].is_available
        and figures[("place:lancashire", "non_clinical", "9", "bme")].is_available
    )
    assert sum(figure.suppressed for figure in figures.values()) > 10
    assert recoverable_cells(sums, figures) == set()
    # Nothing published anywhere is a count of 1 to 7.
    for scope in organisations_in:
        published = list(_figures(metric_result(scope, YEAR)))
        assert published and not [f for f in published if isinstance(f["value"], int) and 1 <= f["value"] <= 7]


def _figures(value):
    if isinstance(value, dict):
        if {"value", "suppressed", "display"} <= value.keys():
            yield value
        else:
            for item in value.values():
                yield from _figures(item)


def test_a_figures_csv_import_in_the_django_admin_recomputes_and_a_dry_run_does_not(tmp_path, organisations):
    from import_export.formats.base_formats import CSV

    import_synthetic(tmp_path)
    resource = admin_site._registry[RecruitmentFigures].get_import_resource_classes(None)[0]()
    header = "organisation,year," + ",".join(RECRUITMENT)
    dataset = CSV().create_dataset(f"{header}\nRXL,{YEAR}," + ",".join(map(str, RECRUITMENT.values())) + "\n")
    before = MetricResult.objects.get(scope_key="ics", year=YEAR).computed_at
    resource.import_data(dataset, dry_run=True)
    assert MetricResult.objects.get(scope_key="ics", year=YEAR).computed_at == before
    result = resource.import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert ratio(metric_result("organisation:blackpool-teaching-hospitals", YEAR))["value"] == 1.5


def test_moving_an_organisation_to_another_place_recomputes_every_year(tmp_path, organisations, client_for):
    import_synthetic(tmp_path)
    trust, blackpool = organisations["lancashire-teaching-hospitals"], organisations["blackpool-teaching-hospitals"]
    client = client_for(make_user(Role.ADMIN))
    form = {
        "name": trust.name, "short_name": trust.short_name, "slug": trust.slug, "ods_code": trust.ods_code,
        "kind": trust.kind, "place": blackpool.place_id, "uses_esr": "on", "is_active": "on",
    }  # fmt: skip
    assert client.post(f"/organisations/{trust.slug}/edit/", form).status_code == 302
    assert metric_result("place:blackpool", YEAR)["coverage"]["organisations"] == [
        "blackpool-teaching-hospitals",
        "lancashire-teaching-hospitals",
    ]
    assert metric_result("place:lancashire", YEAR)["coverage"]["organisations"] == ["lancashire-south-cumbria-ft"]
    # Saving with no change to its scopes recomputes nothing.
    computed = MetricResult.objects.get(scope_key="ics", year=YEAR).computed_at
    client.post(f"/organisations/{trust.slug}/edit/", {**form, "short_name": "LTH"})
    assert MetricResult.objects.get(scope_key="ics", year=YEAR).computed_at == computed
