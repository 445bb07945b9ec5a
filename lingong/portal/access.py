"""Which door a signed-in person may use; the record they act as is put on the request."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from lingong.core.errors import NotAllowed
from lingong.employers.selectors import employer_for_user
from lingong.workers.selectors import worker_for_user


def _door(finder, login_url: str, refusal):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            record = finder(user=request.user)
            if record is None:
                if not request.user.is_authenticated:
                    return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
                raise NotAllowed(refusal, code="wrong_door")
            request.door_record = record
            return view(request, record, *args, **kwargs)

        return wrapped

    return decorator


worker_door = _door(
    worker_for_user, "/w/login/", _("This page is for workers. Please sign in with a worker's phone number.")
)
employer_door = _door(employer_for_user, "/e/login/", _("This page is for employers. Please sign in as an employer."))


def safe_next(request, default: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        and target.startswith("/")
    ):
        return target
    return default


BACKEND = settings.AUTHENTICATION_BACKENDS[0]  # sign-in by SMS code, not by password: the one backend


def code_missing(form) -> bool:
    """Both doors' second sign-in step: say so when the SMS code is empty."""
    if not (form.cleaned_data.get("code") or "").strip():
        form.add_error("code", _("Please enter the code from the SMS."))
        return True
    return False
