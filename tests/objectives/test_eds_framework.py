"""The EDS 2022 framework data says what the published copies of NHS England's guidance say (research notes in
the README's "Equality Delivery System" section): three domains, eleven outcomes word for word, four ratings and
overall bands that cover every total from 0 to 33 once."""

import json
import re

from objectives.eds.framework import FRAMEWORK_DATA, framework

# Transcribed from the sources quoted in the README (Leeds, DBTH, ELFT, SY ICB, COCH, RDaSH), not from the data file.
OUTCOMES = {
    "1A": "Patients (service users) have required levels of access to the service",
    "1B": "Individual patients (service user’s) health needs are met",
    "1C": "When patients (service users) use the service, they are free from harm",
    "1D": "Patients (service users) report positive experiences of the service",
    "2A": "When at work, staff are provided with support to manage obesity, diabetes, asthma, COPD and mental health "
    "conditions",
    "2B": "When at work, staff are free from abuse, harassment, bullying and physical violence from any source",
    "2C": "Staff have access to independent support and advice when suffering from stress, abuse, bullying harassment "
    "and physical violence from any source",
    "2D": "Staff recommend the organisation as a place to work and receive treatment",
    "3A": "Board members, system leaders (Band 9 and VSM) and those with line management responsibilities routinely "
    "demonstrate their understanding of, and commitment to, equality and health inequalities",
    "3B": "Board/Committee papers (including minutes) identify equality and health inequalities related impacts and "
    "risks and how they will be mitigated and managed",
    "3C": "Board members and system leaders (Band 9 and VSM) ensure levers are in place to manage performance and "
    "monitor progress with staff and patients",
}


def test_the_three_domains_are_the_templates():
    assert [d.title for d in framework().domains] == [
        "Domain 1: Commissioned or provided services",
        "Domain 2: Workforce health and well-being",
        "Domain 3: Inclusive leadership",
    ]


def test_the_eleven_outcomes_are_the_guidances_word_for_word_in_their_domains():
    eds = framework()
    assert {o.code: o.text for o in eds.outcomes} == OUTCOMES
    assert [[o.code for o in d.outcomes] for d in eds.domains] == [
        ["1A", "1B", "1C", "1D"],
        ["2A", "2B", "2C", "2D"],
        ["3A", "3B", "3C"],
    ]
    assert [d.maximum for d in eds.domains] == [12, 12, 9] and eds.maximum == 33


def test_each_domain_measures_the_equality_objective_of_its_number():
    assert [(d.number, d.objective) for d in framework().domains] == [(1, 1), (2, 2), (3, 3)]


def test_the_four_ratings_are_named_as_the_template_names_them():
    assert [(r.score, r.name) for r in framework().ratings] == [
        (0, "Undeveloped activity"),
        (1, "Developing activity"),
        (2, "Achieving activity"),
        (3, "Excelling activity"),
    ]


def test_the_overall_bands_cover_every_total_once_and_match_the_templates_words():
    bands = framework().bands
    covered = [total for band in bands for total in range(band.lowest, band.highest + 1)]
    assert covered == list(range(34))
    assert [(b.rating.name, b.lowest, b.highest) for b in bands] == [
        ("Undeveloped activity", 0, 7),
        ("Developing activity", 8, 21),
        ("Achieving activity", 22, 32),
        ("Excelling activity", 33, 33),
    ]
    # The template's own words say the same numbers: "under 8", "between 8 and 21", "between 22 and 32", "33".
    for band in bands:
        numbers = [int(n) for n in re.findall(r"\d+", band.template_text)]
        assert numbers in ([band.highest + 1], [band.lowest, band.highest], [band.lowest]), band.template_text


def test_every_outcome_cites_sources_the_file_lists():
    data = json.loads(FRAMEWORK_DATA.read_text(encoding="utf-8"))
    for domain in data["domains"]:
        for outcome in domain["outcomes"]:
            assert outcome["sources"] and set(outcome["sources"]) <= set(data["_sources"]), outcome["code"]


def test_the_domain_1_rule_and_what_could_not_be_verified_are_stated():
    eds = framework()
    assert eds.minimum_services == 3
    assert "median" in eds.domain_1_rule and "could not be verified" in eds.domain_1_rule_source
    assert any("Domain 1" in line for line in eds.unverified)
