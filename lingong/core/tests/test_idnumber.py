"""GB 11643 ID numbers: published vectors, edge cases, and properties against stdnum."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.utils.functional import Promise
from hypothesis import given
from hypothesis import strategies as st

from lingong.core.idnumber import (
    IdNumberError,
    ResidentId,
    check_character,
    division_name,
    upgrade_legacy_15,
    validate_resident_id,
    worker_age_check,
)
from lingong.core.validation import ValidationProblem

TODAY = date(2025, 6, 1)  # the rule's own tests stand at one fixed day; the clock tests travel
SHANGHAI = ZoneInfo("Asia/Shanghai")
DIGITS = "0123456789"


def with_check(first17: str) -> str:
    return first17 + check_character(first17)


def error_code(value: object, *, allow_legacy_15: bool = False) -> str:
    with pytest.raises(IdNumberError) as caught:
        validate_resident_id(value, today=TODAY, allow_legacy_15=allow_legacy_15)
    return caught.value.code


# Check characters computed independently with stdnum.cn.ric.
@pytest.mark.parametrize(
    ("number", "check"),
    [
        ("11010519491231002", "X"),
        ("54010219850312031", "2"),
        ("54012019500101001", "6"),
        ("95484019800101123", "5"),
        ("13900419940101001", "X"),
    ],
)
def test_check_character_vectors(number: str, check: str) -> None:
    assert check_character(number) == check


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "1234567890123456",
        "123456789012345678",
        "1101051949123100X",
        "１１０１０５１９４９１２３１００２",
    ],
)
def test_check_character_rejects_anything_but_17_ascii_digits(bad: str) -> None:
    with pytest.raises(IdNumberError):
        check_character(bad)


def test_published_vector_is_valid_and_female() -> None:
    resident = validate_resident_id("11010519491231002X", today=TODAY)
    assert resident == ResidentId(
        number="11010519491231002X",
        division_code="110105",
        birth_date=date(1949, 12, 31),
        sex="female",
        kind="resident",
    )


def test_published_vector_with_wrong_check_character() -> None:
    assert error_code("110105194912310021") == "checksum"


@pytest.mark.parametrize(
    "spelling",
    [
        "11010519491231002x",
        "  11010519491231002X\n",
        "110105 19491231 002X",
        "１１０１０５１９４９１２３１００２ｘ",  # full-width kiosk input, NFKC-normalised
        "\u3000110105\u200b19491231002X\ufeff",  # ideographic space, zero-width space, BOM
    ],
)
def test_normalisation(spelling: str) -> None:
    assert validate_resident_id(spelling, today=TODAY).number == "11010519491231002X"


def test_chengguan_number() -> None:
    resident = validate_resident_id("540102198503120312", today=TODAY)
    assert resident.division_code == "540102"
    assert resident.sex == "male"
    assert resident.birth_date == date(1985, 3, 12)


@pytest.mark.parametrize(
    "number",
    [
        "540120195001010016",  # 拉萨市市区, replaced by 540102 in 1983
        "110103197001010019",  # 北京崇文区, merged in 2010
        "13900419940101001X",  # 辛集市 as a province-administered city, 1993-1994 only
    ],
)
def test_historical_division_codes_are_valid(number: str) -> None:
    assert validate_resident_id(number, today=TODAY).kind == "resident"


def test_historical_code_counts_whatever_the_birth_year() -> None:
    # 540102 exists only since 1983, but someone born in 1950 may hold it.
    assert validate_resident_id(with_check("54010219500101001"), today=TODAY).birth_date.year == 1950


@pytest.mark.parametrize("division", ["999999", "110199", "540199", "000000", "100000"])
def test_division_codes_that_never_existed(division: str) -> None:
    assert division_name(division) is None
    assert error_code(with_check(division + "19800101001")) == "unknown_division"


def test_hmt_permits() -> None:
    assert validate_resident_id("810000199001010027", today=TODAY).kind == "hmt_permit"
    assert validate_resident_id("830000199001010020", today=TODAY).kind == "hmt_permit"
    assert validate_resident_id(with_check("82000019900101002"), today=TODAY).kind == "hmt_permit"


def test_foreign_permanent_residence_number() -> None:
    resident = validate_resident_id("954840198001011235", today=TODAY)
    assert resident.kind == "foreign_permanent"
    assert resident.division_code == "954840"
    assert resident.birth_date == date(1980, 1, 1)
    assert resident.sex == "male"


@pytest.mark.parametrize("prefix", ["900840", "999840", "971840", "981840"])
def test_foreign_permanent_needs_a_mainland_province(prefix: str) -> None:
    assert error_code(with_check(prefix + "19800101123")) == "unknown_division"


@pytest.mark.parametrize(
    ("birth", "code"),
    [
        ("19990230", "invalid_date"),
        ("19991301", "invalid_date"),
        ("19990000", "invalid_date"),
        ("00000101", "invalid_date"),
        ("18991231", "date_too_early"),
        ("20250602", "future_date"),
        ("29991231", "future_date"),
    ],
)
def test_birth_dates(birth: str, code: str) -> None:
    assert error_code(with_check("540102" + birth + "001")) == code


def test_birth_date_limits_are_inclusive() -> None:
    assert validate_resident_id(with_check("54010219000101001"), today=TODAY)
    born_today = with_check("540102" + TODAY.strftime("%Y%m%d") + "001")
    assert validate_resident_id(born_today, today=TODAY).birth_date == TODAY


def test_today_defaults_to_china_today(today) -> None:
    day_after_tomorrow = today + timedelta(days=2)
    with pytest.raises(IdNumberError):
        validate_resident_id(with_check("540102" + day_after_tomorrow.strftime("%Y%m%d") + "001"))
    # 00:30 on New Year's Day in China is still 31 December in UTC: born "today" means China's today.
    with time_machine.travel(datetime(2028, 1, 1, 0, 30, tzinfo=SHANGHAI), tick=False):
        assert validate_resident_id(with_check("54010220280101001")).birth_date == date(2028, 1, 1)
        with pytest.raises(IdNumberError) as caught:
            validate_resident_id(with_check("54010220280102001"))
        assert caught.value.code == "future_date"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (None, "invalid_type"),
        (11010519491231002, "invalid_type"),
        (b"11010519491231002X", "invalid_type"),
        ("", "length"),
        ("11010519491231002", "length"),
        ("11010519491231002XX", "length"),
        ("1" * 10_000, "length"),
        ("11010519491231A02X", "format"),
        ("1101051949123100XX", "format"),
        ("11010519491231002Y", "format"),
        ("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X", "format"),  # Arabic-Indic digits are digits, but not ours
        ("11010519491231002🙂", "format"),
    ],
)
def test_rejections(value: object, code: str) -> None:
    assert error_code(value) == code


def test_legacy_15_digit_numbers() -> None:
    assert error_code("110105491231002") == "legacy_15"
    assert upgrade_legacy_15("110105491231002") == "11010519491231002X"
    resident = validate_resident_id("110105491231002", today=TODAY, allow_legacy_15=True)
    assert resident.number == "11010519491231002X"
    assert error_code("110105490231002", allow_legacy_15=True) == "invalid_date"


@pytest.mark.parametrize("bad", [None, "", "11010549123100", "1101054912310021", "11010549123100X"])
def test_upgrade_legacy_15_rejects_other_shapes(bad: object) -> None:
    with pytest.raises(IdNumberError):
        upgrade_legacy_15(bad)


def test_sex_follows_the_17th_digit() -> None:
    for digit in DIGITS:
        resident = validate_resident_id(with_check("5401021985031203" + digit), today=TODAY)
        assert resident.sex == ("male" if int(digit) % 2 else "female")


def _born(birth: date) -> ResidentId:
    return validate_resident_id(with_check("540102" + birth.strftime("%Y%m%d") + "001"), today=TODAY)


def test_age_on_birthdays() -> None:
    resident = _born(date(2000, 6, 1))
    assert resident.age_on(date(2018, 5, 31)) == 17
    assert resident.age_on(date(2018, 6, 1)) == 18
    leap = _born(date(2008, 2, 29))
    assert leap.age_on(date(2024, 2, 28)) == 15
    assert leap.age_on(date(2024, 2, 29)) == 16
    assert leap.age_on(date(2025, 2, 28)) == 16
    assert leap.age_on(date(2026, 2, 28)) == 17
    assert leap.age_on(date(2026, 3, 1)) == 18


def test_worker_age_check() -> None:
    assert worker_age_check(_born(date(1949, 12, 31)), today=TODAY) == "adult"
    assert worker_age_check(_born(date(2007, 6, 1)), today=TODAY) == "adult"
    assert worker_age_check(_born(date(2007, 6, 2)), today=TODAY) == "juvenile"
    assert worker_age_check(_born(date(2009, 6, 1)), today=TODAY) == "juvenile"
    with pytest.raises(IdNumberError) as caught:
        worker_age_check(_born(date(2009, 6, 2)), today=TODAY)
    assert caught.value.code == "too_young"


def _age_check_at(moment: datetime, birth: date) -> str:
    """The age rule as the services run it: no `today`, the clock (China's date) decides."""
    with time_machine.travel(moment, tick=False):
        try:
            return worker_age_check(_born(birth))
        except IdNumberError as error:
            return error.code


def test_age_rule_turns_over_at_midnight_in_china_on_new_years_eve() -> None:
    # 2028-01-01 00:01 in Shanghai is still 31 December in UTC: the Chinese date counts.
    assert _age_check_at(datetime(2027, 12, 31, 23, 59, tzinfo=SHANGHAI), date(2012, 1, 1)) == "too_young"
    assert _age_check_at(datetime(2028, 1, 1, 0, 1, tzinfo=SHANGHAI), date(2012, 1, 1)) == "juvenile"
    assert _age_check_at(datetime(2027, 12, 31, 23, 59, tzinfo=SHANGHAI), date(2009, 12, 31)) == "adult"
    assert _age_check_at(datetime(2027, 12, 31, 23, 59, tzinfo=SHANGHAI), date(2010, 1, 1)) == "juvenile"
    assert _age_check_at(datetime(2028, 1, 1, 0, 1, tzinfo=SHANGHAI), date(2010, 1, 1)) == "adult"


def test_age_rule_on_29_february() -> None:
    leap_day = datetime(2028, 2, 29, 10, tzinfo=SHANGHAI)
    assert _age_check_at(leap_day, date(2012, 2, 29)) == "juvenile"  # 16th birthday, on the day itself
    assert _age_check_at(leap_day - timedelta(days=1), date(2012, 2, 29)) == "too_young"
    assert _age_check_at(leap_day, date(2010, 2, 28)) == "adult"  # 18 yesterday
    assert _age_check_at(leap_day, date(2010, 3, 1)) == "juvenile"  # 18 tomorrow
    # In a common year a 29 February birthday counts from 1 March.
    assert _age_check_at(datetime(2026, 2, 28, 23, 59, tzinfo=SHANGHAI), date(2008, 2, 29)) == "juvenile"
    assert _age_check_at(datetime(2026, 3, 1, 0, 1, tzinfo=SHANGHAI), date(2008, 2, 29)) == "adult"


def test_division_data() -> None:
    assert division_name("540102") == "城关区"
    assert division_name("110105") == "朝阳区"
    assert division_name("540120") is not None


def test_errors_are_lazy_and_leak_nothing() -> None:
    with pytest.raises(IdNumberError) as caught:
        validate_resident_id("110105194912310021", today=TODAY)
    error = caught.value
    assert isinstance(error, ValidationProblem) and isinstance(error, ValueError)
    assert isinstance(error.message, Promise)  # not translated until shown
    assert str(error) == "checksum"
    assert "110105" not in repr(error)


def test_messages_render() -> None:
    if not settings.configured:
        pytest.skip("needs Django settings to translate")
    for value in [
        None,
        "",
        "1" * 18,
        "110105194912310021",
        "110105491231002",
        with_check("99999919800101001"),
    ]:
        with pytest.raises(IdNumberError) as caught:
            validate_resident_id(value, today=TODAY)
        assert str(caught.value.message)


# Properties -----------------------------------------------------------------------------------


@given(st.text(alphabet=DIGITS, min_size=17, max_size=17))
def test_check_character_matches_stdnum(first17: str) -> None:
    ric = pytest.importorskip("stdnum.cn.ric")
    assert check_character(first17) == ric.calc_check_digit(first17 + "0")


@given(
    st.sampled_from(["110105", "540102", "540120", "810000", "139004"]),
    st.dates(min_value=date(1900, 1, 1), max_value=TODAY),
    st.text(alphabet=DIGITS, min_size=3, max_size=3),
)
def test_constructed_numbers_round_trip(division: str, birth: date, sequence: str) -> None:
    number = with_check(division + birth.strftime("%Y%m%d") + sequence)
    resident = validate_resident_id(number.lower(), today=TODAY)
    assert (resident.number, resident.birth_date, resident.division_code) == (
        number,
        birth,
        division,
    )


def _only_our_error(value: object, *, allow_legacy_15: bool = False) -> None:
    try:
        resident = validate_resident_id(value, today=TODAY, allow_legacy_15=allow_legacy_15)
    except IdNumberError as error:
        assert error.code
        return
    assert len(resident.number) == 18


@given(st.text())
def test_any_text_raises_only_id_number_error(value: str) -> None:
    _only_our_error(value)
    _only_our_error(value, allow_legacy_15=True)


@given(st.text(alphabet="0123456789Xx１２ｘ \u3000-", min_size=14, max_size=20))
def test_near_miss_text_raises_only_id_number_error(value: str) -> None:
    _only_our_error(value)
    _only_our_error(value, allow_legacy_15=True)


@given(st.from_type(object) | st.binary() | st.integers() | st.none())
def test_any_object_raises_only_id_number_error(value: object) -> None:
    _only_our_error(value)
