"""Services that change the plan: progress updates, rounds, priorities and items (accreditations: elsewhere)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from objectives.evidence import EvidenceUpload
from objectives.models import (
    Evidence,
    Level,
    Period,
    PlanItem,
    Priority,
    ProgressUpdate,
    ReportingRound,
    Status,
)
from objectives.selectors.items import item_detail
from objectives.services.items import plan_item_assign
from objectives.services.plan_load import admin_plan_permissions_grant
from objectives.services.priorities import priority_reinstate, priority_retire, priority_save
from objectives.services.progress import progress_update_correct, progress_update_create, progress_update_withdraw
from objectives.services.rounds import quarter_round_name, round_change, round_close, round_open
from tests.factories import make_organisation
from tests.objectives.factories import PDF_BYTES, make_round


def record(item, by, **overrides):
    fields = {"status": Status.AMBER, "percent_complete": 40, "narrative": "Sessions booked for March"}
    fields.update(overrides)
    return progress_update_create(item=item, by=by, **fields)


@pytest.mark.django_db
class TestRecordingProgress:
    def test_lead_records_an_update_with_links_and_a_file(self, lead_user, own_item, evidence_storage):
        reporting_round = make_round()
        update = record(
            own_item,
            lead_user,
            next_steps="Evaluate",
            links=["https://example.org/minutes"],
            files=[EvidenceUpload("Board paper.pdf", PDF_BYTES)],
        )
        assert update.round == reporting_round
        assert update.recorded_by == lead_user
        link, upload = update.evidence.order_by("pk")
        assert link.url == "https://example.org/minutes"
        assert upload.original_name == "Board paper.pdf"
        assert upload.content_type == "application/pdf"
        stored = Path(upload.file.path)
        assert stored.read_bytes() == PDF_BYTES
        assert stored.is_relative_to(evidence_storage)
        assert "Board paper" not in stored.name  # stored under a random name
        assert update.history.get().history_user == lead_user

    def test_current_status_is_the_latest_update(self, lead_user, own_item):
        record(own_item, lead_user, status=Status.RED, percent_complete=10)
        record(own_item, lead_user, status=Status.GREEN, percent_complete=60)
        item = item_detail(pk=own_item.pk)
        assert (item.current_status, item.current_percent) == (Status.GREEN, 60)

    def test_lead_cannot_record_on_another_organisations_item(self, lead_user, other_item):
        with pytest.raises(PermissionDenied):
            record(other_item, lead_user, files=[EvidenceUpload("x.pdf", PDF_BYTES)])
        assert not ProgressUpdate.objects.exists()
        assert not Evidence.objects.exists()

    def test_board_member_cannot_record(self, board_user, own_item):
        with pytest.raises(PermissionDenied):
            record(own_item, board_user)

    @pytest.mark.parametrize(
        "status, percent, field",
        [
            (Status.COMPLETE, 90, "percent_complete"),
            (Status.NOT_STARTED, 10, "percent_complete"),
            ("purple", 10, "status"),
        ],
    )
    def test_status_and_percent_must_agree(self, lead_user, own_item, status, percent, field):
        with pytest.raises(ValidationError) as error:
            record(own_item, lead_user, status=status, percent_complete=percent)
        assert field in error.value.message_dict
        assert not ProgressUpdate.objects.exists()

    def test_a_bad_file_stores_nothing_at_all(self, lead_user, own_item, evidence_storage):
        with pytest.raises(ValidationError, match="not a real PDF"):
            record(
                own_item,
                lead_user,
                links=["https://example.org"],
                files=[EvidenceUpload("ok.pdf", PDF_BYTES), EvidenceUpload("bad.pdf", b"<html>")],
            )
        assert not ProgressUpdate.objects.exists()
        assert not Evidence.objects.exists()
        assert not any(Path(evidence_storage).rglob("*.pdf"))

    def test_an_update_between_rounds_joins_the_next_round(self, admin_user, lead_user, own_item):
        update = record(own_item, lead_user)
        assert update.round is None
        new_round = round_open(by=admin_user, name="Q1", due_on=timezone.localdate())
        update.refresh_from_db()
        assert update.round == new_round
        assert update.history.first().history_change_reason == "Joined the new round"


@pytest.mark.django_db
class TestCorrectingAndWithdrawing:
    def test_correction_in_an_open_round_keeps_the_old_text_in_history(self, lead_user, own_item):
        make_round()
        update = record(own_item, lead_user, links=["https://example.org/old"])
        old_link = update.evidence.get()
        progress_update_correct(
            update=update,
            by=lead_user,
            status=Status.GREEN,
            percent_complete=50,
            narrative="Corrected text",
            add_links=["https://example.org/new"],
            remove_evidence=[old_link],
        )
        update.refresh_from_db()
        assert update.narrative == "Corrected text"
        assert list(update.evidence.values_list("url", flat=True)) == ["https://example.org/new"]
        old, new = update.history.order_by("history_date")
        assert (old.narrative, new.narrative) == ("Sessions booked for March", "Corrected text")
        assert Evidence.history.filter(id=old_link.pk, history_type="-").exists()

    def test_closing_the_round_freezes_its_updates(self, admin_user, lead_user, own_item):
        reporting_round = make_round()
        update = record(own_item, lead_user)
        round_close(reporting_round=reporting_round, by=admin_user)
        update.refresh_from_db()
        with pytest.raises(PermissionDenied):
            progress_update_correct(update=update, by=admin_user, status=Status.RED, percent_complete=1, narrative="x")
        with pytest.raises(PermissionDenied):
            progress_update_withdraw(update=update, by=lead_user)
        assert ProgressUpdate.objects.get().status == Status.AMBER

    def test_withdrawn_update_is_gone_but_kept_in_history(self, lead_user, own_item):
        update = record(own_item, lead_user, links=["https://example.org"])
        pk = update.pk
        progress_update_withdraw(update=update, by=lead_user)
        assert not ProgressUpdate.objects.filter(pk=pk).exists()
        removed = ProgressUpdate.history.get(id=pk, history_type="-")
        assert removed.history_user == lead_user
        assert removed.narrative == "Sessions booked for March"

    def test_other_lead_cannot_withdraw(self, lead_user, other_lead, own_item):
        update = record(own_item, lead_user)
        with pytest.raises(PermissionDenied):
            progress_update_withdraw(update=update, by=other_lead)
        assert ProgressUpdate.objects.filter(pk=update.pk).exists()


@pytest.mark.django_db
class TestRounds:
    def test_only_one_round_is_open_at_a_time(self, admin_user):
        round_open(by=admin_user, name="Q1", due_on=timezone.localdate())
        with pytest.raises(ValidationError, match="Close the open reporting round"):
            round_open(by=admin_user, name="Q2", due_on=timezone.localdate())
        assert ReportingRound.objects.count() == 1

    def test_due_date_cannot_be_in_the_past_and_names_are_unique(self, admin_user):
        with pytest.raises(ValidationError) as error:
            round_open(by=admin_user, name="Q1", due_on=timezone.localdate() - timedelta(days=1))
        assert "due_on" in error.value.message_dict
        make_round(name="Q1", is_open=False)
        with pytest.raises(ValidationError) as error:
            round_open(by=admin_user, name="q1", due_on=timezone.localdate())
        assert "name" in error.value.message_dict

    def test_leads_cannot_open_or_close_rounds(self, lead_user, ics_lead_user):
        with pytest.raises(PermissionDenied):
            round_open(by=ics_lead_user, name="Q1", due_on=timezone.localdate())
        reporting_round = make_round()
        with pytest.raises(PermissionDenied):
            round_close(reporting_round=reporting_round, by=lead_user)
        reporting_round.refresh_from_db()
        assert reporting_round.is_open

    def test_a_closed_round_cannot_close_again_or_change(self, admin_user):
        reporting_round = make_round()
        round_close(reporting_round=reporting_round, by=admin_user)
        assert reporting_round.closed_by == admin_user
        with pytest.raises(ValidationError):
            round_close(reporting_round=reporting_round, by=admin_user)
        with pytest.raises(ValidationError):
            round_change(reporting_round=reporting_round, by=admin_user, name="x", due_on=timezone.localdate())

    def test_due_date_can_be_moved_while_open(self, admin_user):
        reporting_round = make_round()
        later = timezone.localdate() + timedelta(days=40)
        round_change(reporting_round=reporting_round, by=admin_user, name="Quarter 1 2026/27", due_on=later)
        reporting_round.refresh_from_db()
        assert (reporting_round.name, reporting_round.due_on) == ("Quarter 1 2026/27", later)

    @pytest.mark.parametrize(
        "day, name",
        [("2026-04-01", "Quarter 1 2026/27"), ("2026-11-26", "Quarter 3 2026/27"), ("2027-03-31", "Quarter 4 2026/27")],
    )
    def test_round_names_follow_the_financial_year(self, day, name):
        from datetime import date

        assert quarter_round_name(day=date.fromisoformat(day)) == name


@pytest.mark.django_db
class TestPriorities:
    def test_admin_adds_an_organisation_priority_tracked_by_every_active_organisation(
        self, admin_user, own_org, other_org, objective
    ):
        make_organisation(name="Closed Trust", slug="closed", is_active=False)
        priority = priority_save(
            by=admin_user, level=Level.ORGANISATION, period=Period.YEARS_2_TO_5, title="New", objectives=[objective]
        )
        assert priority.code == "ORG-Y25-1"
        assert set(priority.items.values_list("organisation__slug", flat=True)) == {"own-trust", "other-trust"}
        again = priority_save(
            by=admin_user, level=Level.ORGANISATION, period=Period.YEARS_2_TO_5, title="Next", objectives=[objective]
        )
        assert again.code == "ORG-Y25-2"

    def test_ics_priority_is_owned_by_the_icb_unless_another_owner_is_chosen(self, admin_user, icb, own_org, objective):
        default = priority_save(by=admin_user, level=Level.ICS, period=Period.YEAR_1, title="A", objectives=[objective])
        assert [i.organisation for i in default.items.all()] == [icb]
        chosen = priority_save(
            by=admin_user, level=Level.ICS, period=Period.YEAR_1, title="B", objectives=[objective], ics_owner=own_org
        )
        assert [i.organisation for i in chosen.items.all()] == [own_org]

    def test_place_priority_is_tracked_by_each_place(self, admin_user, place, second_place, objective):
        priority = priority_save(
            by=admin_user, level=Level.PLACE, period=Period.YEAR_1, title="P", objectives=[objective]
        )
        assert set(priority.items.values_list("place__name", flat=True)) == {"Blackpool", "South Cumbria"}

    def test_unticking_an_organisation_stops_tracking_but_keeps_its_updates(
        self, admin_user, lead_user, own_org, other_org, objective
    ):
        priority = priority_save(
            by=admin_user, level=Level.ORGANISATION, period=Period.YEAR_1, title="T", objectives=[objective]
        )
        own = priority.items.get(organisation=own_org)
        record(own, lead_user)
        priority_save(
            by=admin_user,
            priority=priority,
            level=Level.ORGANISATION,
            period=Period.YEAR_1,
            title="T",
            objectives=[objective],
            organisations=[other_org],
        )
        own.refresh_from_db()
        assert not own.is_active
        assert own.updates.count() == 1
        assert own.history.first().history_user == admin_user

    def test_level_cannot_change_and_an_objective_is_required(self, admin_user, org_priority, objective):
        with pytest.raises(ValidationError) as error:
            priority_save(
                by=admin_user,
                priority=org_priority,
                level=Level.ICS,
                period=Period.YEAR_1,
                title="x",
                objectives=[objective],
            )
        assert "level" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            priority_save(by=admin_user, level=Level.ICS, period=Period.YEAR_1, title="x", objectives=[])
        assert "objectives" in error.value.message_dict
        assert Priority.objects.count() == 1

    def test_retiring_keeps_the_priority_and_stops_what_is_due(self, admin_user, own_item):
        priority = own_item.priority
        priority_retire(priority=priority, by=admin_user, reason="Merged into ORG-Y25-1")
        priority.refresh_from_db()
        assert priority.is_retired and priority.retired_on == timezone.localdate()
        assert not PlanItem.objects.tracked().filter(pk=own_item.pk).exists()
        priority_reinstate(priority=priority, by=admin_user)
        assert PlanItem.objects.tracked().filter(pk=own_item.pk).exists()

    def test_leads_cannot_change_the_plan(self, ics_lead_user, org_priority, objective):
        with pytest.raises(PermissionDenied):
            priority_save(by=ics_lead_user, level=Level.ICS, period=Period.YEAR_1, title="x", objectives=[objective])
        with pytest.raises(PermissionDenied):
            priority_retire(priority=org_priority, by=ics_lead_user, reason="x")
        assert Priority.objects.count() == 1

    def test_naming_an_items_lead(self, admin_user, lead_user, own_item, ics_item, own_org):
        plan_item_assign(item=own_item, by=admin_user, lead=lead_user)
        assert PlanItem.objects.get(pk=own_item.pk).lead == lead_user
        plan_item_assign(item=ics_item, by=admin_user, lead=None, organisation=own_org)
        assert PlanItem.objects.get(pk=ics_item.pk).organisation == own_org
        with pytest.raises(ValidationError):
            plan_item_assign(item=own_item, by=admin_user, lead=None, organisation=make_organisation())


@pytest.mark.django_db
def test_give_admins_plan_permissions_lets_the_admin_role_use_the_admin_site(admin_user):
    admin_plan_permissions_grant()
    admin_user = type(admin_user).objects.get(pk=admin_user.pk)
    assert admin_user.has_perm("objectives.change_priority")
    assert admin_user.has_perm("objectives.view_progressupdate")


@pytest.mark.django_db(transaction=True)
def test_withdrawn_or_removed_evidence_files_leave_storage(lead_user, own_item, evidence_storage):
    make_round()
    first = record(own_item, lead_user, files=[EvidenceUpload("a.pdf", PDF_BYTES)])
    second = record(own_item, lead_user, files=[EvidenceUpload("b.pdf", PDF_BYTES)])
    first_path, second_path = Path(first.evidence.get().file.path), Path(second.evidence.get().file.path)
    assert first_path.exists() and second_path.exists()
    progress_update_withdraw(update=first, by=lead_user)
    assert not first_path.exists()
    progress_update_correct(
        update=second,
        by=lead_user,
        status=Status.AMBER,
        percent_complete=40,
        narrative="x",
        remove_evidence=second.evidence.all(),
    )
    assert not second_path.exists()
