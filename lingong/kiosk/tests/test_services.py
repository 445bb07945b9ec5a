"""The kiosk's domain rules: every refusal of a card read, QR sign-in, personal codes, staff calls."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import signing
from django.utils import translation

from lingong.core.errors import ApplicationError, Conflict, NotAllowed
from lingong.kiosk import services
from lingong.kiosk.models import CardReadNonce, KioskLoginCode, StaffCallRequest
from lingong.kiosk.services import CardRefused, card_read_verify
from lingong.testing.clock import TEST_TODAY, days, local

NOW = local(TEST_TODAY, 12)
TODAY = TEST_TODAY
TS = int(NOW.timestamp())


def english(message) -> str:
    with translation.override("en"):
        return str(message)


def verify(kiosk, message, now=NOW):
    return card_read_verify(kiosk=kiosk, message=message, now=now, today=TODAY)


def refused(kiosk, message, code, now=NOW):
    with pytest.raises(CardRefused) as caught:
        verify(kiosk, message, now=now)
    assert caught.value.code == code
    assert str(caught.value.message)
    return caught.value


def test_a_good_read_gives_the_card_data(kiosk, signed, id_numbers):
    card = verify(kiosk, signed(id_numbers[5], "次仁", timestamp=TS))
    assert card.id_number == id_numbers[5]
    assert card.name == "次仁"
    assert card.birth_date == f"{id_numbers[5][6:10]}-{id_numbers[5][10:12]}-{id_numbers[5][12:14]}"
    assert card.sex == ("male" if int(id_numbers[5][16]) % 2 else "female")
    assert card.source == "chip"
    assert CardReadNonce.objects.count() == 1
    assert services.CardData.unseal(card.seal()) == card


def test_long_term_card_is_valid(kiosk, signed, id_numbers):
    assert verify(kiosk, signed(id_numbers[5], timestamp=TS, valid_until="长期")).name == "次仁"


@pytest.mark.parametrize(
    "message", [None, [], "x", {}, {"fields": {}, "nonce": "short", "timestamp": TS, "signature": "x"}]
)
def test_malformed_messages_are_refused(kiosk, message):
    refused(kiosk, message, "card_malformed")
    assert CardReadNonce.objects.count() == 0


def test_a_bad_signature_is_refused_and_uses_no_nonce(kiosk, signed, id_numbers):
    refused(kiosk, signed(id_numbers[5], timestamp=TS, key="not-the-secret"), "card_bad_signature")
    tampered = signed(id_numbers[5], timestamp=TS)
    tampered["fields"]["name"] = "别人"
    refused(kiosk, tampered, "card_bad_signature")
    assert CardReadNonce.objects.count() == 0


def test_a_read_for_another_kiosk_is_refused(kiosk, signed, id_numbers):
    refused(kiosk, signed(id_numbers[5], timestamp=TS, kiosk_code="market-1"), "card_wrong_kiosk")


@pytest.mark.parametrize("age", [61, -61, 3600])
def test_stale_or_future_reads_are_refused(kiosk, signed, id_numbers, age):
    refused(kiosk, signed(id_numbers[5], timestamp=TS - age), "card_stale")
    assert CardReadNonce.objects.count() == 0


def test_a_read_60_seconds_old_is_accepted(kiosk, signed, id_numbers):
    assert verify(kiosk, signed(id_numbers[5], timestamp=TS - 60)).name == "次仁"


def test_a_replayed_read_is_refused(kiosk, signed, id_numbers):
    message = signed(id_numbers[5], timestamp=TS)
    verify(kiosk, message)
    refused(kiosk, message, "card_replayed", now=NOW + timedelta(seconds=5))
    assert CardReadNonce.objects.count() == 1


def test_an_expired_card_is_refused(kiosk, signed, id_numbers):
    refused(kiosk, signed(id_numbers[5], timestamp=TS, valid_until=f"{days(-1):%Y%m%d}"), "card_expired")
    assert verify(kiosk, signed(id_numbers[5], timestamp=TS, valid_until=f"{TODAY:%Y%m%d}")).name == "次仁"


def test_an_unreadable_expiry_is_refused(kiosk, signed, id_numbers):
    refused(kiosk, signed(id_numbers[5], timestamp=TS, valid_until="2026-13-40"), "card_bad_date")


def test_an_invalid_id_number_is_refused(kiosk, signed, id_numbers):
    wrong = id_numbers[5][:17] + ("0" if id_numbers[5][17] != "0" else "1")
    error = refused(kiosk, signed(wrong, timestamp=TS), "card_checksum")
    assert english(error.message) == "The ID number is not valid: please check every digit."


def test_a_birth_date_that_disagrees_with_the_number_is_refused(kiosk, signed, id_numbers):
    error = refused(kiosk, signed(id_numbers[5], timestamp=TS, birth_date="19990101"), "card_birth_mismatch")
    assert english(error.message) == "The birth date on the card does not match the ID number."


def test_a_sex_that_disagrees_with_the_number_is_refused(kiosk, signed, id_numbers):
    number = id_numbers[5]
    wrong = "女" if int(number[16]) % 2 else "男"
    error = refused(kiosk, signed(number, timestamp=TS, sex=wrong), "card_sex_mismatch")
    assert english(error.message) == "The sex on the card does not match the ID number."


def test_a_missing_name_is_refused(kiosk, signed, id_numbers):
    refused(kiosk, signed(id_numbers[5], "  ", timestamp=TS), "card_bad_name")


def test_an_inactive_kiosk_refuses_reads(kiosk, signed, id_numbers):
    kiosk.is_active = False
    refused(kiosk, signed(id_numbers[5], timestamp=TS), "card_wrong_kiosk")


def test_nonces_are_unique_per_kiosk_in_the_database(kiosk):
    from django.db import IntegrityError, transaction

    CardReadNonce.objects.create(kiosk=kiosk, nonce="a" * 32, seen_at=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        CardReadNonce.objects.create(kiosk=kiosk, nonce="a" * 32, seen_at=NOW)


# --- wedge scans and typed numbers: never a sign-in by themselves ---------------------------


def test_a_typed_number_sends_a_code_to_the_registered_phone_and_only_the_code_signs_in(
    kiosk, register_worker, id_numbers, django_capture_on_commit_callbacks
):
    from lingong.accounts.models import SmsCode

    worker = register_worker()  # the fixture's first worker holds id_numbers[1]
    with django_capture_on_commit_callbacks(execute=True):
        number = services.kiosk_typed_sign_in_start(kiosk=kiosk, value=id_numbers[1] + "\n")
    assert number == id_numbers[1] and SmsCode.objects.filter(purpose=services.SIGN_IN_PURPOSE).count() == 1
    with pytest.raises(ApplicationError) as refused:
        services.kiosk_typed_sign_in_finish(kiosk=kiosk, id_number=number, code="000000")
    assert refused.value.code == "bad_code"
    code = sms_sent_code(worker)
    assert services.kiosk_typed_sign_in_finish(kiosk=kiosk, id_number=number, code=code) == worker


def test_a_typed_unregistered_number_answers_the_same_and_sends_nothing(kiosk, id_numbers):
    from lingong.accounts.models import SmsCode

    assert services.kiosk_typed_sign_in_start(kiosk=kiosk, value=id_numbers[7]) == id_numbers[7]
    assert not SmsCode.objects.exists()
    with pytest.raises(ApplicationError) as refused:
        services.kiosk_typed_sign_in_finish(kiosk=kiosk, id_number=id_numbers[7], code="123456")
    assert refused.value.code == "bad_code"  # the very answer a registered number with a wrong code gets


def test_typing_numbers_is_throttled_per_kiosk_and_per_number(kiosk, id_numbers):
    from lingong.core.errors import TooManyRequests

    for _ in range(services.TYPED_PER_NUMBER):
        services.kiosk_typed_sign_in_start(kiosk=kiosk, value=id_numbers[7])
    with pytest.raises(TooManyRequests):
        services.kiosk_typed_sign_in_start(kiosk=kiosk, value=id_numbers[7])
    for n in range(8, 8 + services.TYPED_PER_KIOSK):
        try:
            services.kiosk_typed_sign_in_start(kiosk=kiosk, value=id_numbers[n])
        except TooManyRequests:
            break
    else:
        pytest.fail("the kiosk was never throttled")


def test_a_wedge_scan_of_a_bad_number_is_refused(kiosk):
    with pytest.raises(CardRefused) as caught:
        services.kiosk_typed_sign_in_start(kiosk=kiosk, value="54010219800101123")
    assert caught.value.code == "card_length"


def test_a_personal_code_identifies_once(kiosk, register_worker):
    worker = register_worker()
    token = services.personal_code_issue(worker=worker)
    assert services.kiosk_scan_identify(kiosk=kiosk, value=token) == worker
    with pytest.raises(CardRefused) as caught:
        services.kiosk_scan_identify(kiosk=kiosk, value=token)
    assert caught.value.code == "card_replayed"


def sms_sent_code(worker) -> str:
    """The code in the last SMS to this worker's phone (the demo SMS backend keeps it)."""
    import re

    from lingong.accounts.models import SmsOutbox

    body = SmsOutbox.objects.filter(phone_masked=worker.phone_masked).latest("id").body
    return re.search(r"\d{6}", body).group(0)


