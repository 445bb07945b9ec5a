"""Who may open a screen: the one kit of sign-in and role decorators for every surface.

`staff_door(permission)` guards back-office screens (console, rights window);
`door(finder, ...)` builds a door for people who act as a record (a worker, an
employer): the record is found from the signed-in user and passed to the view.
Object-level checks stay in each app's `access_*` selectors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from lingong.core.errors import NotAllowed

from .selectors import role_require
from .sessions import sign_out_everywhere

STAFF_LOGIN_URL = "console:login"
# Sign-in by SMS code or card (no password): `login()` is told the backend, as Axes stands first
# in AUTHENTICATION_BACKENDS to count wrong passwords.
SIGN_IN_BACKEND = "lingong.accounts.backends.RolePermissionBackend"


def staff_door(permission: str | None = None):
    """Signed-in staff only; with `permission`, the role must allow it (else the refusal page, 403)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse(STAFF_LOGIN_URL))
            if permission:
                role_require(request.user, permission)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def door(finder: Callable, *, login_url: str, refusal, when_missing: Callable | None = None):
    """A door for people who act as a record: `finder(user=...)` returns it or None.

    A visitor not signed in goes to `login_url` (and comes back); a signed-in
    person without such a record is refused, or sent where `when_missing(request)` says.
    The record is `request.door_record` and the view's first argument after the request.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            record = finder(user=request.user)
            if record is None:
                if when_missing is not None:
                    return when_missing(request)
                if not request.user.is_authenticated:
                    return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")
                raise NotAllowed(refusal, code="wrong_door")
            request.door_record = record
            return view(request, record, *args, **kwargs)

        return wrapped

    return decorator


def safe_next(request, default: str) -> str:
    """Where to go after a sign-in: the `next` asked for when it is a path on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
        and target.startswith("/")
    ):
        return target
    return default


def door_sign_out(request, *, then: str):
    """Every door's "Sign out" (a POST); with `everywhere=yes`, every other browser, kiosk and app token too."""
    everywhere = request.POST.get("everywhere") == "yes" and request.user.is_authenticated
    if everywhere:
        sign_out_everywhere(user=request.user, actor=request.user)
    logout(request)
    if everywhere:
        messages.success(
            request, _("You are signed out everywhere: on every phone, computer and kiosk, and in the app.")
        )
    return redirect(then)
