"""GB 32100 credit codes: real codes, each rule, and properties against stdnum."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lingong.core.uscc import (
    ALPHABET,
    UsccError,
    organisation_check_character,
    uscc_check_character,
    validate_uscc,
)

# Real codes; each is also confirmed with stdnum below.
REAL_CODES = [
    "91110000600037341L",  # stdnum's own example
    "91110108551385082Q",
    "12440600MB2C07549J",  # a public institution (机构编制, 事业单位)
    "92141127MA0KD1Y64A",  # an individual business (个体工商户)
]


def complete(first16: str) -> str:
    """Append both check characters to authority + type + office + organisation body."""
    first17 = first16 + organisation_check_character(first16[8:16])
    return first17 + uscc_check_character(first17)


def error_code(value: object) -> str:
    with pytest.raises(UsccError) as caught:
        validate_uscc(value)
    return caught.value.code


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes(code: str) -> None:
    assert validate_uscc(code) == code


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_codes_agree_with_stdnum(code: str) -> None:
    uscc = pytest.importorskip("stdnum.cn.uscc")
    assert uscc.is_valid(code)


@pytest.mark.parametrize(
    ("body", "check"), [("60003734", "1"), ("55138508", "2"), ("MB2C0754", "9"), ("MA0KD1Y6", "4")]
)
def test_organisation_check_character(body: str, check: str) -> None:
    assert organisation_check_character(body) == check


@pytest.mark.parametrize(
    "spelling",
    [" 91110000600037341l ", "9111-0000-6000-3734-1L", "９１１１００００６０００３７３４１Ｌ"],
)
def test_normalisation(spelling: str) -> None:
    assert validate_uscc(spelling) == "91110000600037341L"


@pytest.mark.parametrize(
    "first16",
    [
        "1110000000000001",  # national office 100000
        "N2540102MA000000",  # rural collective
        "Y1540102MA000001",
        "A1110000MA000002",
        "5354010200000003",
    ],
)
def test_constructed_codes(first16: str) -> None:
    code = complete(first16)
    assert validate_uscc(code) == code


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (None, "invalid_type"),
        (91110000600037341, "invalid_type"),
        ("", "length"),
        ("91110000600037341", "length"),
        ("91110000600037341LL", "length"),
        ("9" * 10_000, "length"),
        ("91110000600037341I", "format"),
        ("911100006000373O1L", "format"),
        ("91110000600037341Z", "format"),
        ("911100006000373!1L", "format"),
        ("91110000600037342L", "organisation_checksum"),
        ("91110000600037341K", "checksum"),
        ("91350203M0001QKT19", "checksum"),  # a real Xiamen code that fails the standard's check
    ],
)
def test_rejections(value: object, code: str) -> None:
    assert error_code(value) == code


@pytest.mark.parametrize(
    ("first16", "code"),
    [
        ("B1110000MA000000", "authority"),
        ("0111000060003734", "authority"),
        ("9411000060003734", "entity_type"),
        ("9911000060003734", "entity_type"),
        ("Y2110000MA000000", "entity_type"),
        ("91AB0000MA000000", "division"),
        ("9199000060003734", "division"),
        ("9100000060003734", "division"),
    ],
)
def test_structure_rejections(first16: str, code: str) -> None:
    assert error_code(complete(first16)) == code


@pytest.mark.parametrize("bad", ["", "9111000060003734", "91110000600037341L", "9111000060003734I"])
def test_check_character_rejects_bad_input(bad: str) -> None:
    with pytest.raises(UsccError):
        uscc_check_character(bad)


# Properties -----------------------------------------------------------------------------------


@given(st.text(alphabet=ALPHABET, min_size=17, max_size=17))
def test_check_character_matches_stdnum(first17: str) -> None:
    uscc = pytest.importorskip("stdnum.cn.uscc")
    assert uscc_check_character(first17) == uscc.calc_check_digit(first17)


def _only_our_error(value: object) -> None:
    try:
        code = validate_uscc(value)
    except UsccError as error:
        assert error.code
        return
    assert len(code) == 18


@given(st.text())
def test_any_text_raises_only_uscc_error(value: str) -> None:
    _only_our_error(value)


@given(st.text(alphabet=ALPHABET + "ioszv- ", min_size=16, max_size=20))
def test_near_miss_text_raises_only_uscc_error(value: str) -> None:
    _only_our_error(value)


@given(st.from_type(object) | st.binary() | st.integers() | st.none())
def test_any_object_raises_only_uscc_error(value: object) -> None:
    _only_our_error(value)
