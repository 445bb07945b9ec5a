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


# --- limits per purpose, per client address, and a daily cap ------------------------------------


def test_a_stranger_asking_other_codes_does_not_use_up_the_sign_in_codes():
    for minute in range(5):
        sms_code_send(phone=PHONE, purpose="worker_register", now=T0 + timedelta(minutes=2 * minute))
    with pytest.raises(TooManyRequests):
        sms_code_send(phone=PHONE, purpose="worker_register", now=T0 + timedelta(minutes=11))
    sms_code_send(phone=PHONE, purpose="worker_sign_in", now=T0 + timedelta(minutes=11))  # its own quota


def test_one_client_cannot_send_codes_to_a_hundred_phones(settings):
    from lingong.core.client import _client_address

    settings.SMS_CODES_PER_ADDRESS_HOUR = 10
    token = _client_address.set("203.0.113.7")
    try:
        sent = 0
        for n in range(100):
            try:
                sms_code_send(phone=f"1390000{n:04d}", purpose="worker_register", now=T0)
                sent += 1
            except TooManyRequests:
                pass
    finally:
        _client_address.reset(token)
    assert sent == 10 and SmsOutbox.objects.count() == 10
    other = _client_address.set("198.51.100.1")
    try:
        sms_code_send(phone="13912345678", purpose="worker_register", now=T0)  # another client is not held up
    finally:
        _client_address.reset(other)


def test_the_daily_cap_stops_every_code_with_a_clear_message(settings):
    settings.SMS_DAILY_CAP = 3
    for n in range(3):
        sms_code_send(phone=f"1370000{n:04d}", purpose="worker_register", now=T0)
    with pytest.raises(TooManyRequests) as refused:
        sms_code_send(phone="13700009999", purpose="worker_register", now=T0)
    assert "window" in str(refused.value.message) or "窗口" in str(refused.value.message)


def test_counts_are_shared_by_every_process_through_the_database_cache():
    """A count made by one connection is seen by another (as another web process would)."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    from lingong.core.ratelimit import rate_limit_hit

    rate_limit_hit(scope="test", key="k", limit=5, window=timedelta(minutes=1))
    other = DatabaseCache("lingong_cache", {})  # a fresh cache object: no memory shared with the first
    assert isinstance(caches["default"], DatabaseCache)
    keys = _keys_of(other)  # the count and the time it started, in no set order
    (count_key,) = [key for key in keys if not key.endswith(":start")]
    assert other.get(count_key) == 1
    assert other.get(count_key + ":start") is not None


def _keys_of(cache_object):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM lingong_cache")
        return [row[0].split(":", 2)[-1] for row in cursor.fetchall()]
