"""Every failure of the API as `{code, message}` with its HTTP status; never a bare 500 page."""

from __future__ import annotations

import logging

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from lingong.core.errors import ApplicationError

from .validation import validation_message

logger = logging.getLogger(__name__)


def error_payload(exc: ApplicationError) -> tuple[int, dict]:
    """The status and body for a business failure (also used by the idempotency wrapper)."""
    body = {"code": exc.code, "message": str(exc.message)}
    if exc.field:
        body["field"] = exc.field
    return exc.status, body


def _field_name(loc) -> str:
    # ninja prefixes the source ("body", "query", "path") and the payload argument name
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "payload", "filters")]
    return ".".join(parts)


def _validation(request: HttpRequest, exc: ValidationError, api) -> HttpResponse:
    fields = [
        {
            "field": _field_name(error.get("loc", ())),
            "code": error.get("type", "invalid"),
            "message": validation_message(error),
        }
        for error in exc.errors
    ]
    body = {"code": "invalid", "message": _("Some of the data is missing or not valid."), "fields": fields}
    return api.create_response(request, body, status=422)


def _application(request: HttpRequest, exc: ApplicationError, api) -> HttpResponse:
    status, body = error_payload(exc)
    response = api.create_response(request, body, status=status)
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _http_error(request: HttpRequest, exc: HttpError, api) -> HttpResponse:
    if isinstance(exc, AuthenticationError):
        body = {"code": "unauthorized", "message": _("Please sign in again.")}
    elif isinstance(exc, AuthorizationError) or exc.status_code == 403:
        body = {"code": "forbidden", "message": _("You are not allowed to do this.")}
    elif exc.status_code == 429:
        body = {"code": "rate_limited", "message": _("Too many requests. Please wait a minute and try again.")}
    elif exc.status_code == 404:
        body = {"code": "not_found", "message": _("Not found.")}
    else:
        body = {"code": "invalid", "message": _("The request could not be completed.")}
    return api.create_response(request, body, status=exc.status_code)


def _not_found(request: HttpRequest, exc: Http404, api) -> HttpResponse:
    return api.create_response(request, {"code": "not_found", "message": _("Not found.")}, status=404)


def _too_big(request: HttpRequest, exc: RequestDataTooBig, api) -> HttpResponse:
    body = {"code": "too_large", "message": _("This request is too large.")}
    return api.create_response(request, body, status=413)


def _unexpected(request: HttpRequest, exc: Exception, api) -> HttpResponse:
    """The last guard: log the fault (no request body: it may hold personal data)."""
    logger.exception("API fault on %s %s", request.method, request.path)
    body = {"code": "server_error", "message": _("Something went wrong on our side. Please try again later.")}
    return api.create_response(request, body, status=500)


def install(api) -> None:
    api.add_exception_handler(ValidationError, lambda r, e: _validation(r, e, api))
    api.add_exception_handler(ApplicationError, lambda r, e: _application(r, e, api))
    api.add_exception_handler(HttpError, lambda r, e: _http_error(r, e, api))
    api.add_exception_handler(Http404, lambda r, e: _not_found(r, e, api))
    api.add_exception_handler(RequestDataTooBig, lambda r, e: _too_big(r, e, api))
    api.add_exception_handler(Exception, lambda r, e: _unexpected(r, e, api))
