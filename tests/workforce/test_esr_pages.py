"""The ESR import pages (portal and Django admin): admins only, check first, confirm, and nothing on errors."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.workforce.esr_files import csv_text, row
from workforce.models import ImportBatch, MetricResult, Snapshot, StaffRecord

pytestmark = pytest.mark.django_db


def upload(rows, name="esr.csv", text=None):
    return SimpleUploadedFile(name, (text or csv_text(rows)).encode(), content_type="text/csv")


@pytest.mark.parametrize("who", ["lead_user", "board_user", "roleless_user"])
def test_only_admins_may_import(request, client_for, who, own_org):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/imports/esr/").status_code == 403
    response = client.post("/imports/esr/", {"extract": upload([row(1)]), "snapshot_date": "31/03/2025"})
    assert response.status_code == 403
    assert client.post("/imports/esr/confirm/", {}).status_code == 403
    assert not Snapshot.objects.exists()


def test_admin_checks_then_confirms_an_import(client_for, admin_user, own_org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(admin_user)
    response = client.post("/imports/esr/", {"extract": upload([row(1), row(2)]), "snapshot_date": "31/03/2025"})
    page = response.content.decode()
    assert response.status_code == 200 and "Check the import of esr.csv" in page
    assert "Import 2 assignments" in page and not Snapshot.objects.exists()
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page).group(1)
    response = client.post(
        "/imports/esr/confirm/",
        {"token": token, "file_name": "esr.csv", "snapshot_date": "2025-03-31", "organisation": ""},
        follow=True,
    )
    assert "Imported 2 assignments on 31 March 2025 from esr.csv" in response.content.decode()
    snapshot = Snapshot.objects.get()
    assert snapshot.row_count == 2 and snapshot.import_batch.imported_by == admin_user
    # The import recomputed the year's metrics: the ICS, the place and the organisation.
    assert set(MetricResult.objects.filter(year=2025).values_list("scope_key", flat=True)) == {
        "ics",
        f"place:{own_org.place.slug}",
        f"organisation:{own_org.slug}",
    }
    assert not list((tmp_path / "esr-uploads").glob("*.csv"))  # the upload is not kept
    # Confirming again does nothing.
    again = client.post(
        "/imports/esr/confirm/",
        {"token": token, "file_name": "esr.csv", "snapshot_date": "2025-03-31", "organisation": ""},
        follow=True,
    )
    assert "already been imported or has expired" in again.content.decode()
    assert ImportBatch.objects.count() == 1
    assert "31 Mar 2025" in client.get("/imports/esr/").content.decode()


def test_invalid_rows_are_all_shown_and_cannot_be_confirmed(client_for, admin_user, own_org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(admin_user)
    rows = [row(1), row(2, Gender="Robot"), row(3, Pay_Band="Band 99")]
    response = client.post("/imports/esr/", {"extract": upload(rows), "snapshot_date": "31/03/2025"})
    page = response.content.decode()
    assert "esr.csv cannot be imported" in page and "There are 2 problems in the file" in page
    assert "Robot" in page and "Band 99" in page and "Gender is not a gender ESR records" in page
    assert 'name="token"' not in page
    assert not Snapshot.objects.exists() and not list((tmp_path / "esr-uploads").glob("*.csv"))


def test_a_file_that_cannot_be_read_is_an_error_on_the_form(client_for, admin_user, own_org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(admin_user)
    response = client.post(
        "/imports/esr/", {"extract": upload([], text="a;b;c\n1;2;3\n"), "snapshot_date": "31/03/2025"}
    )
    page = response.content.decode()
    assert "There is a problem" in page and "separated by semicolons" in page
    response = client.post("/imports/esr/", {"extract": upload([row(1)]), "snapshot_date": "2025-31-03"})
    assert "Enter the snapshot date as day/month/year" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_the_admin_import_export_flow_uses_the_import_service(client_for, admin_user, own_org):
    client = client_for(admin_user)
    url = "/admin/workforce/importbatch/import/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"resource": "0", "format": "0", "import_file": upload([row(1), row(2)]), "snapshot_date": "2025-03-31"}
    )
    page = response.content.decode()
    assert "2 assignments on 31 March 2025 are valid and ready to import" in page and not Snapshot.objects.exists()
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))
    response = client.post("/admin/workforce/importbatch/process_import/", fields, follow=True)
    assert "Imported 2 assignments on 31 March 2025" in response.content.decode()
    assert StaffRecord.objects.count() == 2
    assert MetricResult.objects.filter(scope_key=f"organisation:{own_org.slug}", year=2025).exists()


def test_the_admin_import_export_flow_lists_every_error(client_for, admin_user, own_org):
    client = client_for(admin_user)
    response = client.post(
        "/admin/workforce/importbatch/import/",
        {"resource": "0", "format": "0", "import_file": upload([row(1, FTE="9"), row(2, Gender="Robot")]),
         "snapshot_date": "2025-03-31"},
    )  # fmt: skip
    page = response.content.decode()
    assert "2 errors: nothing will be imported" in page and "is outside 0 to 2" in page
    assert "Confirm import" not in page and not Snapshot.objects.exists()


def test_non_admins_cannot_use_the_admin_import(client_for, lead_user):
    assert client_for(lead_user).get("/admin/workforce/importbatch/import/").status_code in (302, 403)


def test_admins_see_the_import_in_the_navigation_and_home_page(client_for, admin_user, lead_user):
    page = client_for(admin_user).get("/").content.decode()
    assert page.count('href="/imports/esr/"') == 2
    assert 'href="/imports/esr/"' not in client_for(lead_user).get("/").content.decode()
