"""Mainland mobile numbers as typed at kiosks and windows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lingong.core.phone import PhoneError, normalise_phone, validate_mobile_phone


@pytest.mark.parametrize(
    "spelling",
    [
        "13800138000",
        " 138 0013 8000 ",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+86-13800138000",
        "(+86) 13800138000",
        "8613800138000",
        "0086 13800138000",
        "１３８００１３８０００",  # full-width digits
        "＋８６ １３８－００１３－８０００",
        "138\u20130013\u20138000",  # en dashes
    ],
)
def test_accepted_spellings(spelling: str) -> None:
    assert validate_mobile_phone(spelling) == "13800138000"


@pytest.mark.parametrize("number", ["13012345678", "15912345678", "16612345678", "17712345678", "19912345678"])
def test_mobile_prefixes(number: str) -> None:
    assert validate_mobile_phone(number) == number


def test_normalise_keeps_landlines() -> None:
    assert normalise_phone("0891-6321234") == "08916321234"
    assert normalise_phone("(0891) 632 1234") == "08916321234"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (None, "invalid_type"),
        (13800138000, "invalid_type"),
        ("", "empty"),
        ("  - ", "empty"),
        ("1" * 10_000, "length"),
        ("1380013800", "length"),
        ("138001380001", "length"),
        ("0891-6321234", "not_mobile"),
        ("12345678901", "not_mobile"),
        ("10086000000", "not_mobile"),
        ("+1 202 555 0100", "not_mainland"),
        ("+852 9123 4567", "not_mainland"),
        ("138oo138000", "format"),
        ("138.0013.8000", "format"),
        ("١٣٨٠٠١٣٨٠٠٠", "format"),  # Arabic-Indic digits
        ("138 0013 8000 📞", "format"),
    ],
)
def test_rejections(value: object, code: str) -> None:
    with pytest.raises(PhoneError) as caught:
        validate_mobile_phone(value)
    assert caught.value.code == code


def _only_our_error(value: object) -> None:
    try:
        number = validate_mobile_phone(value)
    except PhoneError as error:
        assert error.code
        return
    assert len(number) == 11 and number.isascii() and number.isdigit()


@given(st.text())
def test_any_text_raises_only_phone_error(value: str) -> None:
    _only_our_error(value)


@given(st.text(alphabet="0123456789+-() １８", min_size=9, max_size=18))
def test_near_miss_text_raises_only_phone_error(value: str) -> None:
    _only_our_error(value)


@given(st.from_type(object) | st.binary() | st.integers() | st.none())
def test_any_object_raises_only_phone_error(value: object) -> None:
    _only_our_error(value)
