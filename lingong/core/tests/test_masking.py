"""Masking of ID numbers and phones: the shown part is small, and nothing raises."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lingong.core.masking import mask_id_number, mask_phone


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("54010219850312123X", "540102********123X"),
        ("11010519491231002x", "110105********002X"),
        (" 110105 19491231 002X ", "110105********002X"),
        ("123456789012345", "123**********45"),  # legacy 15 digits
        ("12345678", "12****78"),
        ("1234", "1**4"),
        ("123", "***"),
        ("", ""),
        (None, ""),
        (12345, ""),
    ],
)
def test_mask_id_number(value: object, masked: str) -> None:
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13800138000", "138****8000"),
        ("+86 138-0013-8000", "138****8000"),
        ("１３８００１３８０００", "138****8000"),
        ("0891-6321234", "089*******34"),  # a landline: generic mask
        ("12345", "1***5"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_phone(value: object, masked: str) -> None:
    assert mask_phone(value) == masked


def _shown(masked: str) -> int:
    return sum(ch != "*" for ch in masked)


@given(st.text(max_size=100))
def test_masks_show_little_of_anything(value: str) -> None:
    masked_id = mask_id_number(value)
    masked_phone = mask_phone(value)
    assert _shown(masked_id) <= (10 if len(masked_id) == 18 else 5)
    assert _shown(masked_phone) <= 7
    for masked in (masked_id, masked_phone):
        if len(masked) >= 2:
            assert _shown(masked) < len(masked)


@given(st.from_type(object) | st.binary() | st.integers() | st.none())
def test_masks_never_raise(value: object) -> None:
    assert isinstance(mask_id_number(value), str)
    assert isinstance(mask_phone(value), str)


def test_mask_name_keeps_only_the_first_character():
    from lingong.core.masking import mask_name

    assert (mask_name("平措次仁"), mask_name("王"), mask_name(""), mask_name(None)) == ("平***", "王*", "", "")
