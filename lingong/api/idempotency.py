"""`Idempotency-Key` for every write, implemented once as a decorator.

For a request with the header, one transaction (1) inserts the key row, (2)
runs the action, (3) stores the response in the row, and commits. Because
the row is inserted before the work, a second request with the same key
blocks on the unique index (PostgreSQL) or on the write lock (SQLite,
IMMEDIATE transactions) until the first commits, then finds the row and
replays the stored response: exactly one effect, and both callers get the
same status and body. A key reused with another method, path or body is
refused with 422 `idempotency_key_reused`. Keys are forgotten after 24 h.

Business failures (`ApplicationError`) are stored and replayed too, except
429: a rate-limited request may be retried with the same key.
"""

from __future__ import annotations

import hashlib
import json
from functools import wraps

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja.responses import NinjaJSONEncoder
from pydantic import BaseModel

from lingong.core.errors import ApplicationError, Conflict, InvalidInput

from .errors import error_payload
from .models import IdempotencyRecord
from .services import IDEMPOTENCY_LIFETIME

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


class KeyReused(ApplicationError):
    status = 422
    default_code = "idempotency_key_reused"
    default_message = _("This Idempotency-Key was already used for another request.")


class _Taken(Exception):
    pass


class _DoNotStore(Exception):
    def __init__(self, status: int, body: bytes):
        self.status, self.body = status, body


def _serialize(result) -> tuple[int, bytes]:
    status = 200
    if isinstance(result, tuple):
        status, result = result
    if result is None:
        return status, b""
    if isinstance(result, BaseModel):
        result = result.model_dump(by_alias=True)  # the encoder below formats as ninja does
    return status, json.dumps(result, cls=NinjaJSONEncoder, ensure_ascii=False).encode()


def _run(func, request, args, kwargs) -> tuple[int, bytes]:
    """The action in a savepoint: a business failure undoes its partial writes."""
    try:
        with transaction.atomic():
            return _serialize(func(request, *args, **kwargs))
    except ApplicationError as exc:
        status, body = error_payload(exc)
        return status, json.dumps(body, cls=NinjaJSONEncoder, ensure_ascii=False).encode()


def _response(status: int, body: bytes) -> HttpResponse:
    if status == 204 or not body:
        return HttpResponse(status=status)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def _request_hash(request) -> str:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.path.encode(), request.body):
        digest.update(part)
        digest.update(b"\x00")
    return digest.hexdigest()


def _clean_key(raw: str) -> str:
    key = raw.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise InvalidInput(
            _("The Idempotency-Key must be 1 to 255 printable ASCII characters."),
            code="invalid_idempotency_key",
            field=HEADER,
        )
    return key


def _attempt(func, request, args, kwargs, *, user, key: str, body_hash: str) -> HttpResponse:
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyRecord.objects.create(
                        user=user, key=key, method=request.method, path=request.path[:500], body_hash=body_hash
                    )
            except IntegrityError:
                raise _Taken() from None
            status, body = _run(func, request, args, kwargs)
            if status == 429 or status >= 500:
                raise _DoNotStore(status, body)  # rolls back the claim: a retry may run
            record.status, record.response_body = status, body.decode()
            record.save(update_fields=["status", "response_body"])
    except _DoNotStore as not_stored:
        return _response(not_stored.status, not_stored.body)
    return _response(status, body)


def _replay(request, *, user, key: str, body_hash: str) -> HttpResponse | None:
    """The stored response, None when the key is free again (expired), or a refusal."""
    record = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if record is None:
        return None
    if record.created_at < timezone.now() - IDEMPOTENCY_LIFETIME:
        IdempotencyRecord.objects.filter(pk=record.pk).delete()
        return None
    if (record.method, record.path, record.body_hash) != (request.method, request.path[:500], body_hash):
        raise KeyReused()
    return _response(record.status, record.response_body.encode())


def idempotent(func):
    """Make a write route honour `Idempotency-Key` (the route returns a Schema, a dict or None)."""

    @wraps(func)
    def wrapper(request, *args, **kwargs):
        raw = request.headers.get(HEADER)
        user = request.auth if getattr(request.auth, "is_authenticated", False) else None
        if raw is None or user is None:
            with transaction.atomic():
                return _response(*_run(func, request, args, kwargs))
        key = _clean_key(raw)
        body_hash = _request_hash(request)
        for _round in range(3):
            replayed = _replay(request, user=user, key=key, body_hash=body_hash)
            if replayed is not None:
                return replayed
            try:
                return _attempt(func, request, args, kwargs, user=user, key=key, body_hash=body_hash)
            except _Taken:
                continue  # somebody else holds the key: read what they stored
        raise Conflict(
            _("This Idempotency-Key is being used by another request. Please retry."), code="idempotency_in_progress"
        )

    wrapper.idempotent = True
    return wrapper
