"""Who is asking: the client's address for the current request, for per-client limits below the views.

`ClientAddressMiddleware` sets it from REMOTE_ADDR, or from the first address of
X-Forwarded-For when `LINGONG_TRUSTED_PROXY` says a proxy in front sets that
header (otherwise anyone could pick their own address). Outside a request
(tasks, commands) there is none.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings

_client_address: ContextVar[str] = ContextVar("lingong_client_address", default="")


def client_address() -> str:
    return _client_address.get()


def address_of(request) -> str:
    if getattr(settings, "LINGONG_TRUSTED_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:64]
    return request.META.get("REMOTE_ADDR", "")[:64]


class ClientAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _client_address.set(address_of(request))
        try:
            return self.get_response(request)
        finally:
            _client_address.reset(token)
