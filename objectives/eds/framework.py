"""The EDS 2022 framework as the portal uses it: three domains, eleven outcomes, four ratings and the overall bands.

Read once from `objectives/data/eds2022.json`, which quotes its sources (copies of NHS England's reporting
template and published EDS 2022 reports; NHS England's own guidance could not be retrieved, see the README's
"Equality Delivery System" section). Everything else reads the framework from here.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FRAMEWORK_DATA = Path(__file__).resolve().parent.parent / "data" / "eds2022.json"


@dataclass(frozen=True)
class Outcome:
    code: str  # "1A" ... "3C"
    text: str
    domain_number: int
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Domain:
    number: int
    name: str
    objective: int  # the ICB equality objective this domain measures
    outcomes: tuple[Outcome, ...]

    @property
    def title(self) -> str:
        return f"Domain {self.number}: {self.name}"

    @property
    def maximum(self) -> int:
        """The most a domain can score: three (Excelling) for each of its outcomes."""
        return 3 * len(self.outcomes)


@dataclass(frozen=True)
class Rating:
    score: int  # 0 to 3
    name: str  # "Undeveloped activity" ...
    template_text: str

    @property
    def short_name(self) -> str:
        """ "Achieving" for "Achieving activity"."""
        return self.name.removesuffix(" activity")


@dataclass(frozen=True)
class Band:
    """An overall rating and the total scores that earn it, e.g. Developing for 8 to 21."""

    rating: Rating
    lowest: int
    highest: int
    template_text: str


@dataclass(frozen=True)
class ProtectedGroup:
    code: str
    label: str


@dataclass(frozen=True)
class Framework:
    domains: tuple[Domain, ...]
    ratings: tuple[Rating, ...]
    bands: tuple[Band, ...]
    minimum_services: int
    domain_1_rule: str
    domain_1_rule_source: str
    minimum_services_source: str
    protected_groups: tuple[ProtectedGroup, ...]
    sources: dict[str, str]
    unverified: tuple[str, ...]

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        return tuple(outcome for domain in self.domains for outcome in domain.outcomes)

    @property
    def maximum(self) -> int:
        return sum(domain.maximum for domain in self.domains)

    def domain(self, number: int) -> Domain:
        return next(domain for domain in self.domains if domain.number == number)

    def outcome(self, code: str) -> Outcome:
        return next(outcome for outcome in self.outcomes if outcome.code == code)

    def rating(self, score: int) -> Rating:
        return self.ratings[score]

    def domain_for_objective(self, objective_number: int) -> Domain | None:
        return next((domain for domain in self.domains if domain.objective == objective_number), None)


@cache
def framework() -> Framework:
    """The EDS 2022 framework, read from its data file once per process."""
    data = json.loads(FRAMEWORK_DATA.read_text(encoding="utf-8"))
    ratings = tuple(Rating(row["score"], row["name"], row["template_text"]) for row in data["ratings"])
    domains = tuple(
        Domain(
            number=row["number"],
            name=row["name"],
            objective=row["objective"],
            outcomes=tuple(
                Outcome(outcome["code"], outcome["text"], row["number"], tuple(outcome["sources"]))
                for outcome in row["outcomes"]
            ),
        )
        for row in data["domains"]
    )
    bands = tuple(
        Band(ratings[row["rating"]], row["lowest"], row["highest"], row["template_text"])
        for row in data["overall_bands"]
    )
    return Framework(
        domains=domains,
        ratings=ratings,
        bands=bands,
        minimum_services=data["domain_1"]["minimum_services"],
        domain_1_rule=data["domain_1"]["rule"],
        domain_1_rule_source=data["domain_1"]["rule_source"],
        minimum_services_source=data["domain_1"]["minimum_services_source"],
        protected_groups=tuple(ProtectedGroup(row["code"], row["label"]) for row in data["protected_groups"]),
        sources=data["_sources"],
        unverified=tuple(data["unverified"]),
    )


def outcome_choices() -> list[tuple[str, str]]:
    """(code, "1A: Patients (service users) have ...") for every outcome, for model and form choices."""
    return [(outcome.code, f"{outcome.code}: {outcome.text}") for outcome in framework().outcomes]


def rating_choices() -> list[tuple[int, str]]:
    """(score, "Achieving activity (2)") for the four ratings, lowest first."""
    return [(rating.score, f"{rating.name} ({rating.score})") for rating in framework().ratings]
