import pytest
from cryptography.exceptions import InvalidTag
from django.test import override_settings

from lingong.core.crypto import blind_index, seal, unseal, unseal_which


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


OLD_KEY = "b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleS0="
NEW_KEY = "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleS0="


def test_unseal_tries_the_fallbacks_and_seal_and_blind_index_use_the_current_key_only():
    with override_settings(FIELD_ENCRYPTION_KEY=OLD_KEY, FIELD_ENCRYPTION_KEY_FALLBACKS=[]):
        old_token, old_digest = seal("13800138000", purpose="phone"), blind_index("13800138000", purpose="phone")
    with override_settings(FIELD_ENCRYPTION_KEY=NEW_KEY, FIELD_ENCRYPTION_KEY_FALLBACKS=[OLD_KEY]):
        assert unseal(old_token, purpose="phone") == "13800138000"
        assert unseal_which(old_token, purpose="phone") == ("13800138000", 1)
        new_token = seal("13800138000", purpose="phone")
        assert unseal_which(new_token, purpose="phone") == ("13800138000", 0)
        assert blind_index("13800138000", purpose="phone") != old_digest
        with pytest.raises(InvalidTag):
            unseal(old_token, purpose="id_number")  # the purpose still binds, under every key
    with override_settings(FIELD_ENCRYPTION_KEY=NEW_KEY, FIELD_ENCRYPTION_KEY_FALLBACKS=[]):
        assert unseal(new_token, purpose="phone") == "13800138000"
        with pytest.raises(InvalidTag):
            unseal(old_token, purpose="phone")


def test_a_mistyped_fallback_is_refused_at_once():
    token = seal("13800138000", purpose="phone")
    with override_settings(FIELD_ENCRYPTION_KEY_FALLBACKS=["c2hvcnQ="]):
        with pytest.raises(ValueError, match="at least 32 bytes"):
            unseal(token, purpose="phone")
