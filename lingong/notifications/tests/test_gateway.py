"""The Alibaba Cloud SMS adapter against a fake provider on 127.0.0.1 that checks every request
as the provider documents it (lingong.testing.aliyun_sms): templates and parameters, the
signature, retries on passing refusals, failure on final ones, and delivery receipts."""

from __future__ import annotations

import re
import socket
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.models import SmsOutbox
from lingong.notifications.aliyun import aliyun_percent_encode, aliyun_signature, aliyun_string_to_sign
from lingong.notifications.codes import sms_code_send, sms_code_verify
from lingong.notifications.models import Notification, NotificationStatus, ReceiptStatus
from lingong.notifications.services import (
    RECEIPT_GIVE_UP,
    DeliveryFailed,
    notification_deliver,
    notification_receipts_pull,
    notification_send,
)
from lingong.testing.aliyun_sms import aliyun_gateway, expected_signature  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

PHONE = "13800138000"
CODE_MSG = _("Lingong verification code: %(code)s. Valid for 10 minutes. Do not tell anyone.")
HIRE_MSG = _(
    "Lingong: you are hired for %(job)s by %(employer)s. Start %(start)s at %(place)s, "
    "ask for %(contact)s. Please come on time."
)
# The provider's own example (signature method V2): DescribeRegions, AccessKey secret "testsecret".
SHORT_HIRE = "Lingong: hired for %(job)s."  # a text with fewer parameters than the hire template takes
DOC_PARAMS = {
    "TimeStamp": "2016-02-23T12:46:24Z",
    "Format": "XML",
    "AccessKeyId": "testid",
    "Action": "DescribeRegions",
    "SignatureMethod": "HMAC-SHA1",
    "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
    "Version": "2014-05-26",
    "SignatureVersion": "1.0",
}
DOC_STRING_TO_SIGN = (
    "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
    "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0"
    "%26TimeStamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
)


def send_code(phone=PHONE, code="123456", language="zh-hans"):
    """A code message committed without its task (tests deliver it by hand)."""
    return notification_send(
        kind="sign_in_code",
        phone=phone,
        language=language,
        message=CODE_MSG,
        secret_params={"code": code},
        purpose="worker_sign_in",
    )


def delivered(phone=PHONE) -> Notification:
    notification = send_code(phone=phone)
    assert notification_deliver(notification_id=notification.pk) == NotificationStatus.SENT
    notification.refresh_from_db()
    return notification


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_the_signature_is_the_one_in_the_providers_documented_example():
    assert aliyun_string_to_sign(DOC_PARAMS, method="GET") == DOC_STRING_TO_SIGN
    assert aliyun_signature(DOC_PARAMS, secret="testsecret", method="GET") == "CT9X0VtwR86fNWSnsc6v8YGOjuE="
    # The fake provider's own implementation agrees with the example too.
    assert expected_signature(DOC_PARAMS, secret="testsecret", method="GET") == "CT9X0VtwR86fNWSnsc6v8YGOjuE="


def test_percent_encoding_is_rfc_3986():
    assert aliyun_percent_encode("a b*c~d/e+f") == "a%20b%2Ac~d%2Fe%2Bf"
    assert aliyun_percent_encode("零工") == "%E9%9B%B6%E5%B7%A5"
    assert aliyun_percent_encode('{"code":"0"}') == "%7B%22code%22%3A%220%22%7D"


def test_a_sign_in_code_goes_out_as_its_template_signed_in_a_form_body(
    aliyun_gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone=PHONE, purpose="worker_sign_in", language="zh-hans")
    [sent] = aliyun_gateway.sent
    code = sent["params"]["code"]
    assert (sent["phone"], sent["sign"], sent["template"], list(sent["params"])) == (
        PHONE,
        "零工",
        "SMS_100001",
        ["code"],
    )
    assert re.fullmatch(r"\d{6}", code)
    [request] = aliyun_gateway.requests
    # Everything in the signed form body; nothing in the URL, which proxies and HTTP libraries log.
    assert (request["method"], request["path"], request["params"]["Action"]) == ("POST", "/", "SendSms")
    assert request["params"]["RegionId"] == "cn-hangzhou" and "Signature" in request["params"]
    notification = Notification.objects.get()
    assert (
        notification.status,
        notification.attempts,
        notification.purpose,
        notification.provider_id,
        notification.receipt,
        notification.payload_sealed,
        notification.params_sealed,
    ) == ("sent", 1, "worker_sign_in", sent["biz_id"], "waiting", "", "")
    assert SmsOutbox.objects.count() == 0  # no stand-in phone: the gateway took it
    sms_code_verify(phone=PHONE, purpose="worker_sign_in", code=code)  # the code the phone got signs in


