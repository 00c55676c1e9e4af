"""An EDS 2022 assessment's scores, worked out from its ratings; never typed in.

The template's score card (NHS England's EDS reporting template, as copied by RDaSH, see
`objectives/data/eds2022.json`): "Score each outcome. Add the scores of all outcomes together. This will
provide you with your overall score, or your EDS organisation rating." Each outcome is rated 0 (Undeveloped
activity) to 3 (Excelling activity); the total of the eleven outcomes (0 to 33) earns the overall rating by the
template's bands: "under 8 ... undeveloped", "between 8 and 21 ... developing", "between 22 and 32 ...
achieving", "33 ... excelling" (corroborated by Leeds Teaching Hospitals: 21 Developing in 2023/24, 22 Achieving
in 2024/25).

Domain 1 is rated for each of several services. NHS England's rule for combining them could not be retrieved;
the portal's stated rule (`domain_1_outcome_score`) is the median of the services' ratings of each outcome. No
domain gets a word rating of its own: the bands are for the total across all domains only.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import median_low

from objectives.eds.framework import Band, Domain, Framework, framework

RATINGS = range(4)


def rating_check(score: int) -> int:
    """The score if it is an EDS rating (0, 1, 2 or 3); ValueError otherwise."""
    if isinstance(score, bool) or not isinstance(score, int) or score not in RATINGS:
        raise ValueError(f"An EDS rating is a whole number from 0 to 3, not {score!r}")
    return score


def domain_1_outcome_score(service_ratings: Sequence[int]) -> int:
    """One Domain 1 outcome's score: the median of the services' ratings of it.

    With an even number of services the lower of the two middle ratings is taken (`statistics.median_low`), so
    the score stays a whole number, which the template's bands ("between 8 and 21", "between 22 and 32") need:
    a total of 21.5 would have no band. The portal's rule: the guidance's could not be verified (AWP: "we follow
    the guidance of using the middle score (i.e median) out of the three service that are assessed").
    """
    if not service_ratings:
        raise ValueError("A Domain 1 outcome needs at least one service's rating")
    return median_low([rating_check(score) for score in service_ratings])


def median_of_service_totals(service_totals: Sequence[int]) -> int:
    """The median (the lower middle one for an even number) of the services' Domain 1 totals (each 0 to 12).

    AWP's method, which it says is the guidance's; shown beside the portal's outcome-by-outcome median for
    comparison only. It never feeds the total.
    """
    if not service_totals:
        raise ValueError("No services to take the median of")
    return median_low(service_totals)


def overall_band(total: int, *, eds: Framework | None = None) -> Band:
    """The overall rating a total score earns, by the template's bands (0-7, 8-21, 22-32, 33)."""
    eds = eds or framework()
    if isinstance(total, bool) or not isinstance(total, int):
        raise ValueError(f"An EDS total is a whole number, not {total!r}")
    for band in eds.bands:
        if band.lowest <= total <= band.highest:
            return band
    raise ValueError(f"An EDS total is from 0 to {eds.maximum}, not {total}")


@dataclass(frozen=True)
class OutcomeScore:
    code: str
    score: int | None  # None until it can be worked out
    service_ratings: tuple[int | None, ...] = ()  # Domain 1: each service's rating, in service order


@dataclass(frozen=True)
class DomainScore:
    domain: Domain
    outcomes: tuple[OutcomeScore, ...]

    @property
    def total(self) -> int | None:
        """The sum of the domain's outcome scores, once every one is known."""
        scores = [outcome.score for outcome in self.outcomes]
        return None if None in scores else sum(score for score in scores if score is not None)

    @property
    def maximum(self) -> int:
        return self.domain.maximum


@dataclass(frozen=True)
class ScoreCard:
    """Every score of an assessment: the outcomes', each domain's, the total and the overall rating."""

    domains: tuple[DomainScore, ...]
    service_count: int
    service_totals_median: int | None = None  # AWP's method, for comparison only
    missing: tuple[str, ...] = field(default=())  # why a score cannot be worked out yet

    @property
    def total(self) -> int | None:
        totals = [domain.total for domain in self.domains]
        return None if None in totals else sum(total for total in totals if total is not None)

    @property
    def band(self) -> Band | None:
        total = self.total
        return None if total is None else overall_band(total)

    @property
    def maximum(self) -> int:
        return sum(domain.maximum for domain in self.domains)

    def domain(self, number: int) -> DomainScore:
        return next(domain for domain in self.domains if domain.domain.number == number)

    def outcome(self, code: str) -> OutcomeScore:
        return next(outcome for domain in self.domains for outcome in domain.outcomes if outcome.code == code)


def score_card(
    *,
    services: Sequence[Mapping[str, int | None]],
    outcome_ratings: Mapping[str, int | None],
    eds: Framework | None = None,
) -> ScoreCard:
    """The assessment's scores from its ratings: `services` holds each Domain 1 service's ratings by outcome
    code (1A to 1D), `outcome_ratings` the Domain 2 and 3 ratings by code; a missing or None rating is not yet
    given.

    A Domain 1 outcome is scored once at least `minimum_services` services (three) have all rated it; a domain's
    total once all its outcomes are scored; the total and overall rating once every domain's total is known.
    """
    eds = eds or framework()
    missing: list[str] = []
    domain_scores = []
    for domain in eds.domains:
        if domain.number == 1:
            outcomes = tuple(
                _domain_1_outcome(outcome.code, services, eds.minimum_services, missing) for outcome in domain.outcomes
            )
        else:
            outcomes = tuple(_rated_outcome(outcome.code, outcome_ratings, missing) for outcome in domain.outcomes)
        domain_scores.append(DomainScore(domain, outcomes))
    return ScoreCard(
        domains=tuple(domain_scores),
        service_count=len(services),
        service_totals_median=_service_totals_median(services, eds),
        missing=tuple(missing),
    )


def _domain_1_outcome(code: str, services, minimum: int, missing: list[str]) -> OutcomeScore:
    ratings = tuple(service.get(code) for service in services)
    if len(services) < minimum:
        missing.append(f"{code}: Domain 1 needs at least {minimum} services ({len(services)} so far)")
        return OutcomeScore(code, None, ratings)
    if any(rating is None for rating in ratings):
        missing.append(f"{code}: not every service has rated it yet")
        return OutcomeScore(code, None, ratings)
    return OutcomeScore(code, domain_1_outcome_score([r for r in ratings if r is not None]), ratings)


def _rated_outcome(code: str, ratings: Mapping[str, int | None], missing: list[str]) -> OutcomeScore:
    score = ratings.get(code)
    if score is None:
        missing.append(f"{code}: not rated yet")
        return OutcomeScore(code, None)
    return OutcomeScore(code, rating_check(score))


def _service_totals_median(services, eds: Framework) -> int | None:
    codes = [outcome.code for outcome in eds.domain(1).outcomes]
    if len(services) < eds.minimum_services:
        return None
    totals = []
    for service in services:
        ratings = [service.get(code) for code in codes]
        if any(rating is None for rating in ratings):
            return None
        totals.append(sum(rating_check(r) for r in ratings if r is not None))
    return median_of_service_totals(totals)
