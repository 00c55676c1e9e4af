"""The ESR import pages (portal and Django admin): admins only, check first, confirm, and nothing on errors."""

import re
import stat

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.workforce.esr_files import csv_text, row
from workforce.models import ImportBatch, MetricResult, Snapshot, StaffRecord

pytestmark = pytest.mark.django_db

ADMIN_IMPORT = "/admin/workforce/importbatch/import/"
ADMIN_CONFIRM = "/admin/workforce/importbatch/process_import/"


@pytest.fixture
def uploads(settings, tmp_path):
    """The folder where both import pages keep an upload between its check and its confirmation."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path / "esr-uploads"


def upload(rows, name="esr.csv", text=None):
    return SimpleUploadedFile(name, (text or csv_text(rows)).encode(), content_type="text/csv")


def waiting(uploads):
    return list(uploads.glob("*")) if uploads.exists() else []


def admin_check(client, rows=None, text=None):
    """Upload a file on the admin's import page; return the page's text."""
    data = {"resource": "0", "format": "0", "import_file": upload(rows, text=text), "snapshot_date": "2025-03-31"}
    return client.post(ADMIN_IMPORT, data).content.decode()


def hidden_fields(page):
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page))


@pytest.mark.parametrize("who", ["lead_user", "board_user", "roleless_user"])
def test_only_admins_may_import(request, client_for, who, own_org):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/imports/esr/").status_code == 403
    response = client.post("/imports/esr/", {"extract": upload([row(1)]), "snapshot_date": "31/03/2025"})
    assert response.status_code == 403
    assert client.post("/imports/esr/confirm/", {}).status_code == 403
    assert not Snapshot.objects.exists()


def test_admin_checks_then_confirms_an_import(client_for, admin_user, own_org, uploads):
    client = client_for(admin_user)
    response = client.post("/imports/esr/", {"extract": upload([row(1), row(2)]), "snapshot_date": "31/03/2025"})
    page = response.content.decode()
    assert response.status_code == 200 and "Check the import of esr.csv" in page
    assert "Import 2 assignments" in page and not Snapshot.objects.exists()
    token = re.search(r'name="token" value="([0-9a-f]{32})"', page).group(1)
    assert [path.name for path in waiting(uploads)] == [f"{token}.csv"]
    assert stat.S_IMODE((uploads / f"{token}.csv").stat().st_mode) == 0o600
    response = client.post(
        "/imports/esr/confirm/",
        {"token": token, "file_name": "esr.csv", "snapshot_date": "2025-03-31", "organisation": ""},
        follow=True,
    )
    assert "Imported 2 assignments on 31 March 2025 from esr.csv" in response.content.decode()
    # The recomputation is a background job (run at once by the suite's queue), followed on the page.
    assert re.search(r'role="status"[^>]*>.*Equality metrics for 2024/25: done\.', response.content.decode(), re.S)
    snapshot = Snapshot.objects.get()
    assert snapshot.row_count == 2 and snapshot.import_batch.imported_by == admin_user
    # The import recomputed the year's metrics: the ICS, the place and the organisation.
    assert set(MetricResult.objects.filter(year=2025).values_list("scope_key", flat=True)) == {
        "ics",
        f"place:{own_org.place.slug}",
        f"organisation:{own_org.slug}",
    }
    assert not waiting(uploads)  # the upload is not kept
    # Confirming again does nothing.
    again = client.post(
        "/imports/esr/confirm/",
        {"token": token, "file_name": "esr.csv", "snapshot_date": "2025-03-31", "organisation": ""},
        follow=True,
    )
    assert "already been imported or has expired" in again.content.decode()
    assert ImportBatch.objects.count() == 1
    assert "31 Mar 2025" in client.get("/imports/esr/").content.decode()


def test_invalid_rows_are_all_shown_and_cannot_be_confirmed(client_for, admin_user, own_org, uploads):
    client = client_for(admin_user)
    rows = [row(1), row(2, Gender="Robot"), row(3, Pay_Band="Band 99")]
    response = client.post("/imports/esr/", {"extract": upload(rows), "snapshot_date": "31/03/2025"})
    page = response.content.decode()
    assert "esr.csv cannot be imported" in page and "There are 2 problems in the file" in page
    assert "Robot" in page and "Band 99" in page and "Gender is not a gender ESR records" in page
    assert 'name="token"' not in page
    assert not Snapshot.objects.exists() and not waiting(uploads)


def test_a_file_that_cannot_be_read_is_an_error_on_the_form(client_for, admin_user, own_org, uploads):
    client = client_for(admin_user)
    response = client.post(
        "/imports/esr/", {"extract": upload([], text="a;b;c\n1;2;3\n"), "snapshot_date": "31/03/2025"}
    )
    page = response.content.decode()
    assert "There is a problem" in page and "separated by semicolons" in page
    assert not waiting(uploads)
    response = client.post("/imports/esr/", {"extract": upload([row(1)]), "snapshot_date": "2025-31-03"})
    assert "Enter the snapshot date as day/month/year" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_a_file_already_imported_is_shown_as_such_and_not_kept(client_for, admin_user, own_org, uploads):
    client = client_for(admin_user)
    check = {"extract": upload([row(1)]), "snapshot_date": "31/03/2025"}
    client.post("/imports/esr/confirm/", hidden_fields(client.post("/imports/esr/", check).content.decode()))
    check = {"extract": upload([row(1)]), "snapshot_date": "31/03/2025"}
    page = client.post("/imports/esr/", check).content.decode()
    assert "esr.csv is already imported" in page and 'name="token"' not in page
    assert ImportBatch.objects.count() == 1 and not waiting(uploads)


def test_the_admin_import_export_flow_uses_the_import_service(client_for, admin_user, own_org, uploads):
    client = client_for(admin_user)
    assert client.get(ADMIN_IMPORT).status_code == 200
    page = admin_check(client, [row(1), row(2)])
    assert "2 assignments on 31 March 2025 are valid and ready to import" in page and not Snapshot.objects.exists()
    fields = hidden_fields(page)
    # The upload waits in the same private folder as the portal page's, named by its token, not in /tmp.
    assert [path.name for path in waiting(uploads)] == [f"{fields['import_file_name']}.csv"]
    assert stat.S_IMODE((uploads / f"{fields['import_file_name']}.csv").stat().st_mode) == 0o600
    response = client.post(ADMIN_CONFIRM, fields, follow=True)
    assert "Imported 2 assignments on 31 March 2025" in response.content.decode()
    assert StaffRecord.objects.count() == 2
    assert MetricResult.objects.filter(scope_key=f"organisation:{own_org.slug}", year=2025).exists()
    assert not waiting(uploads)
    # Confirming the same upload again imports nothing.
    response = client.post(ADMIN_CONFIRM, fields, follow=True)
    assert "could not be imported" in response.content.decode() and ImportBatch.objects.count() == 1


def test_the_admin_import_export_flow_lists_every_error(client_for, admin_user, own_org, uploads):
    page = admin_check(client_for(admin_user), [row(1, FTE="9"), row(2, Gender="Robot")])
    assert "2 errors: nothing will be imported" in page and "is outside 0 to 2" in page
    assert "Confirm import" not in page and not Snapshot.objects.exists() and not waiting(uploads)


def test_a_file_the_admin_import_rejects_is_not_kept(client_for, admin_user, own_org, uploads):
    page = admin_check(client_for(admin_user), text="a;b;c\n1;2;3\n")
    assert "The file cannot be imported" in page and "separated by semicolons" in page
    assert "Confirm import" not in page and not waiting(uploads)


def test_the_admin_import_does_not_offer_to_import_a_file_again(client_for, admin_user, own_org, uploads):
    client = client_for(admin_user)
    client.post(ADMIN_CONFIRM, hidden_fields(admin_check(client, [row(1)])))
    page = admin_check(client, [row(1)])
    assert "already imported for 31 March 2025: importing it again changes nothing" in page
    assert "Confirm import" not in page and not waiting(uploads) and ImportBatch.objects.count() == 1


def test_the_admin_confirm_reads_no_file_but_an_upload(client_for, admin_user, own_org, uploads):
    fields = hidden_fields(admin_check(client_for(admin_user), [row(1)]))
    forged = fields | {"import_file_name": "passwd", "original_file_name": "passwd"}
    response = client_for(admin_user).post(ADMIN_CONFIRM, forged, follow=True)
    assert "could not be imported" in response.content.decode() and not Snapshot.objects.exists()


def test_non_admins_cannot_use_the_admin_import(client_for, lead_user):
    assert client_for(lead_user).get("/admin/workforce/importbatch/import/").status_code in (302, 403)


def test_admins_see_the_import_in_the_navigation_and_home_page(client_for, admin_user, lead_user):
    page = client_for(admin_user).get("/").content.decode()
    assert page.count('href="/imports/esr/"') == 2
    assert 'href="/imports/esr/"' not in client_for(lead_user).get("/").content.decode()