def test_a_forged_or_expired_personal_code_is_refused(kiosk, register_worker, monkeypatch):
    worker = register_worker()
    forged = signing.TimestampSigner(salt="other").sign(f"{worker.pk}.abc")
    with pytest.raises(CardRefused) as caught:
        services.kiosk_scan_identify(kiosk=kiosk, value=forged)
    assert caught.value.code == "personal_code_invalid"
    token = services.personal_code_issue(worker=worker)
    import time

    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 121)
    with pytest.raises(CardRefused) as caught:
        services.kiosk_scan_identify(kiosk=kiosk, value=token)
    assert caught.value.code == "personal_code_expired"


# --- QR sign-in ------------------------------------------------------------------------


def test_qr_code_is_long_hashed_single_use(kiosk, register_worker):
    worker = register_worker()
    code, raw = services.kiosk_login_code_issue(kiosk=kiosk, now=NOW)
    assert len(raw) >= 32  # 24 random bytes = 192 bits
    assert raw not in code.code_hash and KioskLoginCode.objects.filter(code_hash=code.code_hash).count() == 1
    assert code.expires_at - code.created_at == timedelta(seconds=90)
    assert services.kiosk_login_code_claim(kiosk=kiosk, code_id=code.pk, now=NOW) == ("pending", None)
    services.kiosk_login_code_confirm(raw=raw, user=worker.user, now=NOW + timedelta(seconds=10))
    with pytest.raises(services.LoginCodeInvalid):
        services.kiosk_login_code_confirm(raw=raw, user=worker.user, now=NOW + timedelta(seconds=11))
    assert services.kiosk_login_code_claim(kiosk=kiosk, code_id=code.pk, now=NOW + timedelta(seconds=12)) == (
        "confirmed",
        worker,
    )
    assert services.kiosk_login_code_claim(kiosk=kiosk, code_id=code.pk, now=NOW + timedelta(seconds=13)) == (
        "expired",
        None,
    )


