"""The shape of a metric result as every output reads it: the contract between the metrics and the outputs.

`metric_set.as_plain_data` turns a computed metric set into JSON-ready data of the shape `MetricSetData`;
the import service stores it with the scope named for readers, and `workforce.selectors.results` reads it
back as `MetricResultData`. The catalogue, the dashboards, the board pack, the API and its OpenAPI document
(generated from these types) all read a result through these types, so a key renamed here fails the type
checker (`make typecheck`) wherever it is read, and a key renamed in the calculations but not here fails
`tests/workforce/metrics/test_results_contract.py`.

Keys that are data (groups such as "white" or "disabled", bands, organisations) are `dict[str, ...]` and
keep their order (bands lowest first, groups as listed); keys that are names are TypedDict fields. WRES and
WDES number their parts "1", "2", "4a_i" ..., so those two are declared in the functional syntax.
"""

from workforce.metrics.results.figures import BasisData, FigureData
from workforce.metrics.results.pay_gaps import (
    BandPayGapData,
    BonusData,
    GovUkColumnsData,
    PayGapData,
    PayGapFiguresData,
    PayGapsByBandData,
)
from workforce.metrics.results.population import (
    AgeProfileData,
    CharacteristicDeclarationData,
    DeclarationData,
    DeclarationRatesData,
    IntersectionCellData,
    IntersectionTableData,
    PopulationComparisonData,
    RepresentationData,
    RepresentationShareData,
)
from workforce.metrics.results.standards import (
    AccessingRatesData,
    AppointedRatesData,
    AppointmentLikelihoodData,
    BandCountsData,
    BandsData,
    BandTableData,
    BoardData,
    BoardMembersData,
    EnteringRatesData,
    FormalProcessLikelihoodData,
    LikelihoodData,
    LikelihoodPartData,
    SurveyPartData,
    SurveyResultData,
    TrainingLikelihoodData,
    VoicesData,
    WdesData,
    WdesDisabledSurveyData,
    WdesSurveyData,
    WorkforceShareData,
    WresData,
    WresSurveyData,
)
from workforce.metrics.results.whole import (
    ComputedScopeData,
    CoverageData,
    MetricFiguresData,
    MetricResultData,
    MetricSetData,
    ResultScopeData,
)

__all__ = [
    "FigureData",
    "BasisData",
    "BandCountsData",
    "BandTableData",
    "WorkforceShareData",
    "BandsData",
    "LikelihoodData",
    "AppointedRatesData",
    "EnteringRatesData",
    "AccessingRatesData",
    "AppointmentLikelihoodData",
    "FormalProcessLikelihoodData",
    "TrainingLikelihoodData",
    "LikelihoodPartData",
    "SurveyResultData",
    "WresSurveyData",
    "WdesSurveyData",
    "WdesDisabledSurveyData",
    "SurveyPartData",
    "VoicesData",
    "BoardMembersData",
    "BoardData",
    "WresData",
    "WdesData",
    "BonusData",
    "PayGapFiguresData",
    "GovUkColumnsData",
    "BandPayGapData",
    "PayGapsByBandData",
    "PayGapData",
    "PopulationComparisonData",
    "RepresentationShareData",
    "AgeProfileData",
    "RepresentationData",
    "DeclarationRatesData",
    "CharacteristicDeclarationData",
    "DeclarationData",
    "IntersectionCellData",
    "IntersectionTableData",
    "MetricFiguresData",
    "ComputedScopeData",
    "MetricSetData",
    "ResultScopeData",
    "CoverageData",
    "MetricResultData",
]
