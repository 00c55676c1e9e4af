"""The EDS 2022 pages through the client: what each role reads, what each may change (a forged post from anyone
else answers 403 and stores nothing), and the assessment, overview, objective, priority and accreditation pages."""

from datetime import date

import pytest
from django.urls import reverse

from objectives.models import EdsAssessment, EdsRating, EdsStatus, EqualityStandard, OrganisationAccreditation
from objectives.services.eds_actions import eds_action_save
from organisations.models import Organisation
from tests.factories import make_organisation
from tests.objectives.eds_helpers import all_rated, eds_approved, eds_draft
from tests.objectives.factories import make_objective

pytestmark = pytest.mark.django_db


def url(name, assessment, *args):
    return reverse(f"objectives:{name}", args=[assessment.organisation.slug, assessment.year, *args])


@pytest.fixture
def draft(own_org, lead_user, other_lead):
    return eds_draft(
        own_org,
        lead_user,
        reviewers=[other_lead],
        services=[(3, 2, 1, 0), (1, 2, 3, 0), (2, 0, 2, 3)],
        ratings=all_rated(1),
    )


def rating_post(score=3):
    return {"score": str(score), "evidence": "Forged evidence", "owner": "Nobody"}


def test_the_assessment_page_shows_scores_worked_out_the_rule_and_ratings_in_words(client_for, board_user, draft):
    html = client_for(board_user).get(draft.get_absolute_url()).content.decode()
    assert "draft, not approved by the board" in html
    assert "Domain 1: Commissioned or provided services" in html and "6 of 12" in html  # medians 2, 2, 2, 0
    assert "4 of 12" in html and "3 of 9" in html and "13 of 33" in html
    assert "Developing activity" in html  # 13 is between 8 and 21
    assert "median of the services" in html and "could not be checked" in html
    assert "Excelling activity (3)" in html and "Undeveloped activity (0)" in html
    assert "1B: Individual patients (service user’s) health needs are met" in html
    assert "Healthwatch Blackpool" in html and "Race Equality Network" in html
    assert "Change the rating" not in html and "Who and when" not in html  # a board member reads only


def test_the_lead_fills_in_a_rating_through_the_page(client_for, lead_user, draft):
    rating = draft.ratings.get(outcome="3B")
    client = client_for(lead_user)
    assert "Change the rating" in client.get(draft.get_absolute_url()).content.decode()
    response = client.post(
        url("eds_rating_edit", draft, rating.pk),
        {
            "score": "2",
            "evidence": "Every paper has an EHIA",
            "owner": "Company Secretary",
            "evidence_links": "https://example.org/papers",
        },
    )
    assert response.status_code == 302
    rating.refresh_from_db()
    assert (rating.rating, rating.evidence, rating.owner) == (2, "Every paper has an EHIA", "Company Secretary")
    assert rating.evidence_items.get().url == "https://example.org/papers"


