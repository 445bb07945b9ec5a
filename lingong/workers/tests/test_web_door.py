"""Sign-in, self-registration and phone change on the web, by SMS code."""

from __future__ import annotations

import pytest
from django.conf import settings

from lingong.accounts.models import SmsCode, SmsOutbox
from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.workers.models import Worker
from lingong.workers.services import (
    NotRegistered,
    TradeSkill,
    worker_phone_change_by_sms,
    worker_phone_change_code_send,
    worker_register_code_send,
    worker_register_web,
    worker_sign_in,
    worker_sign_in_code_send,
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


def other(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def test_sign_in_only_for_registered_phones(send, register_worker):
    worker = register_worker()
    with pytest.raises(NotRegistered):
        send(worker_sign_in_code_send, phone="13512345678")
    with pytest.raises(InvalidInput):
        send(worker_sign_in_code_send, phone="123")
    assert SmsOutbox.objects.count() == 0
    send(worker_sign_in_code_send, phone="13900000001")
    code = code_for("13900000001")
    with pytest.raises(InvalidInput):
        worker_sign_in(phone="13900000001", code=other(code))
    assert worker_sign_in(phone="139 0000 0001", code=code) == worker
    with pytest.raises(InvalidInput):  # single use
        worker_sign_in(phone="13900000001", code=code)


def test_web_registration_checks_everything_before_using_the_code(send, job_types, id_numbers):
    send(worker_register_code_send, phone="13611112222")
    code = code_for("13611112222")
    fields = dict(
        name="次仁",
        id_number=id_numbers[150],
        phone="13611112222",
        trades=[TradeSkill(job_types["mover"])],
        consent_notice_version=settings.CONSENT_NOTICE_VERSION,
    )
    with pytest.raises(InvalidInput) as refused:
        worker_register_web(sms_code=code, **{**fields, "consent_notice_version": ""})
    assert refused.value.code == "consent_required"
    assert SmsCode.objects.get().used_at is None and Worker.objects.count() == 0
    with pytest.raises(InvalidInput):
        worker_register_web(sms_code=other(code), **fields)
    assert Worker.objects.count() == 0
    worker = worker_register_web(sms_code=code, **fields)
    assert (worker.channel, worker.registered_station, worker.consents.get().channel) == ("web", None, "web")
    with pytest.raises(Conflict):
        send(worker_register_code_send, phone="13611112222")


def test_phone_change_proven_by_the_new_phone(send, register_worker):
    worker, neighbour = register_worker(), register_worker()
    with pytest.raises(Conflict):
        send(worker_phone_change_code_send, worker=worker, new_phone="13900000002", actor=worker.user)
    with pytest.raises(NotAllowed):  # another worker cannot change my phone
        send(worker_phone_change_code_send, worker=worker, new_phone="13512345678", actor=neighbour.user)
    send(worker_phone_change_code_send, worker=worker, new_phone="13512345678", actor=worker.user)
    code = code_for("13512345678")
    with pytest.raises(InvalidInput):
        worker_phone_change_by_sms(
            worker=worker, new_phone="13512345678", code=other(code), actor=worker.user, channel="web"
        )
    worker.refresh_from_db()
    assert worker.phone_masked == "139****0001"
    worker_phone_change_by_sms(worker=worker, new_phone="13512345678", code=code, actor=worker.user, channel="web")
    worker.refresh_from_db()
    assert worker.phone_masked == "135****5678"
