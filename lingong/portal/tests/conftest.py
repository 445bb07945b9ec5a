"""Portal test helpers: SMS codes read back from the outbox, accounts of both doors."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db.models import F


def sms_code(phone: str) -> str:
    """The code of the newest SMS to this phone (from the embedded backend's outbox)."""
    from lingong.accounts.models import SmsOutbox
    from lingong.core.masking import mask_phone

    body = SmsOutbox.objects.filter(phone_masked=mask_phone(phone)).latest("sent_at", "id").body
    return re.search(r"(?<!\d)(\d{6})(?!\d)", body).group(1)


def sms_age_codes() -> None:
    """Pretend the last codes were sent minutes ago (the resend limit is one a minute)."""
    from lingong.accounts.models import SmsCode

    SmsCode.objects.update(created_at=F("created_at") - timedelta(minutes=2))


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST that runs on-commit work (the SMS backend) as a real commit would."""

    def post(url, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **kwargs)

    return post


@pytest.fixture
def employer_account(db, stations):
    """An enterprise employer that signed up on the web (has a sign-in user)."""
    from lingong.accounts.models import User
    from lingong.employers.services import employer_register

    def make(phone="13700137000", uscc="91540100MA6T11117H", name="拉萨雪域餐饮有限公司"):
        user = User.objects.create_user(username=f"emp-{phone}", role="employer")
        return employer_register(
            kind="enterprise",
            name=name,
            uscc=uscc,
            contact_name="卓玛",
            contact_phone=phone,
            address="拉萨市城关区北京中路",
            channel="web",
            actor=user,
            user=user,
            station=stations["gongdelin"],
            lat="29.65",
            lon="91.12",
        )

    return make


@pytest.fixture
def migrated_data(reference_data):
    """Reference data for the live server (see lingong.testing.browser.reference_data)."""
