from datetime import timedelta

import pytest

from lingong.accounts.models import SmsCode, SmsOutbox
from lingong.core.errors import InvalidInput, TooManyRequests
from lingong.notifications.codes import sms_code_send, sms_code_verify
from lingong.testing.clock import TEST_NOW

pytestmark = pytest.mark.django_db(transaction=True)  # on_commit sends the message
T0 = TEST_NOW
PHONE = "13800138000"


def sent_code() -> str:
    body = SmsOutbox.objects.latest("sent_at").body
    return "".join(ch for ch in body if ch.isdigit())[:6]


def test_code_is_sent_masked_and_accepted_once():
    sms_code_send(phone=PHONE, purpose="login", now=T0)
    message = SmsOutbox.objects.get()
    assert message.phone_masked == "138****8000" and PHONE not in message.phone_sealed
    code = sent_code()
    sms_code_verify(phone=PHONE, purpose="login", code=code, now=T0 + timedelta(minutes=9))
    with pytest.raises(InvalidInput) as caught:
        sms_code_verify(phone=PHONE, purpose="login", code=code, now=T0 + timedelta(minutes=9))
    assert caught.value.code == "bad_code"


def test_code_expires_after_ten_minutes_and_is_bound_to_its_purpose():
    sms_code_send(phone=PHONE, purpose="login", now=T0)
    code = sent_code()
    with pytest.raises(InvalidInput):
        sms_code_verify(phone=PHONE, purpose="phone_change", code=code, now=T0)
    with pytest.raises(InvalidInput):
        sms_code_verify(phone=PHONE, purpose="login", code=code, now=T0 + timedelta(minutes=10, seconds=1))


def test_five_wrong_guesses_burn_the_code():
    sms_code_send(phone=PHONE, purpose="login", now=T0)
    code = sent_code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        with pytest.raises(InvalidInput):
            sms_code_verify(phone=PHONE, purpose="login", code=wrong, now=T0)
    assert SmsCode.objects.get().attempts == 5
    with pytest.raises(InvalidInput):
        sms_code_verify(phone=PHONE, purpose="login", code=code, now=T0)


def test_sending_is_rate_limited():
    sms_code_send(phone=PHONE, purpose="login", now=T0)
    with pytest.raises(TooManyRequests):
        sms_code_send(phone=PHONE, purpose="login", now=T0 + timedelta(seconds=30))
    for minute in range(1, 5):
        sms_code_send(phone=PHONE, purpose="login", now=T0 + timedelta(minutes=minute * 2))
    with pytest.raises(TooManyRequests):
        sms_code_send(phone=PHONE, purpose="login", now=T0 + timedelta(minutes=20))
    assert SmsCode.objects.count() == 5
    sms_code_send(phone=PHONE, purpose="login", now=T0 + timedelta(minutes=61))


@pytest.mark.parametrize("phone", ["", "123", "abc", None, "+1 415 555 0100"])
def test_bad_phone_is_refused(phone):
    with pytest.raises(InvalidInput):
        sms_code_send(phone=phone, purpose="login", now=T0)
    assert SmsCode.objects.count() == 0
