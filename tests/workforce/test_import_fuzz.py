"""Property-based fuzzing of the ESR and figures readers: whatever the bytes, a clear rejection or a
correct import, never another exception.

Random bytes; CSV built from known and unknown headers (duplicated, missing), ragged rows of awkward
values (quotes, separators, line breaks, NULs, huge values) in several encodings and separators; and
valid rows, which must import whole in every encoding Excel writes. 3,000 examples in all.
"""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organisations.permissions import Role
from tests.factories import make_user
from tests.workforce.esr_files import HEADER, csv_text, row
from workforce.esr.extract import ExtractRejected
from workforce.figures import SECTIONS_BY_SLUG
from workforce.services.esr_import import esr_extract_import
from workforce.services.figures_import import figures_csv_import

pytestmark = pytest.mark.django_db
ON = "2025-03-31"

fuzzing = settings(
    deadline=None,
    database=None,  # nothing written into the working tree; the seed is printed on failure
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

AWKWARD = st.sampled_from(['"', '""', ",", ";", "\t", "\r", "\n", "\r\n", "\x00", "\ufeff", "é", "€", "𝄞", " "])
CELL = st.one_of(
    st.text(max_size=12),
    st.lists(st.one_of(AWKWARD, st.text(max_size=3)), max_size=6).map("".join),
    st.sampled_from(["OWN", "Band 5", "Female", "Sex", "Y", "N", "1", "0", "", "2025", "31/03/2025"]),
    st.sampled_from([row(1)[name] for name in HEADER]),
)
HUGE = st.sampled_from(["x" * 140_000, '"' + "y" * 140_000])
HEADER_NAME = st.one_of(st.sampled_from([*HEADER, "Sex", "Ethnicity", "organisation", "year"]), st.text(max_size=10))
ENCODING = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "latin-1"])


@st.composite
def csv_files(draw, headers=HEADER_NAME, complete=HEADER):
    """A CSV-like file: a header drawn from real and made-up names (some twice, some missing), often after
    a complete header so that rows are read, then ragged rows of awkward values, sometimes a huge one, in
    a drawn encoding, separator and quoting."""
    header = [*draw(st.sampled_from([list(complete), []])), *draw(st.lists(headers, max_size=30))]
    rows = draw(st.lists(st.lists(CELL, max_size=len(header) + 3), max_size=8))
    if rows and draw(st.integers(0, 9)) == 0:
        rows[0].append(draw(HUGE))
    delimiter = draw(st.sampled_from([",", ",", "\t", ";"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, None]))
    if quoting is None:  # values joined as they are, quotes and line breaks included
        text = "".join(delimiter.join(values) + "\r\n" for values in [header, *rows])
    else:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
        for values in [header, *rows]:
            writer.writerow(values)
        text = out.getvalue()
    if draw(st.booleans()):  # and now and then a quote left open
        text = text.replace('"', "", 1)
    return text.encode(draw(ENCODING), errors="replace")


def esr_outcome(tmp_path, content: bytes):
    """The dry-run import's report, or the rejection's message; any other exception fails the test."""
    path = tmp_path / "fuzz.csv"
    path.write_bytes(content)
    try:
        return esr_extract_import(path=path, snapshot_date=ON, dry_run=True)
    except ExtractRejected as rejection:
        assert str(rejection).strip(), "a rejection says why"
        return str(rejection)


@settings(fuzzing, max_examples=800)
@given(content=st.binary(max_size=3000))
def test_any_bytes_are_an_esr_import_or_a_clear_rejection(tmp_path, own_org, content):
    outcome = esr_outcome(tmp_path, content)
    assert isinstance(outcome, str) or outcome.status in {"checked", "invalid"}


@settings(fuzzing, max_examples=1200)
@given(content=csv_files())
def test_any_csv_is_an_esr_import_or_a_clear_rejection(tmp_path, own_org, content):
    outcome = esr_outcome(tmp_path, content)
    if not isinstance(outcome, str):
        assert outcome.status in {"checked", "invalid"}
        assert (outcome.status == "invalid") == (outcome.error_count > 0)
        assert all(error.line >= 2 and error.message for error in outcome.errors)


@settings(fuzzing, max_examples=300)
@given(
    people=st.lists(
        st.fixed_dictionaries(
            {
                "Gender": st.sampled_from(["Female", "Male", "F", "M"]),
                "Pay_Band": st.sampled_from(["Band 5", "Band 8A", "Band 2"]),
                "Job_Role": st.text(st.characters(codec="cp1252", exclude_characters="\x00\r\n"), max_size=20),
            }
        ),
        min_size=1,
        max_size=12,
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
    delimiter=st.sampled_from([",", "\t"]),
)
def test_valid_rows_import_whole_in_every_encoding_excel_writes(tmp_path, own_org, people, encoding, delimiter):
    delimiter = delimiter if encoding == "utf-16" else ","  # tab-separated is Excel's Unicode text only
    text = csv_text([row(number, **values) for number, values in enumerate(people, 1)], delimiter=delimiter)
    outcome = esr_outcome(tmp_path, text.encode(encoding))
    assert not isinstance(outcome, str), outcome
    assert (outcome.status, outcome.rows, outcome.error_count) == ("checked", len(people), 0)


@pytest.fixture
def figures_lead(own_org):
    return make_user(Role.EDI_LEAD, organisations=[own_org])


FIGURES_HEADER = st.one_of(
    st.sampled_from(["organisation", "year", *SECTIONS_BY_SLUG["recruitment"].fields]), st.text(max_size=8)
)


def figures_outcome(content: bytes, user):
    try:
        return figures_csv_import(data=content, section=SECTIONS_BY_SLUG["recruitment"], user=user)
    except ExtractRejected as rejection:
        assert str(rejection).strip()
        return str(rejection)


@settings(fuzzing, max_examples=700)
@given(
    content=st.one_of(st.binary(max_size=2000), csv_files(headers=FIGURES_HEADER, complete=["organisation", "year"]))
)
def test_any_file_is_a_figures_import_or_a_clear_rejection(figures_lead, content):
    outcome = figures_outcome(content, figures_lead)
    if not isinstance(outcome, str):
        assert outcome.ok or all(error.message for error in outcome.errors)
        assert not outcome.ok or outcome.created + outcome.updated > 0