def test_qr_code_expires_after_90_seconds(kiosk, register_worker):
    worker = register_worker()
    code, raw = services.kiosk_login_code_issue(kiosk=kiosk, now=NOW)
    with pytest.raises(services.LoginCodeInvalid):
        services.kiosk_login_code_confirm(raw=raw, user=worker.user, now=NOW + timedelta(seconds=91))
    assert services.kiosk_login_code_claim(kiosk=kiosk, code_id=code.pk, now=NOW + timedelta(seconds=91)) == (
        "expired",
        None,
    )
    assert KioskLoginCode.objects.get().confirmed_at is None


def test_qr_code_needs_a_signed_in_worker(kiosk, staff):
    from django.contrib.auth.models import AnonymousUser

    _code, raw = services.kiosk_login_code_issue(kiosk=kiosk, now=NOW)
    for user in (AnonymousUser(), staff):
        with pytest.raises(NotAllowed):
            services.kiosk_login_code_confirm(raw=raw, user=user, now=NOW)
    assert KioskLoginCode.objects.get().confirmed_at is None


def test_a_claim_from_another_kiosk_gets_nothing(kiosk, register_worker, stations, admin_user):
    from lingong.stations.services import kiosk_register

    other, _secret = kiosk_register(station=stations["market"], code="market-1", label="1", actor=admin_user)
    worker = register_worker()
    code, raw = services.kiosk_login_code_issue(kiosk=kiosk, now=NOW)
    services.kiosk_login_code_confirm(raw=raw, user=worker.user, now=NOW)
    assert services.kiosk_login_code_claim(kiosk=other, code_id=code.pk, now=NOW) == ("expired", None)
    assert KioskLoginCode.objects.get().used_at is None


