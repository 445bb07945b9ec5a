"""Turns an ApplicationError that reached a view into a response, never a 500."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

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
