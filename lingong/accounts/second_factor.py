"""A second factor (TOTP, django-otp) for every role that can reveal personal data, move money or decide.

Which roles need it is read off the one table of rules (`RULES`): a role that
may reveal an ID number or a phone, change a wage, or decide a case, an appeal
or disputed hours. A password alone then opens nothing but the second-factor
pages: `SecondFactorMiddleware` sends the person to enrol (first time: an
authenticator app scans a QR code) or to type the app's current 6-digit code.
The verification lives in the session (django-otp), so it ends with it.

`LINGONG_SECOND_FACTOR` turns the requirement off for tests that sign staff
in with `force_login`; every deployed settings file keeps it on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from lingong.core.errors import InvalidInput, NotAllowed
from lingong.core.services import event_record

from .models import Role, User
from .selectors import RULES
from .sessions import sessions_end_for_user

# Actions whose roles must prove a second factor: revealing personal data, money, decisions.
SECOND_FACTOR_ACTIONS = (
    "worker.reveal",
    "employer.reveal",
    "wage.change",
    "case.change",
    "appeal.decide",
    "attendance.decide",
)
SECOND_FACTOR_ROLES = frozenset(role for action in SECOND_FACTOR_ACTIONS for role in RULES[action].roles)
DEVICE_NAME = "authenticator"

# Views a person who still owes the second factor may open (by resolver view name).
OPEN_BEFORE_SECOND_FACTOR = frozenset(
    {
        "console:second_factor",
        "console:second_factor_enrol",
        "console:logout",
        "console:login",
        "set_language",
        "admin:logout",
        "django.views.static.serve",
    }
)


def second_factor_role(user) -> bool:
    """The person's role can reveal personal data, move money or decide (whatever the setting)."""
    return getattr(user, "is_authenticated", False) and (user.is_superuser or user.role in SECOND_FACTOR_ROLES)


def second_factor_required(user) -> bool:
    return settings.LINGONG_SECOND_FACTOR and second_factor_role(user)


def second_factor_device(user) -> TOTPDevice | None:
    """The person's confirmed authenticator, if they have enrolled one."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@transaction.atomic
def second_factor_enrol_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator key of `user`: the one already shown (a reload keeps it), or a new one."""
    if second_factor_device(user) is not None:
        raise NotAllowed(code="already_enrolled")
    pending = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    return pending or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _token(text: str) -> str:
    token = "".join(str(text or "").split())
    if not (token.isdigit() and len(token) == 6):
        raise InvalidInput(_code_message(), code="bad_code", field="token")
    return token


def _code_message() -> str:
    return _("That code is not right. Type the 6 digits your authenticator app shows now.")


@transaction.atomic
def second_factor_enrol_finish(*, request, token: str) -> TOTPDevice:
    """The first code from the app confirms the key; the session counts as verified."""
    user = request.user
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise InvalidInput(_code_message(), code="no_pending_device", field="token")
    if not device.verify_token(_token(token)):
        raise InvalidInput(_code_message(), code="bad_code", field="token")
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    event_record(subject=user, verb="second_factor_enrol", actor=user, station=user.station)
    return device


def second_factor_verify(*, request, token: str) -> TOTPDevice:
    """The app's current code marks this session verified (django-otp throttles wrong codes)."""
    device = second_factor_device(request.user)
    if device is None:
        raise InvalidInput(_code_message(), code="no_device", field="token")
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        raise InvalidInput(
            _("Too many wrong codes. Wait a minute, then type the code your app shows."),
            code="throttled",
            field="token",
        )
    if not device.verify_token(_token(token)):
        raise InvalidInput(_code_message(), code="bad_code", field="token")
    otp_login(request, device)
    return device


@transaction.atomic
def second_factor_reset(*, actor, user: User, reason: str) -> int:
    """Forget a person's authenticator (a lost phone): they enrol again at their next sign-in."""
    if not (getattr(actor, "is_superuser", False) or getattr(actor, "role", None) == Role.DISTRICT_ADMIN):
        raise NotAllowed()
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(code="reason_required", field="reason")
    count, _by_model = TOTPDevice.objects.filter(user=user).delete()
    event_record(
        subject=user,
        verb="second_factor_reset",
        actor=actor,
        station=user.station,
        data={"reason": reason[:200]},
    )
    sessions_end_for_user(user=user)
    return count


class SecondFactorMiddleware:
    """After django-otp's middleware: a person who owes the second factor may only open its pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not second_factor_required(user) or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_BEFORE_SECOND_FACTOR:
            return None
        name = "console:second_factor" if second_factor_device(user) else "console:second_factor_enrol"
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
