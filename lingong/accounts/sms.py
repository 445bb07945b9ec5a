"""SMS backends. The embedded default stands in for the phone network: it
keeps each delivered message in `SmsOutbox` (what the phone received, so
the demo can read its sign-in codes) and logs only the kind of message and
the masked number, never the text. Production uses a real gateway
(`lingong.notifications.aliyun.AliyunSmsBackend`) and refuses this one.

Nothing calls a backend directly: messages go through
`lingong.notifications.services.notification_send`.

The interface of a backend:

    send(*, phone, body, kind, purpose="", language="", params=None) -> str

`body` is the whole text in the recipient's language; a gateway bound to
pre-approved templates sends the template of `kind` (or of `purpose`, a
code's purpose) in `language` with `params` instead. It returns the
gateway's message id ("" when there is none). It raises `SmsRefused` when
retrying cannot help (a bad number, a missing template); any other
exception is a passing failure and the outbox tries again. A backend with
delivery receipts also has

    receipt(*, phone, provider_id, sent_at) -> SmsReceipt | None

(None while the carrier has not reported yet). Neither may log or put into
an exception the text or the parameters: they hold sign-in codes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils.module_loading import import_string

from lingong.core.crypto import seal
from lingong.core.masking import mask_phone

from .models import SmsOutbox

logger = logging.getLogger("lingong.sms")

DEFAULT_BACKEND = "lingong.accounts.sms.DatabaseConsoleBackend"


class SmsRefused(Exception):
    """The gateway refused the message for good: trying again cannot help."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code


@dataclass(frozen=True)
class SmsReceipt:
    """What the carrier reported for one message."""

    delivered: bool
    code: str  # the carrier's or gateway's status code, e.g. DELIVERED
    at: datetime | None = None


class DatabaseConsoleBackend:
    def send(self, *, phone: str, body: str, kind: str = "", purpose: str = "", language: str = "", params=None) -> str:
        SmsOutbox.objects.create(phone_sealed=seal(phone, purpose="phone"), phone_masked=mask_phone(phone), body=body)
        logger.info("SMS %s to %s", kind or "message", mask_phone(phone))
        return ""


def sms_backend():
    return import_string(getattr(settings, "SMS_BACKEND", DEFAULT_BACKEND))()
