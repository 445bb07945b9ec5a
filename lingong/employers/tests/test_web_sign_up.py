"""Employers open an account themselves and sign in, by SMS code."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lingong.accounts.models import SmsCode, SmsOutbox, User
from lingong.core.errors import Conflict, InvalidInput
from lingong.employers.models import Employer
from lingong.employers.selectors import employer_find_by_phone
from lingong.employers.services import (
    employer_sign_in,
    employer_sign_in_code_send,
    employer_sign_up,
    employer_sign_up_code_send,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Call a code-sending service; the SMS leaves on commit, as after a real commit."""

    def call(function, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(**kwargs)

    return call


def code_for(phone: str) -> str:
    import re

    from lingong.core.masking import mask_phone

    body = SmsOutbox.objects.filter(phone_masked=mask_phone(phone)).latest("sent_at", "id").body
    return re.search(r"(?<!\d)(\d{6})(?!\d)", body).group(1)


FIELDS = dict(
    kind="enterprise",
    name="拉萨阳光酒店",
    uscc="91540100MA6T11125C",
    contact_name="格桑",
    contact_phone="13698765432",
    address="拉萨市城关区林廓北路",
    lat="29.66",
    lon="91.13",
)


def test_sign_up_creates_user_and_employer_together(send, stations):
    send(employer_sign_up_code_send, contact_phone="13698765432")
    code = code_for("13698765432")
    with pytest.raises(InvalidInput):  # a bad credit code: refused, the SMS code is not used up
        employer_sign_up(sms_code=code, **{**FIELDS, "uscc": "91540100MA6T11125X"})
    assert SmsCode.objects.get().used_at is None
    assert (Employer.objects.count(), User.objects.filter(role="employer").count()) == (0, 0)
    employer = employer_sign_up(sms_code=code, station=stations["gongdelin"], **FIELDS)
    assert (employer.user.role, employer.channel, employer.user.has_usable_password()) == ("employer", "web", False)
    assert employer_find_by_phone(phone="13698765432") == employer
    with pytest.raises(Conflict):
        send(employer_sign_up_code_send, contact_phone="13698765432")


def test_sign_in_by_code(send, stations):
    send(employer_sign_up_code_send, contact_phone="13698765432")
    employer = employer_sign_up(sms_code=code_for("13698765432"), **FIELDS)
    SmsCode.objects.update(created_at=SmsCode.objects.get().created_at - timedelta(minutes=2))  # past the resend limit
    with pytest.raises(Conflict):
        send(employer_sign_in_code_send, phone="13500000000")
    send(employer_sign_in_code_send, phone="13698765432")
    assert employer_sign_in(phone="13698765432", code=code_for("13698765432")) == employer
