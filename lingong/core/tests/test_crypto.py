import pytest
from cryptography.exceptions import InvalidTag
from django.test import override_settings

from lingong.core.crypto import blind_index, seal, unseal


def test_sealed_values_round_trip_and_differ_each_time():
    a, b = seal("13800138000", purpose="phone"), seal("13800138000", purpose="phone")
    assert a != b and "13800138000" not in a
    assert unseal(a, purpose="phone") == unseal(b, purpose="phone") == "13800138000"


def test_a_ciphertext_cannot_be_moved_to_another_field():
    token = seal("11010519491231002X", purpose="id_number")
    with pytest.raises(InvalidTag):
        unseal(token, purpose="phone")


def test_blind_index_is_keyed_and_purpose_bound():
    assert blind_index("x", purpose="phone") == blind_index("x", purpose="phone")
    assert blind_index("x", purpose="phone") != blind_index("x", purpose="id_number")
    before = blind_index("x", purpose="phone")
    with override_settings(FIELD_ENCRYPTION_KEY="b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI="):
        assert blind_index("x", purpose="phone") != before
