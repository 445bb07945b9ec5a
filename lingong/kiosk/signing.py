"""Signing of card reads: shared by the server check, the reader simulator and tests.

A card reader's local agent sends the chip fields with a nonce, a Unix
timestamp and the kiosk code, signed with HMAC-SHA256 under the kiosk's
secret over the canonical JSON (sorted keys, no spaces, UTF-8) of
exactly those four members. Pure functions, no Django.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time

SIGNED_MEMBERS = ("fields", "kiosk", "nonce", "timestamp")


def canonical_json(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def card_signature(*, secret: str, fields: dict, kiosk: str, nonce: str, timestamp: int) -> str:
    body = canonical_json({"fields": fields, "kiosk": kiosk, "nonce": nonce, "timestamp": timestamp})
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def card_message(
    *, secret: str, fields: dict, kiosk: str, nonce: str | None = None, timestamp: int | None = None
) -> dict:
    """The JSON body a reader agent posts: the signed members plus `signature`."""
    nonce = nonce or secrets.token_hex(16)
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    return {
        "fields": fields,
        "kiosk": kiosk,
        "nonce": nonce,
        "timestamp": timestamp,
        "signature": card_signature(secret=secret, fields=fields, kiosk=kiosk, nonce=nonce, timestamp=timestamp),
    }
