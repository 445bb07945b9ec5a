"""Turns an ApplicationError that reached a view into a response, never a 500."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .errors import ApplicationError


class ApplicationErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ApplicationError):
            return None
        if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"code": exception.code, "message": str(exception.message)}, status=exception.status)
        return render(request, "error.html", {"error": exception}, status=exception.status)


class RequestSizeMiddleware:
    """A body larger than any form or API call needs answers 413 before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.LARGE_BODY_PATHS.get(request.path, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        if length > limit:
            message = _("This request is too large.")
            if request.path.startswith("/api/"):
                return JsonResponse({"code": "too_large", "message": str(message)}, status=413)
            return render(request, "error.html", {"error": {"message": message}}, status=413)
        return self.get_response(request)
