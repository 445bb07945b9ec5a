"""The outbox: same transaction as the change, one delivery per message, retries, redaction, the sweep."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lingong.accounts.models import SmsOutbox
from lingong.notifications.codes import sms_code_send
from lingong.notifications.models import Notification, NotificationKind, NotificationStatus
from lingong.notifications.services import (
    MAX_ATTEMPTS,
    DeliveryFailed,
    notification_deliver,
    notification_render,
    notification_send,
    notification_sweep,
)

pytestmark = pytest.mark.django_db

PHONE = "13800138000"
CODE_MSG = _("Lingong verification code: %(code)s. Valid for 10 minutes. Do not tell anyone.")
CODE_ZH = "【零工】验证码：%s，10 分钟内有效。请不要告诉别人。"
CODE_BO = "【零工】ཐུང་འཕྲིན་ར་སྤྲོད་ཨང་། %s། སྐར་མ་ 10 ནང་ནུས་པ་ཡོད། མི་སུ་ལའང་མ་ཤོད་རོགས།"


class FailingBackend:
    calls = 0

    def send(self, *, phone, body, kind="", **_template):
        FailingBackend.calls += 1
        raise ConnectionError("gateway down")


def send_code(code="123456", language="zh-hans", **extra):
    return notification_send(
        kind=NotificationKind.SIGN_IN_CODE,
        phone=PHONE,
        language=language,
        message=CODE_MSG,
        secret_params={"code": code},
        **extra,
    )


def test_rendering_uses_the_catalogue_of_each_language():
    assert notification_render(message=CODE_MSG, language="zh-hans", params={"code": "654321"}) == CODE_ZH % "654321"
    assert notification_render(message=CODE_MSG, language="bo", params={"code": "654321"}) == CODE_BO % "654321"
    assert notification_render(message=CODE_MSG, language="en", params={"code": "1"}) == CODE_ZH % "1"  # the default


def test_written_with_the_change_and_delivered_once_after_commit_with_the_code_redacted(
    django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            notification = send_code(language="bo")
            assert (Notification.objects.get().status, SmsOutbox.objects.count()) == ("pending", 0)
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.language, notification.payload_sealed) == (
        NotificationStatus.SENT,
        1,
        "bo",
        "",
    )
    assert notification.body == CODE_BO % "******" and notification.phone_masked == "138****8000"
    assert PHONE not in notification.phone_sealed and notification.sent_at is not None
    assert [(m.phone_masked, m.body) for m in SmsOutbox.objects.all()] == [("138****8000", CODE_BO % "123456")]
    assert "123456" not in caplog.text and "138****8000" in caplog.text and PHONE not in caplog.text


def test_a_rolled_back_change_leaves_no_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                send_code()
                raise RuntimeError("the change failed")
    assert (Notification.objects.count(), SmsOutbox.objects.count()) == (0, 0)


def test_the_same_event_is_written_and_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = send_code(dedupe_key="hire:worker:7")
        second = send_code(code="999999", dedupe_key="hire:worker:7")
    assert first.pk == second.pk and Notification.objects.count() == 1
    assert list(SmsOutbox.objects.values_list("body", flat=True)) == [CODE_ZH % "123456"]


@override_settings(SMS_BACKEND="lingong.notifications.tests.test_services.FailingBackend")
def test_failures_are_retried_then_marked_failed_and_kept_redacted():
    FailingBackend.calls = 0
    notification = send_code()
    for attempt in range(1, MAX_ATTEMPTS):
        with pytest.raises(DeliveryFailed):
            notification_deliver(notification_id=notification.pk)
        notification.refresh_from_db()
        assert (notification.status, notification.attempts) == (NotificationStatus.PENDING, attempt)
    assert notification_deliver(notification_id=notification.pk) == NotificationStatus.FAILED
    notification.refresh_from_db()
    assert (notification.status, notification.attempts, notification.last_error, notification.payload_sealed) == (
        NotificationStatus.FAILED,
        MAX_ATTEMPTS,
        "ConnectionError: gateway down",
        "",
    )
    assert notification.body == CODE_ZH % "******"
    assert notification_deliver(notification_id=notification.pk) == NotificationStatus.FAILED  # never tried again
    assert FailingBackend.calls == MAX_ATTEMPTS


@override_settings(SMS_BACKEND="lingong.notifications.tests.test_services.FailingBackend")
def test_the_delivery_task_retries_through_huey():
    from lingong.notifications.tasks import notification_deliver_task

    assert notification_deliver_task.retries == MAX_ATTEMPTS - 1 and notification_deliver_task.retry_delay == 60


def test_the_sweep_delivers_what_a_lost_task_left_pending_once():
    notification = send_code()  # committed without its task: the process died in between
    now = timezone.now()
    assert notification_sweep(now=now) == {"sent": 0, "failed": 0, "interrupted": 0}  # too young: its task may come
    assert SmsOutbox.objects.count() == 0
    assert notification_sweep(now=now + timedelta(minutes=2)) == {"sent": 1, "failed": 0, "interrupted": 0}
    assert notification_sweep(now=now + timedelta(minutes=3)) == {"sent": 0, "failed": 0, "interrupted": 0}
    assert notification_deliver(notification_id=notification.pk) == NotificationStatus.SENT  # the late task
    assert SmsOutbox.objects.count() == 1
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == (NotificationStatus.SENT, 1)


def test_a_message_stuck_while_sending_is_failed_never_sent_again():
    notification = send_code()
    Notification.objects.filter(pk=notification.pk).update(
        status=NotificationStatus.SENDING, attempted_at=timezone.now() - timedelta(minutes=11)
    )
    assert notification_sweep(now=timezone.now()) == {"sent": 0, "failed": 0, "interrupted": 1}
    notification.refresh_from_db()
    assert (notification.status, notification.payload_sealed, SmsOutbox.objects.count()) == (
        NotificationStatus.FAILED,
        "",
        0,
    )


def test_sign_in_code_uses_the_page_language_for_an_unknown_number(django_capture_on_commit_callbacks):
    from django.utils import translation

    with django_capture_on_commit_callbacks(execute=True), translation.override("bo"):
        sms_code_send(phone=PHONE, purpose="login")
    notification = Notification.objects.get()
    assert (notification.kind, notification.language, notification.status) == ("sign_in_code", "bo", "sent")
    code = SmsOutbox.objects.get().body.split("། ")[1]
    assert SmsOutbox.objects.get().body == CODE_BO % code and notification.body == CODE_BO % "******"


def test_demo_sms_prints_what_the_phone_received(django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        send_code(code="246810")
    out = StringIO()
    call_command("demo_sms", PHONE, stdout=out)
    assert out.getvalue().rstrip().endswith(CODE_ZH % "246810")
    out = StringIO()
    call_command("demo_sms", "13900000000", stdout=out)
    assert out.getvalue() == "No SMS for this phone.\n"
