"""The one way a message reaches a person.

`notification_send` renders the text in the recipient's language and writes
an outbox row inside the caller's transaction: if the change rolls back, so
does the message. After commit a task delivers it; a sweep every minute
delivers rows whose task was lost. Delivery claims the row with a
conditional update (pending → sending), so a message is never sent twice.
A gateway with receipts says later whether the phone got it
(`notification_receipts_pull`, every 5 minutes).
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from lingong.accounts.sms import SmsRefused, sms_backend
from lingong.core.crypto import seal, unseal
from lingong.core.masking import mask_phone

from .models import Notification, NotificationKind, NotificationStatus, ReceiptStatus

logger = logging.getLogger("lingong.notifications")

REDACTED = "******"
MAX_ATTEMPTS = 4  # the first try and 3 retries
RETRY_DELAY_SECONDS = 60
SWEEP_AFTER = timedelta(minutes=1)  # a pending row older than this has lost its task
RETRY_LOST_AFTER = timedelta(minutes=5)  # a retried row whose next try never came
SENDING_STUCK_AFTER = timedelta(minutes=10)  # the process died while sending: maybe sent, never resent
RECEIPT_GIVE_UP = timedelta(days=3)  # carriers report within 72 h; after that, no receipt will come
RECEIPT_BATCH = 300

_LANGUAGES = {code for code, _name in settings.LANGUAGES}


class DeliveryFailed(Exception):
    """The backend refused; the task retries while attempts are left."""


def notification_language(language: str | None) -> str:
    """One of settings.LANGUAGES; an unknown or empty one falls back to the default."""
    language = (language or "").lower()
    if language in _LANGUAGES:
        return language
    base = language.split("-")[0]
    return next((code for code in _LANGUAGES if code.split("-")[0] == base), settings.LANGUAGE_CODE)


def notification_render(*, message, language: str, params: dict | None = None) -> str:
    """The message in `language`, with its placeholders filled."""
    with translation.override(notification_language(language)):
        text = str(message) if isinstance(message, Promise) else gettext(message)
        values = {key: str(value) if isinstance(value, Promise) else value for key, value in (params or {}).items()}
        return text % values if values else text


def _template_params(*, language: str, params: dict) -> dict[str, str]:
    """Every parameter as the text the template gets, lazy translations in the recipient's language."""
    with translation.override(notification_language(language)):
        return {key: str(value) for key, value in params.items()}


@transaction.atomic
def notification_send(
    *,
    kind: str,
    phone: str,
    language: str | None,
    message,
    params: dict | None = None,
    secret_params: dict | None = None,
    dedupe_key: str | None = None,
    purpose: str = "",
    user=None,
    station=None,
    now: datetime | None = None,
) -> Notification:
    """Write one message to the outbox; it is delivered after the caller's transaction commits.

    `message` is a msgid marked for translation (`gettext_lazy` or
    `gettext_noop`), `params` fill it; `secret_params` (codes) go into the
    delivered text only and show as ****** everywhere else. The same
    `dedupe_key` twice returns the first row: one event, one message.
    `purpose` (a sign-in code's) may pick an SMS template of its own.
    """
    if kind not in NotificationKind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    language = notification_language(language)
    if dedupe_key:
        existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    secret_params = secret_params or {}
    full = notification_render(message=message, language=language, params={**(params or {}), **secret_params})
    shown = notification_render(
        message=message, language=language, params={**(params or {}), **{key: REDACTED for key in secret_params}}
    )
    template_params = _template_params(language=language, params={**(params or {}), **secret_params})
    notification = Notification(
        kind=kind,
        purpose=purpose,
        phone_sealed=seal(phone, purpose="phone"),
        phone_masked=mask_phone(phone),
        user=user,
        station=station,
        language=language,
        body=shown,
        payload_sealed=seal(full, purpose="notification"),
        params_sealed=seal(json.dumps(template_params, ensure_ascii=False), purpose="notification"),
        dedupe_key=dedupe_key or f"{kind}:{uuid.uuid4().hex}",
        created_at=now or timezone.now(),
    )
    notification.full_clean(
        exclude=["phone_sealed", "payload_sealed", "params_sealed", "dedupe_key", "user", "station"]
    )
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        return Notification.objects.get(dedupe_key=notification.dedupe_key)
    transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


def _enqueue(notification_id: int) -> None:
    from .tasks import notification_deliver_task  # noqa: PLC0415  the task module imports this one

    try:
        notification_deliver_task(notification_id)
    except Exception:  # the queue is down: the sweep delivers it later
        logger.exception("notification %s: could not enqueue; the sweep will deliver it", notification_id)


