"""Declaration rates: who has not stated each characteristic, by hand-counted staff."""

import pytest

from workforce.metrics.declaration import declaration_rates, is_not_stated

from .helpers import member, people


@pytest.mark.parametrize(
    "characteristic, not_stated, stated",
    [
        ("ethnicity", {"ethnic_group": "unknown"}, {"ethnic_group": "bme"}),
        ("disability", {"disability_group": "unknown"}, {"disability_group": "disabled"}),
        ("sexual_orientation", {"sexual_orientation_declared": False}, {"sexual_orientation_declared": True}),
        ("religion", {"religion_declared": False}, {"religion_declared": True}),
    ],
)
def test_a_characteristic_is_not_stated_only_when_unknown_or_undeclared(characteristic, not_stated, stated):
    assert is_not_stated(member(**not_stated), characteristic) is True
    assert is_not_stated(member(**stated), characteristic) is False


def test_an_unknown_characteristic_is_an_error():
    with pytest.raises(ValueError):
        is_not_stated(member(), "shoe size")


def test_declaration_rates_count_people_who_have_not_stated_each_characteristic():
    # 30 people: 10 have not stated their sexual orientation, 8 their religion, 9 their ethnicity.
    staff = people(10, sexual_orientation_declared=False) + people(8, religion_declared=False)
    staff += people(9, ethnic_group="unknown") + people(3)
    rates = declaration_rates(staff)
    assert rates["sexual_orientation"]["overall"]["not_stated"].value == 10
    assert rates["sexual_orientation"]["overall"]["declared"].value == 20
    assert rates["sexual_orientation"]["overall"]["percent_not_stated"].value == 33.3
    assert rates["religion"]["overall"]["not_stated"].value == 8
    assert rates["ethnicity"]["overall"]["percent_not_stated"].value == 30.0
    assert rates["disability"]["overall"]["not_stated"].value == 0