def test_a_purpose_with_a_template_of_its_own_uses_it_and_tibetan_gets_the_tibetan_template(
    aliyun_gateway, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone=PHONE, purpose="worker_register", language="bo")
        sms_code_send(phone="13900139000", purpose="kiosk_phone_change", language="bo")  # none of its own
    assert [(s["phone"], s["template"]) for s in aliyun_gateway.sent] == [
        (PHONE, "SMS_100002"),
        ("13900139000", "SMS_100003"),
    ]


def test_a_message_sends_only_the_parameters_its_template_takes_cut_to_the_providers_limit(aliyun_gateway):
    place = "拉萨市城关区北京中路" + "八" * 40
    notification = notification_send(
        kind="hire",
        phone=PHONE,
        language="zh-hans",
        message=HIRE_MSG,
        params={
            "job": "搬运货物",
            "employer": "拉萨雪域餐饮有限公司",
            "start": "12-08 09:00",
            "place": place,
            "contact": "卓玛",
            "worker": "次仁",
        },
    )
    assert notification_deliver(notification_id=notification.pk) == "sent"
    [sent] = aliyun_gateway.sent
    assert sent["template"] == "SMS_200001"
    assert sent["params"] == {
        "job": "搬运货物",
        "employer": "拉萨雪域餐饮有限公司",
        "start": "12-08 09:00",
        "place": place[:34] + "…",
    }
    assert len(sent["params"]["place"]) == 35


@pytest.mark.parametrize(
    "outcome, code", [("server_error", "InternalError"), ("throttle", "isv.BUSINESS_LIMIT_CONTROL")]
)
def test_a_server_error_or_throttling_is_tried_again_then_sent(aliyun_gateway, outcome, code):
    aliyun_gateway.script(PHONE, outcome)
    notification = send_code()
    with pytest.raises(DeliveryFailed):
        notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == ("pending", 1)
    assert notification.last_error.startswith(f"SmsUnavailable: {code}: SendSms: HTTP ")
    assert notification.params_sealed != "" and aliyun_gateway.sent == []  # kept for the next try
    assert notification_deliver(notification_id=notification.pk) == "sent"
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.last_error, notification.provider_id) == (
        "sent",
        2,
        "",
        aliyun_gateway.sent[0]["biz_id"],
    )
    assert len(aliyun_gateway.requests) == 2 and aliyun_gateway.sent[0]["params"] == {"code": "123456"}


def test_an_unreachable_gateway_is_a_passing_failure(aliyun_gateway, settings):
    settings.ALIYUN_SMS_ENDPOINT = closed_port_url()
    notification = send_code()
    with pytest.raises(DeliveryFailed):
        notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    assert (notification.status, notification.last_error) == ("pending", "SmsUnavailable: SendSms: ConnectionError")


@pytest.mark.parametrize(
    "outcome, error",
    [
        ("bad_number", "SmsRefused: isv.MOBILE_NUMBER_ILLEGAL: SendSms: HTTP 200 非法手机号"),
        ("out_of_service", "SmsRefused: isv.OUT_OF_SERVICE: SendSms: HTTP 200 业务停机"),
    ],
)
def test_a_final_refusal_fails_the_message_at_once_with_the_providers_code(aliyun_gateway, outcome, error):
    aliyun_gateway.script(PHONE, outcome)
    notification = send_code()
    assert notification_deliver(notification_id=notification.pk) == "failed"  # no exception: huey does not retry
    notification.refresh_from_db()
    assert (
        notification.status,
        notification.attempts,
        notification.last_error,
        notification.payload_sealed,
        notification.params_sealed,
        notification.receipt,
    ) == ("failed", 1, error, "", "", "")
    assert notification_deliver(notification_id=notification.pk) == "failed"
    assert len(aliyun_gateway.requests) == 1 and aliyun_gateway.sent == []