def notification_deliver(*, notification_id: int, now: datetime | None = None) -> str:
    """Send one pending message once; returns its status afterwards.

    Raises DeliveryFailed when the backend failed and attempts are left, so
    that the task is retried; after the last attempt, or at once when the
    gateway refused for good (`SmsRefused`: a bad number, a missing
    template), the row is failed with the gateway's code.
    """

    now = now or timezone.now()
    claimed = Notification.objects.filter(pk=notification_id, status=NotificationStatus.PENDING).update(
        status=NotificationStatus.SENDING,
        attempted_at=now,
    )
    notification = Notification.objects.get(pk=notification_id)
    if claimed != 1:
        return notification.status  # sent, being sent by another worker, or failed: nothing to do
    attempts = notification.attempts + 1
    try:
        params = unseal(notification.params_sealed, purpose="notification") if notification.params_sealed else "{}"
        backend = sms_backend()
        provider_id = backend.send(
            phone=unseal(notification.phone_sealed, purpose="phone"),
            body=unseal(notification.payload_sealed, purpose="notification"),
            kind=notification.kind,
            purpose=notification.purpose,
            language=notification.language,
            params=json.loads(params),
        )
    except Exception as error:  # any backend error counts as one failed attempt
        final = attempts >= MAX_ATTEMPTS or isinstance(error, SmsRefused)
        Notification.objects.filter(pk=notification_id, status=NotificationStatus.SENDING).update(
            status=NotificationStatus.FAILED if final else NotificationStatus.PENDING,
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:300],
            **({"payload_sealed": "", "params_sealed": ""} if final else {}),
        )
        # Kind, masked number and the gateway's code only: the text and its parameters hold codes.
        logger.warning(
            "notification %s (%s to %s): attempt %s failed (%s)",
            notification_id,
            notification.kind,
            notification.phone_masked,
            attempts,
            getattr(error, "code", type(error).__name__),
        )
        if final:
            return NotificationStatus.FAILED
        raise DeliveryFailed(str(error)) from error
    Notification.objects.filter(pk=notification_id, status=NotificationStatus.SENDING).update(
        status=NotificationStatus.SENT,
        attempts=attempts,
        sent_at=now,
        payload_sealed="",
        params_sealed="",
        last_error="",
        provider_id=(provider_id or "")[:64],
        receipt=ReceiptStatus.WAITING if provider_id and hasattr(backend, "receipt") else "",
    )
    return NotificationStatus.SENT


def notification_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Deliver what a lost task left pending; mark rows stuck in sending as failed.

    A row stuck in `sending` may or may not have reached the phone: it is
    failed (visible to staff), never sent again.
    """
    now = now or timezone.now()
    stuck = Notification.objects.filter(status=NotificationStatus.SENDING, attempted_at__lt=now - SENDING_STUCK_AFTER)
    interrupted = stuck.update(
        status=NotificationStatus.FAILED,
        payload_sealed="",
        params_sealed="",
        last_error="interrupted while sending; not sent again",
    )
    left = (
        Notification.objects.filter(status=NotificationStatus.PENDING)
        .filter(
            Q(attempted_at__isnull=True, created_at__lte=now - SWEEP_AFTER)
            | Q(attempted_at__lte=now - RETRY_LOST_AFTER)
        )
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:500]
    )
    counts = {"sent": 0, "failed": 0, "interrupted": interrupted}
    for pk in list(left):
        try:
            status = notification_deliver(notification_id=pk, now=now)
        except DeliveryFailed:
            continue
        if status in counts:
            counts[status] += 1
    return counts


def notification_receipts_pull(*, now: datetime | None = None) -> dict[str, int]:
    """Ask the gateway what became of the messages it took; record delivered or not, with the code.

    Newest first, at most RECEIPT_BATCH a run; a message without a receipt
    after RECEIPT_GIVE_UP is marked as having none. When the gateway does
    not answer, the run stops and the next one asks again.
    """
    now = now or timezone.now()
    waiting = Notification.objects.filter(receipt=ReceiptStatus.WAITING)
    counts = {
        "delivered": 0,
        "undelivered": 0,
        "unknown": waiting.filter(sent_at__lt=now - RECEIPT_GIVE_UP).update(receipt=ReceiptStatus.UNKNOWN),
    }
    rows = list(
        waiting.filter(sent_at__gte=now - RECEIPT_GIVE_UP)
        .exclude(provider_id="")
        .order_by("-sent_at", "-id")
        .values_list("pk", "phone_sealed", "provider_id", "sent_at")[:RECEIPT_BATCH]
    )
    if not rows:
        return counts
    backend = sms_backend()
    if not hasattr(backend, "receipt"):
        return counts  # the gateway changed since: these receipts cannot be asked for
    for pk, phone_sealed, provider_id, sent_at in rows:
        try:
            receipt = backend.receipt(
                phone=unseal(phone_sealed, purpose="phone"), provider_id=provider_id, sent_at=sent_at
            )
        except Exception as error:  # the gateway is down or refuses: the next run asks again
            logger.warning("SMS receipts: the gateway did not answer (%s); the next run asks again", error)
            break
        if receipt is None:
            continue
        status = ReceiptStatus.DELIVERED if receipt.delivered else ReceiptStatus.UNDELIVERED
        counts[status] += Notification.objects.filter(pk=pk, receipt=ReceiptStatus.WAITING).update(
            receipt=status, receipt_code=receipt.code[:64], receipt_at=receipt.at
        )
    return counts
