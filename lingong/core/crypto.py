"""Field encryption for personal data (PIPL / GB/T 35273).

Each value is sealed with AES-GCM under a key derived from
FIELD_ENCRYPTION_KEY, with the field's purpose as associated data so a
ciphertext cannot be moved from one column to another. A keyed HMAC of the
normalised value (the "blind index") allows uniqueness and exact look-up
without decrypting.

Rotation: `seal` and `blind_index` use FIELD_ENCRYPTION_KEY only; `unseal`
also tries each of FIELD_ENCRYPTION_KEY_FALLBACKS, so that values sealed
before a rotation open until `manage.py field_key_rotate` has re-sealed them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

_VERSION = "v1"


@lru_cache(maxsize=8)
def _keys(master_b64: str) -> tuple[bytes, bytes]:
    master = base64.urlsafe_b64decode(master_b64.encode())
    if len(master) < 32:
        raise ValueError("FIELD_ENCRYPTION_KEY (and each fallback) must decode to at least 32 bytes.")

    def derive(info: bytes) -> bytes:
        return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master)

    return derive(b"lingong field encryption"), derive(b"lingong blind index")


def _encryption_key() -> bytes:
    return _keys(settings.FIELD_ENCRYPTION_KEY)[0]


def _index_key() -> bytes:
    return _keys(settings.FIELD_ENCRYPTION_KEY)[1]


def seal(value: str, *, purpose: str) -> str:
    nonce = os.urandom(12)
    ciphertext = AESGCM(_encryption_key()).encrypt(nonce, value.encode(), purpose.encode())
    return f"{_VERSION}:" + base64.urlsafe_b64encode(nonce + ciphertext).decode()


def unseal(token: str, *, purpose: str) -> str:
    return unseal_which(token, purpose=purpose)[0]


def unseal_which(token: str, *, purpose: str) -> tuple[str, int]:
    """The value and the key that opened it: 0 the current one, 1, 2, … the fallbacks in order."""
    version, _, payload = token.partition(":")
    if version != _VERSION:
        raise ValueError("unknown ciphertext version")
    raw = base64.urlsafe_b64decode(payload.encode())
    # Every key is derived (and checked) first: a mistyped fallback fails at once, not on the first old value.
    keys = [_keys(master)[0] for master in (settings.FIELD_ENCRYPTION_KEY, *settings.FIELD_ENCRYPTION_KEY_FALLBACKS)]
    for index, key in enumerate(keys):
        try:
            return AESGCM(key).decrypt(raw[:12], raw[12:], purpose.encode()).decode(), index
        except InvalidTag:
            continue
    raise InvalidTag("no field encryption key opens this value")


def blind_index(value: str, *, purpose: str) -> str:
    return hmac.new(_index_key(), f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()
