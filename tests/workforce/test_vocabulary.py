import pytest

from workforce.vocabulary import DisabilityGroup, EthnicGroup, disability_group_for, ethnic_group_for


@pytest.mark.parametrize(
    "value, group",
    [
        ("A White - British", EthnicGroup.WHITE),
        ("B White - Irish", EthnicGroup.WHITE),
        ("C White - Any other White background", EthnicGroup.WHITE),
        ("CP White - Polish", EthnicGroup.WHITE),
        ("C2 White - Northern Irish", EthnicGroup.WHITE),
        ("CL White - Irish Traveller", EthnicGroup.WHITE),
        ("D Mixed - White & Black Caribbean", EthnicGroup.BME),
        ("H Asian or Asian British - Indian", EthnicGroup.BME),
        ("LA Asian - Mixed Asian", EthnicGroup.BME),
        ("N Black or Black British - African", EthnicGroup.BME),
        ("R Chinese", EthnicGroup.BME),
        ("S Any Other Ethnic Group", EthnicGroup.BME),
        ("SC Filipino", EthnicGroup.BME),
        ("Z Not Stated", EthnicGroup.UNKNOWN),
        ("Not Stated", EthnicGroup.UNKNOWN),
        ("", EthnicGroup.UNKNOWN),
        (None, EthnicGroup.UNKNOWN),
        ("  a White - British ", EthnicGroup.WHITE),
        ("I", EthnicGroup.UNKNOWN),  # ESR has no I, O or Q codes: never BME (the import refuses them)
        ("O Other", EthnicGroup.UNKNOWN),
        ("Q", EthnicGroup.UNKNOWN),
    ],
)
def test_ethnic_group_follows_the_esr_code_letter(value, group):
    assert ethnic_group_for(value) == group


@pytest.mark.parametrize(
    "flag, group",
    [
        ("Yes", DisabilityGroup.DISABLED),
        ("No", DisabilityGroup.NON_DISABLED),
        ("Not Declared", DisabilityGroup.UNKNOWN),
        ("Prefer Not To Answer", DisabilityGroup.UNKNOWN),
        ("Unspecified", DisabilityGroup.UNKNOWN),
        ("", DisabilityGroup.UNKNOWN),
        (None, DisabilityGroup.UNKNOWN),
        (" yes ", DisabilityGroup.DISABLED),
    ],
)
def test_disability_group_follows_the_esr_flag(flag, group):
    assert disability_group_for(flag) == group
