"""SMS backends. The embedded default keeps messages in the database and
prints them to the console; a real gateway implements `send`."""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from lingong.core.crypto import seal
from lingong.core.masking import mask_phone

logger = logging.getLogger("lingong.sms")


class DatabaseConsoleBackend:
    def send(self, *, phone: str, body: str) -> None:
        from .models import SmsOutbox

        SmsOutbox.objects.create(phone_sealed=seal(phone, purpose="phone"), phone_masked=mask_phone(phone), body=body)
        logger.info("SMS to %s: %s", mask_phone(phone), body)


def sms_backend():
    return import_string(getattr(settings, "SMS_BACKEND", "lingong.accounts.sms.DatabaseConsoleBackend"))()