def test_a_request_signed_with_another_secret_is_refused_by_the_provider(aliyun_gateway, settings):
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "not-the-secret"
    notification = send_code()
    assert notification_deliver(notification_id=notification.pk) == "failed"
    notification.refresh_from_db()
    assert notification.last_error.startswith("SmsRefused: SignatureDoesNotMatch: SendSms: HTTP 400")
    assert aliyun_gateway.sent == []


def test_a_kind_without_a_template_fails_without_calling_the_provider(aliyun_gateway, settings):
    del settings.SMS_TEMPLATES["hire"]
    notification = notification_send(
        kind="hire", phone=PHONE, language="zh-hans", message=SHORT_HIRE, params={"job": "搬运货物"}
    )
    assert notification_deliver(notification_id=notification.pk) == "failed"
    notification.refresh_from_db()
    assert notification.last_error == "SmsRefused: template_missing: no SMS template for hire"
    assert aliyun_gateway.requests == []


def test_a_message_without_a_parameter_its_template_takes_fails_without_calling_the_provider(aliyun_gateway):
    notification = notification_send(
        kind="hire", phone=PHONE, language="zh-hans", message=SHORT_HIRE, params={"job": "搬运货物"}
    )
    assert notification_deliver(notification_id=notification.pk) == "failed"
    notification.refresh_from_db()
    assert notification.last_error == "SmsRefused: template_param_missing: hire needs employer, start, place"
    assert aliyun_gateway.requests == []


def test_receipts_record_delivered_and_not_delivered_with_the_carriers_code(aliyun_gateway):
    first, second, third = (delivered(phone) for phone in ("13800138000", "13900139000", "13700137000"))
    received = timezone.now().replace(microsecond=0)
    aliyun_gateway.report(first.provider_id, delivered=True, at=received)
    aliyun_gateway.report(second.provider_id, delivered=False, code="MK:0001", at=received)
    assert notification_receipts_pull() == {"delivered": 1, "undelivered": 1, "unknown": 0}
    rows = {n.pk: (n.receipt, n.receipt_code, n.receipt_at) for n in Notification.objects.all()}
    assert rows == {
        first.pk: ("delivered", "DELIVERED", received),
        second.pk: ("undelivered", "MK:0001", received),
        third.pk: ("waiting", "", None),  # the carrier has not reported yet
    }
    beijing_day = timezone.localdate().strftime("%Y%m%d")
    assert sorted((q["PhoneNumber"], q["BizId"], q["SendDate"]) for q in aliyun_gateway.queries) == sorted(
        [
            ("13800138000", first.provider_id, beijing_day),
            ("13900139000", second.provider_id, beijing_day),
            ("13700137000", third.provider_id, beijing_day),
        ]
    )
    # Asked again: nothing changes; the one still waiting gives up after three days.
    assert notification_receipts_pull() == {"delivered": 0, "undelivered": 0, "unknown": 0}
    later = timezone.now() + RECEIPT_GIVE_UP + timedelta(minutes=1)
    assert notification_receipts_pull(now=later) == {"delivered": 0, "undelivered": 0, "unknown": 1}
    assert Notification.objects.get(pk=third.pk).receipt == ReceiptStatus.UNKNOWN


def test_a_gateway_that_does_not_answer_leaves_the_receipts_for_the_next_run(aliyun_gateway, settings, caplog):
    notification = delivered()
    settings.ALIYUN_SMS_ENDPOINT = closed_port_url()
    assert notification_receipts_pull() == {"delivered": 0, "undelivered": 0, "unknown": 0}
    notification.refresh_from_db()
    assert notification.receipt == "waiting"
    assert "SMS receipts: the gateway did not answer (QuerySendDetails: ConnectionError)" in caplog.text


def test_the_database_backend_expects_no_receipt(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone=PHONE, purpose="worker_sign_in")
    notification = Notification.objects.get()
    assert (notification.status, notification.provider_id, notification.receipt) == ("sent", "", "")
    assert notification_receipts_pull() == {"delivered": 0, "undelivered": 0, "unknown": 0}
