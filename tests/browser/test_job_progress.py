"""A background job's progress on the page that shows it: the status line follows the job without a reload,
is a polite live region, and the page stays free of WCAG 2.2 A/AA violations."""

import pytest
from playwright.sync_api import expect

from jobs.models import Job
from organisations.permissions import Role
from organisations.services.reference_data import reference_data_load
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_follows_a_board_pack_build_until_it_is_done(page):
    reference_data_load()
    board_member = make_user(Role.BOARD_MEMBER)
    job = Job.objects.create(kind=Job.Kind.BOARD_PACKS, label="Board packs", status=Job.Status.RUNNING, percent=40)
    sign_in(page, board_member.email)
    page.goto("/dashboards/")
    status = page.get_by_role("status").filter(has_text="Board packs")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text("Board packs: running, 40% done.")
    expect(status.locator("progress")).to_have_attribute("value", "40")
    assert_accessible(page)

    Job.objects.filter(pk=job.pk).update(percent=75)
    expect(status).to_contain_text("Board packs: running, 75% done.")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.DONE, percent=100, outcome="12 board packs built in 9.0 s.")
    expect(status).to_contain_text("Board packs: done. 12 board packs built in 9.0 s.")
    expect(status.locator("progress")).to_be_hidden()
