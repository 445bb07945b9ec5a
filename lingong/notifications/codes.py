"""One-time SMS codes: sending (rate-limited) and checking (single use).

Here, beside the outbox that delivers them, rather than in accounts: accounts
is the layer below the messages and never sends any.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lingong.accounts.models import SmsCode
from lingong.core.client import client_address
from lingong.core.errors import InvalidInput, TooManyRequests
from lingong.core.personal import personal_digest
from lingong.core.phone import validate_mobile_phone
from lingong.core.ratelimit import rate_limit_hit
from lingong.core.validation import ValidationProblem

from .models import NotificationKind
from .services import notification_send

logger = logging.getLogger("lingong.sms")
CODE_LIFETIME = timedelta(minutes=10)
RESEND_AFTER = timedelta(seconds=60)
MAX_PER_HOUR = 5
MAX_ATTEMPTS = 5
# Every purpose a code is sent for (the constants live beside their senders; a test keeps this complete).
# Each may have an SMS template of its own; without one the sign-in code's template serves.
CODE_PURPOSES = frozenset(
    {
        "worker_sign_in",
        "worker_register",
        "worker_phone_change",
        "employer_sign_up",
        "employer_sign_in",
        "kiosk_register",
        "kiosk_phone_change",
        "kiosk_phone_change_old",
        "kiosk_sign_in",
        "agreement_sign",
    }
)


def _hash(code: str, phone_digest: str) -> str:
    return hmac.new(phone_digest.encode(), code.encode(), hashlib.sha256).hexdigest()


def _phone(phone: str) -> str:
    try:
        return validate_mobile_phone(phone)
    except ValidationProblem as problem:
        raise InvalidInput(problem.message, code=problem.code, field="phone") from None


def _sms_limits(*, digest: str, purpose: str, now: datetime) -> None:
    """Per phone and purpose (a stranger cannot use up a worker's sign-in codes), per client, and a daily cap."""
    recent = SmsCode.objects.filter(phone_digest=digest, purpose=purpose, created_at__gt=now - timedelta(hours=1))
    last = recent.order_by("-created_at").values_list("created_at", flat=True).first()
    if last is not None and last > now - RESEND_AFTER:
        raise TooManyRequests(retry_after=(last + RESEND_AFTER - now).total_seconds())
    if recent.count() >= MAX_PER_HOUR:
        oldest = recent.order_by("created_at").values_list("created_at", flat=True).first()
        raise TooManyRequests(retry_after=(oldest + timedelta(hours=1) - now).total_seconds())
    address = client_address()
    if address:
        rate_limit_hit(
            scope="sms_address", key=address, limit=settings.SMS_CODES_PER_ADDRESS_HOUR, window=timedelta(hours=1)
        )
    try:
        rate_limit_hit(
            scope="sms_day",
            key=timezone.localdate(now).isoformat(),
            limit=settings.SMS_DAILY_CAP,
            window=timedelta(days=1),
            message=_("Codes cannot be sent any more today. Please go to a window, or try again tomorrow."),
        )
    except TooManyRequests:
        logger.error("SMS daily cap of %s codes reached: codes refused until tomorrow", settings.SMS_DAILY_CAP)
        raise


@transaction.atomic
def sms_code_send(*, phone: str, purpose: str, now: datetime | None = None, language: str | None = None) -> None:
    """Send a 6-digit code, within the limits (`_sms_limits`).

    In `language` (a known person's), else in the language of the page it was
    asked from (the active one). The code is a secret: redacted in the outbox.
    """
    now = now or timezone.now()
    phone = _phone(phone)
    digest = personal_digest(phone, kind="phone")
    _sms_limits(digest=digest, purpose=purpose, now=now)
    code = f"{secrets.randbelow(10**6):06d}"
    sms_code = SmsCode.objects.create(
        phone_digest=digest,
        purpose=purpose,
        code_hash=_hash(code, digest),
        expires_at=now + CODE_LIFETIME,
        created_at=now,
    )
    notification_send(
        kind=NotificationKind.SIGN_IN_CODE,
        phone=phone,
        language=language or translation.get_language(),
        message=_("Lingong verification code: %(code)s. Valid for 10 minutes. Do not tell anyone."),
        secret_params={"code": code},
        dedupe_key=f"sms_code:{sms_code.pk}",
        purpose=purpose,
        now=now,
    )


def sms_code_verify(*, phone: str, purpose: str, code: str, now: datetime | None = None) -> None:
    """Accept the newest unused code for this phone and purpose, once; else raise.

    The miss counter is committed before raising, so call this outside any
    transaction that the failure would roll back.
    """
    now = now or timezone.now()
    phone = _phone(phone)
    digest = personal_digest(phone, kind="phone")
    code = "".join(ch for ch in str(code or "") if ch.isdigit())[:6]
    with transaction.atomic():
        latest = (
            SmsCode.objects.select_for_update()
            .filter(phone_digest=digest, purpose=purpose, used_at__isnull=True, expires_at__gt=now)
            .order_by("-created_at")
            .first()
        )
        accepted = (
            latest is not None
            and latest.attempts < MAX_ATTEMPTS
            and hmac.compare_digest(latest.code_hash, _hash(code, digest))
        )
        if accepted:
            SmsCode.objects.filter(pk=latest.pk).update(used_at=now)
        elif latest is not None:
            SmsCode.objects.filter(pk=latest.pk).update(attempts=latest.attempts + 1)
    if not accepted:
        raise InvalidInput(
            _("The code is wrong or has expired. Please ask for a new one."), code="bad_code", field="code"
        )
