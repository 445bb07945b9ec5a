"""`Idempotency-Key` for every write of the app's API, as one decorator over `core.idempotency`.

For a request with the header, the key is claimed and the action run in one
transaction (`idempotent_once`, shared with the forms' one-time tokens): a
retry or a concurrent request with the same key gets the stored status and
body, and the action has exactly one effect. A key reused with another
method, path or body is refused with 422 `idempotency_key_reused`. Keys are
forgotten after 24 h.

Business failures (`ApplicationError`) are stored and replayed too, except
429: a rate-limited request may be retried with the same key.
"""

from __future__ import annotations

import hashlib
import json
from functools import wraps

from django.db import transaction
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja.responses import NinjaJSONEncoder
from pydantic import BaseModel

from lingong.core.errors import ApplicationError, InvalidInput, TooManyRequests
from lingong.core.idempotency import API_SCOPE, idempotent_once

from .errors import error_payload

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def _serialize(result) -> tuple[int, str]:
    status = 200
    if isinstance(result, tuple):
        status, result = result
    if result is None:
        return status, ""
    if isinstance(result, BaseModel):
        result = result.model_dump(by_alias=True)  # the encoder below formats as ninja does
    return status, json.dumps(result, cls=NinjaJSONEncoder, ensure_ascii=False)


def _run(func, request, args, kwargs) -> tuple[int, str]:
    """The action in a savepoint: a business failure undoes its partial writes."""
    try:
        with transaction.atomic():
            return _serialize(func(request, *args, **kwargs))
    except TooManyRequests:
        raise  # never stored, and its Retry-After header is set by the API's handler
    except ApplicationError as exc:
        status, body = error_payload(exc)
        return status, json.dumps(body, cls=NinjaJSONEncoder, ensure_ascii=False)


def _response(status: int, body: str) -> HttpResponse:
    if status == 204 or not body:
        return HttpResponse(status=status)
    return HttpResponse(body.encode(), status=status, content_type="application/json; charset=utf-8")


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


def idempotent(func):
    """Make a write route honour `Idempotency-Key` (the route returns a Schema, a dict or None)."""

    @wraps(func)
    def wrapper(request, *args, **kwargs):
        raw = request.headers.get(HEADER)
        user = request.auth if getattr(request.auth, "is_authenticated", False) else None
        if raw is None or user is None:
            with transaction.atomic():
                return _response(*_run(func, request, args, kwargs))
        outcome = idempotent_once(
            lambda: _run(func, request, args, kwargs),
            user=user,
            scope=API_SCOPE,
            key=_clean_key(raw),
            fingerprint=_request_hash(request),
            keep=lambda status: status != 429 and status < 500,
        )
        return _response(outcome.status, outcome.result)

    wrapper.idempotent = True
    return wrapper
