"""SMS backends. The embedded default stands in for the phone network: it
keeps each delivered message in `SmsOutbox` (what the phone received, so
the demo can read its sign-in codes) and logs only the kind of message and
the masked number, never the text. A real gateway implements `send`.

Nothing calls a backend directly: messages go through
`lingong.notifications.services.notification_send`.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from lingong.core.crypto import seal
from lingong.core.masking import mask_phone

from .models import SmsOutbox

logger = logging.getLogger("lingong.sms")


class DatabaseConsoleBackend:
    def send(self, *, phone: str, body: str, kind: str = "") -> None:

        SmsOutbox.objects.create(phone_sealed=seal(phone, purpose="phone"), phone_masked=mask_phone(phone), body=body)
        logger.info("SMS %s to %s", kind or "message", mask_phone(phone))


def sms_backend():
    return import_string(getattr(settings, "SMS_BACKEND", "lingong.accounts.sms.DatabaseConsoleBackend"))()