# --- device binding, staff calls -------------------------------------------------------------


def test_device_token_round_trip_and_forgery(kiosk):
    assert services.kiosk_from_device_token(services.kiosk_device_token(kiosk=kiosk)) == kiosk
    assert services.kiosk_from_device_token("forged:token") is None
    assert services.kiosk_from_device_token(None) is None


def test_a_kiosk_is_read_on_every_request_and_its_station_from_the_process(kiosk, django_assert_num_queries):
    token = services.kiosk_device_token(kiosk=kiosk)
    services.kiosk_from_device_token(token)  # the process's stations are read once
    with django_assert_num_queries(1) as captured:
        found = services.kiosk_from_device_token(token)
        assert (found.station.pk, found.station.name_zh) == (kiosk.station.pk, kiosk.station.name_zh)
        assert services.kiosk_secret(found)  # a card read's secret, from the kiosk's own row
    assert "stations_station" not in captured.captured_queries[0]["sql"]  # no join: it cost as much as the kiosk
    # Retired: the next request stops, whatever any process keeps.
    kiosk.is_active = False
    kiosk.save()
    assert services.kiosk_from_device_token(token) is None
    # A kiosk of a station closed since still opens, its station read from the database.
    kiosk.is_active = True
    kiosk.save()
    kiosk.station.is_active = False
    kiosk.station.save()
    assert services.kiosk_from_device_token(token).station.name_zh == kiosk.station.name_zh


def test_only_staff_of_the_station_bind_a_device(kiosk, staff, other_staff, register_worker):
    assert services.kiosk_device_bind(kiosk=kiosk, actor=staff)
    for actor in (other_staff, register_worker().user):
        with pytest.raises(NotAllowed):
            services.kiosk_device_bind(kiosk=kiosk, actor=actor)


def test_staff_call_is_one_per_kiosk_until_closed(kiosk, staff, other_staff, register_worker):
    from lingong.kiosk.selectors import staff_call_list_open

    worker = register_worker()
    call = services.staff_call_create(kiosk=kiosk)
    assert services.staff_call_create(kiosk=kiosk, worker=worker) == call
    assert list(staff_call_list_open(user=staff, station=kiosk.station)) == [call]
    assert staff_call_list_open(user=staff, station=kiosk.station).get().worker == worker
    with pytest.raises(NotAllowed):
        staff_call_list_open(user=other_staff, station=kiosk.station)
    with pytest.raises(NotAllowed):
        services.staff_call_close(call=call, actor=other_staff)
    services.staff_call_close(call=call, actor=staff)
    with pytest.raises(Conflict):
        services.staff_call_close(call=call, actor=staff)
    assert StaffCallRequest.objects.get().status == "done"
    assert list(staff_call_list_open(user=staff, station=kiosk.station)) == []


def test_register_from_a_wedge_card_is_refused(kiosk, id_numbers, job_types):
    from django.conf import settings

    from lingong.workers.models import Worker

    card = services.CardData(id_number=id_numbers[9], source="wedge")
    with pytest.raises(ApplicationError) as caught:
        services.kiosk_worker_register(
            kiosk=kiosk,
            card=card,
            phone="13900000009",
            phone_proof="",
            job_type_ids=[job_types["mover"].pk],
            availability="days",
            consent_notice_version=settings.CONSENT_NOTICE_VERSION,
            read_aloud=False,
        )
    assert caught.value.code == "card_required"
    assert Worker.objects.count() == 0


