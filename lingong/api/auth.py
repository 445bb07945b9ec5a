"""Bearer-token auth for the app; the role classes answer 403 to the wrong role."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from lingong.core.errors import NotAllowed
from lingong.employers.selectors import employer_for_user
from lingong.workers.selectors import worker_for_user

from .services import api_token_check


class TokenAuth(HttpBearer):
    """Any signed-in user; `request.auth` is the user, `request.api_token` the token row."""

    def authenticate(self, request, token):
        record = api_token_check(token=token)
        if record is None:
            return None
        request.api_token = record
        return record.user


class WorkerAuth(TokenAuth):
    def authenticate(self, request, token):
        user = super().authenticate(request, token)
        if user is None:
            return None
        worker = worker_for_user(user=user) if user.role == "worker" else None
        if worker is None:
            raise NotAllowed(_("This is for workers only."), code="forbidden")
        request.worker = worker
        return user


class EmployerAuth(TokenAuth):
    def authenticate(self, request, token):
        user = super().authenticate(request, token)
        if user is None:
            return None
        employer = employer_for_user(user=user) if user.role == "employer" else None
        if employer is None:
            raise NotAllowed(_("This is for employers only."), code="forbidden")
        request.employer = employer
        return user


token_auth = TokenAuth()
worker_auth = WorkerAuth()
employer_auth = EmployerAuth()
