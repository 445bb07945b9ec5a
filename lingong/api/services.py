"""Sign-in for the app: SMS code → bearer token; token checks and revocation."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.core.errors import InvalidInput, NotFound
from lingong.core.services import event_record
from lingong.employers.selectors import employer_find_by_contact_phone
from lingong.employers.services import employer_account_ensure
from lingong.notifications.codes import sms_code_verify
from lingong.workers.selectors import worker_find_by_phone

from .models import ApiToken

TOKEN_LIFETIME = timedelta(days=30)
LAST_USED_EVERY = timedelta(minutes=1)  # at most one write per token and minute
SIGN_IN_ROLES = ("worker", "employer")
TOKEN_PREFIX = "lg_"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def api_token_issue(*, user, now: datetime | None = None) -> tuple[str, ApiToken]:
    """A new token; the plain value is returned once and never stored."""
    now = now or timezone.now()
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user=user, digest=token_digest(token), created_at=now, expires_at=now + TOKEN_LIFETIME
    )
    return token, record


def api_token_check(*, token: str, now: datetime | None = None) -> ApiToken | None:
    """The live token (not expired, not revoked, active user), or None."""
    now = now or timezone.now()
    if not token or len(token) > 200:
        return None
    record = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .filter(  # "sign out everywhere" refuses every token made before it
            Q(user__signed_out_everywhere_at__isnull=True) | Q(user__signed_out_everywhere_at__lt=F("created_at"))
        )
        .first()
    )
    if record is None:
        return None
    if record.last_used_at is None or record.last_used_at < now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=now)
        record.last_used_at = now
    return record


@transaction.atomic
def api_token_revoke(*, token: ApiToken, now: datetime | None = None) -> ApiToken:
    now = now or timezone.now()
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now)
    token.revoked_at = token.revoked_at or now
    return token


def api_sign_in(*, phone: str, code: str, role: str, now: datetime | None = None) -> tuple[str, ApiToken]:
    """Check the SMS code, find the worker or employer of this phone, issue a token.

    The code is checked outside a transaction: a wrong code must count as an
    attempt even though the sign-in fails.
    """
    if role not in SIGN_IN_ROLES:
        raise InvalidInput(_("Unknown role."), code="invalid_role", field="role")
    sms_code_verify(phone=phone, purpose=f"{role}_sign_in", code=code, now=now)
    with transaction.atomic():
        if role == "worker":
            worker = worker_find_by_phone(phone=phone)
            if worker is None or worker.user_id is None:
                raise NotFound(
                    _("No worker is registered with this phone. Please register at a station."), code="not_registered"
                )
            user = worker.user
        else:
            employer = employer_find_by_contact_phone(phone=phone)
            if employer is None:
                raise NotFound(
                    _("No employer is registered with this phone. Please register at a station."), code="not_registered"
                )
            user = employer_account_ensure(employer=employer).user
        if not user.is_active:
            raise NotFound(
                _("No worker is registered with this phone. Please register at a station.")
                if role == "worker"
                else _("No employer is registered with this phone. Please register at a station."),
                code="not_registered",
            )
        token, record = api_token_issue(user=user, now=now)
        event_record(subject=user, verb="api_sign_in", actor=user, channel="app", data={"role": role})
    return token, record