def test_a_bad_rating_says_what_to_fix_and_stores_nothing(client_for, lead_user, draft):
    rating = draft.ratings.get(outcome="3B")
    response = client_for(lead_user).post(url("eds_rating_edit", draft, rating.pk), {"score": "7", "evidence": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "Choose a rating" in html and "Summarise the evidence for the rating" in html
    rating.refresh_from_db()
    assert rating.rating == 1


@pytest.mark.parametrize("who", ["lead_of_another_organisation", "peer_reviewer", "board_member"])
def test_others_are_refused_every_change_of_a_draft_with_403_and_nothing_stored(
    client_for, draft, who, other_lead, board_user, other_org
):
    from organisations.permissions import Role
    from tests.factories import make_user

    user = {
        "lead_of_another_organisation": make_user(Role.EDI_LEAD, organisations=[other_org]),
        "peer_reviewer": other_lead,
        "board_member": board_user,
    }[who]
    client = client_for(user)
    rating, service = draft.ratings.get(outcome="2A"), draft.services.first()
    posts = [
        (url("eds_rating_edit", draft, rating.pk), rating_post()),
        (url("eds_details", draft), {"lead_name": "Forged"}),
        (url("eds_service_add", draft), {"name": "Forged", "why_chosen": "x", "protected_groups": ["age"]}),
        (url("eds_service_remove", draft, service.pk), {}),
        (url("eds_action_add", draft), {"outcome": "1A", "action": "x", "owner": "y"}),
        (url("eds_approve", draft), {"approved_on_0": "1", "approved_on_1": "2", "approved_on_2": "2025", "body": "x"}),
        (reverse("objectives:eds_start", args=[draft.organisation.slug]), {"year": "2024"}),
    ]
    for address, data in posts:
        assert client.post(address, data).status_code == 403, address
    draft.refresh_from_db()
    rating.refresh_from_db()
    assert draft.lead_name == "Head of EDI" and rating.rating == 1 and rating.evidence == "Staff survey"
    assert draft.services.count() == 3 and not draft.actions.exists()
    assert EdsAssessment.objects.count() == 1 and draft.status == EdsStatus.DRAFT


def test_the_peer_reviewer_rates_beside_and_completes_through_the_pages(client_for, draft, other_lead, lead_user):
    rating = draft.ratings.get(outcome="2C")
    reviewer = client_for(other_lead)
    page = reviewer.get(draft.get_absolute_url()).content.decode()
    assert "You are one of its peer reviewers" in page and "Peer rating" in page
    response = reviewer.post(url("eds_peer_rating", draft, rating.pk), {"peer_rating": "0", "comment": "No service"})
    assert response.status_code == 302
    rating.refresh_from_db()
    assert (rating.rating, rating.peer_rating, rating.peer_comment) == (1, 0, "No service")
    html = reviewer.get(draft.get_absolute_url()).content.decode()
    assert "No service" in html
    assert client_for(lead_user).post(url("eds_peer_rating", draft, rating.pk), {"peer_rating": "3"}).status_code == 403
    reviewer = client_for(other_lead)
    assert reviewer.post(url("eds_peer_review", draft), {"summary": "Sound evidence"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == EdsStatus.PEER_REVIEWED


def test_an_approved_assessment_refuses_changes_from_its_own_lead_and_admins(
    client_for, own_org, lead_user, other_lead, admin_user
):
    assessment = eds_approved(own_org, lead_user, other_lead, admin_user)
    rating = assessment.ratings.get(outcome="1A", service__name="Maternity services")
    for user in (lead_user, admin_user):
        client = client_for(user)
        assert client.get(url("eds_rating_edit", assessment, rating.pk)).status_code == 403
        assert client.post(url("eds_rating_edit", assessment, rating.pk), rating_post(0)).status_code == 403
        assert client.post(url("eds_service_add", assessment), {"name": "x"}).status_code == 403
    rating.refresh_from_db()
    assert rating.rating == 2
    html = client_for(lead_user).get(assessment.get_absolute_url()).content.decode()
    assert "Approved by Trust Board on 10 February 2025" in html and "Change the rating" not in html


def test_an_admin_records_approval_and_publication_through_the_pages(client_for, draft, other_lead, admin_user):
    from objectives.services.eds_assessments import eds_peer_review_complete

    eds_peer_review_complete(assessment=draft, by=other_lead, summary="ok", on=date(2025, 2, 1))
    admin = client_for(admin_user)
    data = {"approved_on_0": "12", "approved_on_1": "2", "approved_on_2": "2025", "body": "Trust Board"}
    assert admin.post(url("eds_approve", draft), data).status_code == 302
    data = {"published_on_0": "28", "published_on_1": "2", "published_on_2": "2025", "url": "https://example.org/eds"}
    assert admin.post(url("eds_publish", draft), data).status_code == 302
    draft.refresh_from_db()
    assert (draft.status, draft.approved_on, draft.published_url) == (
        EdsStatus.PUBLISHED,
        date(2025, 2, 12),
        "https://example.org/eds",
    )


def test_the_overview_compares_approved_scores_and_never_shows_a_drafts(
    client_for, board_user, own_org, other_org, lead_user, other_lead, admin_user, draft
):
    eds_approved(other_org, other_lead, lead_user, admin_user, ratings=all_rated(3), publish=True)
    html = client_for(board_user).get(reverse("objectives:eds_overview")).content.decode()
    other_row = html.split(other_org.name, 1)[1].split("</tr>")[0]
    assert "8 of 12" in other_row and "12 of 12" in other_row and "9 of 9" in other_row and "29 of 33" in other_row
    assert "Achieving activity" in other_row and "Published" in other_row
    own_row = html.split(own_org.name, 1)[1].split("</tr>")[0]
    assert "13 of 33" not in own_row and "Not approved yet" in own_row and "Draft" in own_row


def test_the_objective_page_shows_its_eds_domain_beside_the_plan(
    client_for, board_user, own_org, lead_user, other_lead, admin_user, objective
):
    make_objective(3)
    eds_approved(own_org, lead_user, other_lead, admin_user, ratings={**all_rated(2), "3C": 0})
    html = client_for(board_user).get(reverse("objectives:objective_detail", args=[3])).content.decode()
    assert "Domain 3: Inclusive leadership" in html and "4 of 9" in html and "3A: 2; 3B: 2; 3C: 0" in html


def test_the_priority_page_lists_the_eds_actions_delivering_it(client_for, board_user, draft, lead_user, org_priority):
    eds_action_save(
        assessment=draft,
        by=lead_user,
        outcome="2B",
        text="Zero tolerance campaign",
        owner="HR",
        due_on=date(2026, 3, 31),
        priority=org_priority,
    )
    html = client_for(board_user).get(org_priority.get_absolute_url()).content.decode()
    section = html.split("EDS 2022 actions delivering this priority")[1]
    assert "Zero tolerance campaign" in section and "Not started" in section
    assert f"{draft.organisation.display_short_name}, 2024/25" in section


def test_the_accreditations_show_the_latest_approved_assessment_and_the_old_record_leads_to_it(
    client_for, board_user, own_org, lead_user, other_lead, admin_user
):
    council = make_organisation(name="A Council", kind=Organisation.Kind.COUNCIL, ods_code=None)
    eds_approved(own_org, lead_user, other_lead, admin_user)
    client = client_for(board_user)
    html = client.get(reverse("objectives:accreditation_overview")).content.decode()
    assert "EDS 2022 (latest approved assessment)" in html
    assert "22 of 33" in html.split(own_org.name, 1)[1].split("</tr>")[0]
    assert "Does not take part" in html.split(council.name, 1)[1].split("</tr>")[0]
    old = client.get(reverse("objectives:accreditation_detail", args=[own_org.slug, "eds-2022"]))
    assert old.status_code == 302 and old["Location"] == reverse("objectives:eds_organisation", args=[own_org.slug])


def test_an_eds_record_made_as_an_accreditation_is_kept_on_the_organisations_eds_page(client_for, board_user, own_org):
    standard = EqualityStandard.objects.create(
        slug="eds-2022", name="EDS 2022", short_name="EDS 2022", kind=EqualityStandard.Kind.ASSESSMENT
    )
    OrganisationAccreditation.objects.create(organisation=own_org, standard=standard, status="held", notes="Old note")
    html = client_for(board_user).get(reverse("objectives:eds_organisation", args=[own_org.slug])).content.decode()
    assert "Recorded before assessments were kept here" in html and "Old note" in html


def test_evidence_files_are_downloaded_only_by_signed_in_users_with_a_role(
    client, client_for, board_user, lead_user, draft, roleless_user
):
    from objectives.evidence import EvidenceUpload
    from objectives.services.eds_ratings import eds_rating_save
    from tests.objectives.factories import PDF_BYTES

    rating = draft.ratings.get(outcome="2A")
    eds_rating_save(rating=rating, by=lead_user, score=2, evidence="x", add_files=[EvidenceUpload("s.pdf", PDF_BYTES)])
    address = rating.evidence_items.get().get_absolute_url()
    assert client.get(address).status_code == 302  # to sign in
    assert client_for(roleless_user).get(address).status_code == 403
    response = client_for(board_user).get(address)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert response["Cache-Control"] == "private, no-store" and "attachment" in response["Content-Disposition"]


def test_a_council_has_no_eds_pages(client_for, board_user):
    council = make_organisation(kind=Organisation.Kind.COUNCIL, ods_code=None)
    assert client_for(board_user).get(reverse("objectives:eds_organisation", args=[council.slug])).status_code == 404


def test_rating_rows_are_reached_only_through_their_own_assessment(client_for, lead_user, draft, other_org, other_lead):
    theirs = eds_draft(other_org, other_lead)
    their_rating = theirs.ratings.get(outcome="2A")
    response = client_for(lead_user).post(url("eds_rating_edit", draft, their_rating.pk), rating_post())
    assert response.status_code == 404
    assert EdsRating.objects.get(pk=their_rating.pk).rating is None


def _organisation_with_lead():
    from organisations.permissions import Role
    from tests.factories import make_user

    organisation = make_organisation()
    return organisation, make_user(Role.EDI_LEAD, organisations=[organisation])


def test_the_assessment_and_overview_pages_make_as_many_queries_whatever_their_size(
    client_for, board_user, own_org, lead_user, other_lead, admin_user, django_assert_max_num_queries
):
    from objectives.evidence import EvidenceUpload
    from objectives.services.eds_ratings import eds_rating_save
    from tests.objectives.factories import PDF_BYTES

    assessment = eds_draft(own_org, lead_user, reviewers=[other_lead], services=[(1, 1, 1, 1)] * 3, ratings=all_rated())
    pages = {"assessment": assessment.get_absolute_url(), "overview": reverse("objectives:eds_overview")}
    client = client_for(board_user)
    counts = {}
    for name, address in pages.items():
        client.get(address)
        with django_assert_max_num_queries(60) as captured:
            client.get(address)
        counts[name] = len(captured.captured_queries)
    # More services, evidence, organisations and approved assessments: not one query more.
    eds_draft(*_organisation_with_lead(), services=[(2, 2, 2, 2)] * 4, ratings=all_rated())
    eds_approved(*_organisation_with_lead(), other_lead, admin_user)
    from objectives.services.eds_ratings import eds_service_save

    eds_service_save(assessment=assessment, by=lead_user, name="Fourth", why_chosen="x", protected_groups=["age"])
    for rating in assessment.ratings.all()[:6]:
        eds_rating_save(
            rating=rating,
            by=lead_user,
            score=2,
            evidence="More",
            add_links=["https://example.org/a"],
            add_files=[EvidenceUpload("a.pdf", PDF_BYTES)],
        )
    for name, address in pages.items():
        with django_assert_max_num_queries(counts[name]):
            client.get(address)
