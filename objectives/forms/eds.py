"""The pages of an EDS 2022 assessment: starting one, its details, its Domain 1 services, the ratings and
evidence of its outcomes, the peer reviewer's ratings, its action plan, and the board's approval and publication.
The services check the rules of the data; these forms check what was typed."""

from django import forms

from objectives.eds.framework import framework, outcome_choices, rating_choices
from objectives.forms.evidence import EvidenceForm
from objectives.forms.fields import DateInputField
from objectives.models import EdsAssessment, Priority, Status
from objectives.models.eds import PARTICIPANT_FIELDS
from objectives.models.progress import STATUS_MEANINGS

GROUPS_HINT = "The names of groups, one on each line: never the names of patients or members of the public."


class StartAssessmentForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Reporting year",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reporting year"},
    )

    def __init__(self, *args, years: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = years


def _text(label: str, *, rows: int = 3, missing: str = "", max_length: int = 2000, help_text: str = ""):
    """A text box; required when `missing` says what to do when it is left empty (the service's words)."""
    return forms.CharField(
        label=label,
        required=bool(missing),
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": missing},
    )


class PeerReviewerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        organisations = ", ".join(m.organisation.display_short_name for m in obj.memberships.all())
        return f"{obj.get_full_name() or obj.get_username()} ({organisations})"


class AssessmentDetailsForm(forms.Form):
    lead_name = forms.CharField(
        label="Assessment lead",
        max_length=200,
        required=False,
        help_text="The name and job title of the person who leads the assessment",
    )
    reviewed_on = DateInputField(label="Date of the review", required=False, help_text="For example 14 2 2025")
    staff_networks = _text("Staff networks", help_text=GROUPS_HINT)
    patient_groups = _text("Patient and community groups", help_text=GROUPS_HINT)
    partners = _text("Community and voluntary partners", help_text=GROUPS_HINT)
    other_participants = _text(
        "Others who took part", help_text="For example trade unions or Healthwatch. " + GROUPS_HINT
    )
    peer_reviewers = PeerReviewerChoiceField(
        label="Peer reviewers from another organisation",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="EDI leads of other organisations in the ICS. A peer reviewer can rate beside you and completes "
        "the peer review.",
    )

    def __init__(self, *args, assessment: EdsAssessment, reviewers, **kwargs):
        fields = ("lead_name", "reviewed_on", *PARTICIPANT_FIELDS)
        initial = {name: getattr(assessment, name) for name in fields}
        initial["peer_reviewers"] = list(assessment.peer_reviewers.all())
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.fields["peer_reviewers"].queryset = reviewers


class ServiceForm(forms.Form):
    name = forms.CharField(
        label="Name of the service", max_length=200, error_messages={"required": "Enter the name of the service"}
    )
    why_chosen = _text("Why it was chosen", rows=4, missing="Say why this service was chosen")
    protected_groups = forms.MultipleChoiceField(
        label="Groups of people the assessment looked at",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The protected characteristics of the Equality Act 2010, and health inclusion groups",
    )
    other_groups = forms.CharField(label="Other groups it looked at", max_length=300, required=False)

    def __init__(self, *args, service=None, **kwargs):
        if service is not None:
            kwargs.setdefault(
                "initial",
                {name: getattr(service, name) for name in ("name", "why_chosen", "protected_groups", "other_groups")},
            )
        super().__init__(*args, **kwargs)
        self.fields["protected_groups"].choices = [(g.code, g.label) for g in framework().protected_groups]

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class RatingForm(EvidenceForm):
    score = forms.TypedChoiceField(
        label="Rating",
        coerce=int,
        choices=rating_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating", "invalid_choice": "Choose a rating"},
    )
    evidence = _text(
        "Evidence summary",
        rows=6,
        missing="Summarise the evidence for the rating",
        max_length=5000,
        help_text="What shows how well the outcome is met, and for whom",
    )
    owner = forms.CharField(label="Owner (department or lead)", max_length=200, required=False)
    field_order = ["score", "evidence", "owner"]

    def __init__(self, *args, rating, **kwargs):
        kwargs.setdefault("initial", {"score": rating.rating, "evidence": rating.evidence, "owner": rating.owner})
        super().__init__(*args, existing=rating.evidence_items.all(), **kwargs)
        self.fields[
            "evidence_links"
        ].help_text = "Web addresses of reports, audits or pages that show it. One on each line."

    @property
    def rating_hints(self) -> dict[int, str]:
        return {rating.score: rating.template_text for rating in framework().ratings}

    def rating_fields(self) -> dict:
        data = self.cleaned_data
        return {"score": data["score"], "evidence": data["evidence"], "owner": data["owner"], **self.evidence_changes()}


class PeerRatingForm(forms.Form):
    peer_rating = forms.TypedChoiceField(
        label="Your rating",
        coerce=int,
        empty_value=None,
        required=False,
        choices=rating_choices,
        widget=forms.RadioSelect,
    )
    comment = _text("Your comment", rows=4, max_length=3000)

    def __init__(self, *args, rating, **kwargs):
        kwargs.setdefault("initial", {"peer_rating": rating.peer_rating, "comment": rating.peer_comment})
        super().__init__(*args, **kwargs)


class PeerReviewCompleteForm(forms.Form):
    summary = _text("Summary of the peer review", rows=6, missing="Summarise the peer review", max_length=5000)


class ReturnToDraftForm(forms.Form):
    reason = _text("Why it goes back to draft", rows=3, missing="Say why it goes back to draft", max_length=1000)


class ApproveForm(forms.Form):
    approved_on = DateInputField(
        label="Date the board approved it",
        error_messages={
            "required": "Enter the date the board approved it",
            "incomplete": "Enter the date the board approved it",
        },
    )
    body = forms.CharField(
        label="Board or committee that approved it",
        max_length=200,
        help_text="For example: Trust Board, or People and Culture Committee",
        error_messages={"required": "Name the board or committee that approved it"},
    )


class PublishForm(forms.Form):
    published_on = DateInputField(
        label="Date published",
        error_messages={"required": "Enter the date it was published", "incomplete": "Enter the date it was published"},
    )
    url = forms.URLField(
        label="Where it is published",
        max_length=500,
        assume_scheme="https",
        help_text="The web address of the summary report on the organisation's website",
        error_messages={"required": "Enter the web address where it is published"},
    )


class PriorityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code}: {obj.title}"


class ActionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome", choices=outcome_choices, error_messages={"required": "Choose the outcome the action improves"}
    )
    action = _text("Action", rows=4, missing="Describe the action")
    owner = forms.CharField(label="Owner", max_length=200, error_messages={"required": "Name the action's owner"})
    due_on = DateInputField(
        label="Due date",
        error_messages={
            "required": "Enter the date the action is due",
            "incomplete": "Enter the date the action is due",
        },
    )
    status = forms.ChoiceField(choices=Status.choices, widget=forms.RadioSelect, initial=Status.NOT_STARTED)
    priority = PriorityChoiceField(
        label="Belonging Plan priority it delivers",
        queryset=Priority.objects.current().order_by("code"),
        required=False,
        empty_label="None",
        help_text="Linked, the action is listed on the priority's page too: the plan and the EDS actions are one list",
    )
    status_meanings = STATUS_MEANINGS

    def __init__(self, *args, action=None, **kwargs):
        if action is not None:
            kwargs.setdefault(
                "initial",
                {
                    "outcome": action.outcome,
                    "action": action.action,
                    "owner": action.owner,
                    "due_on": action.due_on,
                    "status": action.status,
                    "priority": action.priority,
                },
            )
        super().__init__(*args, **kwargs)

    def action_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "text": data["action"],
            "owner": data["owner"],
            "due_on": data["due_on"],
            "status": data["status"],
            "priority": data["priority"],
        }


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Status.choices, widget=forms.RadioSelect, error_messages={"required": "Select the status"}
    )
    status_meanings = STATUS_MEANINGS