def _chip_card(id_number):
    return services.CardData(id_number=id_number, name="次仁", source="chip")


def test_register_needs_a_phone_proven_by_its_sms_code(
    kiosk, id_numbers, job_types, django_capture_on_commit_callbacks
):
    import re

    from django.conf import settings

    from lingong.accounts.models import SmsOutbox
    from lingong.workers.models import Worker

    fields = dict(
        kiosk=kiosk,
        card=_chip_card(id_numbers[9]),
        phone="13900000009",
        job_type_ids=[job_types["mover"].pk],
        availability="days",
        consent_notice_version=settings.CONSENT_NOTICE_VERSION,
        read_aloud=False,
        min_day_pay_fen=25000,
    )
    for proof in ("", "forged", signing.dumps({"phone": "13900000008"}, salt=services.PHONE_PROOF_SALT)):
        with pytest.raises(ApplicationError) as caught:
            services.kiosk_worker_register(phone_proof=proof, **fields)
        assert caught.value.code == "phone_unverified"
    assert Worker.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.kiosk_register_code_send(phone="139 0000 0009") == "13900000009"
    code = re.search(r"\d{6}", SmsOutbox.objects.get(phone_masked="139****0009").body).group(0)
    with pytest.raises(ApplicationError) as caught:
        services.kiosk_register_phone_verify(phone="13900000009", code="000000" if code != "000000" else "111111")
    assert caught.value.code == "bad_code"
    proof = services.kiosk_register_phone_verify(phone="13900000009", code=code)
    worker = services.kiosk_worker_register(phone_proof=proof, **fields)
    assert (worker.phone_masked, worker.min_day_pay_fen, worker.channel) == ("139****0009", 25000, "kiosk")


def test_a_proof_expires(kiosk, id_numbers, job_types):
    import time_machine
    from django.conf import settings
    from django.utils import timezone as dj_timezone

    proof = signing.dumps({"phone": "13900000009"}, salt=services.PHONE_PROOF_SALT)
    with time_machine.travel(dj_timezone.now() + timedelta(seconds=services.PHONE_PROOF_MAX_AGE + 5)):
        with pytest.raises(ApplicationError) as caught:
            services.kiosk_worker_register(
                kiosk=kiosk,
                card=_chip_card(id_numbers[9]),
                phone="13900000009",
                phone_proof=proof,
                job_type_ids=[job_types["mover"].pk],
                availability="days",
                consent_notice_version=settings.CONSENT_NOTICE_VERSION,
                read_aloud=False,
            )
    assert caught.value.code == "phone_unverified"


def test_register_refuses_a_lowest_pay_that_is_not_offered(kiosk, id_numbers, job_types):
    from django.conf import settings

    from lingong.workers.models import Worker

    proof = signing.dumps({"phone": "13900000009"}, salt=services.PHONE_PROOF_SALT)
    with pytest.raises(ApplicationError) as caught:
        services.kiosk_worker_register(
            kiosk=kiosk,
            card=_chip_card(id_numbers[9]),
            phone="13900000009",
            phone_proof=proof,
            job_type_ids=[job_types["mover"].pk],
            availability="days",
            min_day_pay_fen=12345,
            consent_notice_version=settings.CONSENT_NOTICE_VERSION,
            read_aloud=False,
        )
    assert caught.value.code == "min_pay_invalid"
    assert Worker.objects.count() == 0


def test_a_phone_already_used_gets_no_code(kiosk, register_worker, django_capture_on_commit_callbacks):
    from lingong.accounts.models import SmsCode

    register_worker()  # holds 13900000001
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError) as caught:
        services.kiosk_register_code_send(phone="13900000001")
    assert caught.value.code == "phone_taken"
    assert SmsCode.objects.count() == 0
