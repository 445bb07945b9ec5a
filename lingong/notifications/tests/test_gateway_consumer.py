"""Through the real consumer (a subprocess configured from the environment, as in production):
a sign-in code goes out through the gateway adapter to the fake provider, and the receipts
task reads its delivery back onto the outbox row."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lingong.notifications.codes import sms_code_send
from lingong.notifications.models import Notification
from lingong.operations.schedules import SCHEDULED_TASKS
from lingong.testing.aliyun_sms import TEMPLATES, FakeAliyunSms, gateway_settings
from lingong.testing.consumer import consumer_running, queue_of, wait_for

pytestmark = [pytest.mark.xdist_group("consumer"), pytest.mark.django_db(transaction=True)]
PHONE = "13800138000"


def test_the_consumer_sends_through_the_gateway_and_reads_the_receipt_back(tmp_path):
    templates = tmp_path / "sms-templates.json"
    templates.write_text(json.dumps(TEMPLATES, ensure_ascii=False), encoding="utf-8")
    with FakeAliyunSms() as gateway:
        env = {name: str(value) for name, value in gateway_settings(gateway).items()}
        env["SMS_TEMPLATES_FILE"] = str(templates)
        # Off the receipts' 5-minute slots (whatever the minute now): the run asked for below is its slot's first.
        moment = timezone.now() + timedelta(minutes=2)
        if moment.minute % 5 == 0:
            moment += timedelta(minutes=1)
        with consumer_running(tmp_path, travel_to=moment, env=env) as consumer, queue_of(consumer):
            sms_code_send(phone=PHONE, purpose="worker_sign_in")  # its delivery task goes to the consumer
            notification = wait_for(
                lambda: Notification.objects.filter(status="sent").first(), timeout=25, what="the code sent"
            )
            [sent] = gateway.sent
            assert (notification.provider_id, notification.receipt) == (sent["biz_id"], "waiting")
            gateway.report(sent["biz_id"], delivered=True)
            SCHEDULED_TASKS["notification_receipts_task"]()  # its 5-minute slot, without the wait
            wait_for(lambda: Notification.objects.filter(receipt="delivered").exists(), timeout=25, what="the receipt")
            log = consumer.log()
    notification.refresh_from_db()
    assert (notification.receipt, notification.receipt_code) == ("delivered", "DELIVERED")
    assert (sent["phone"], sent["template"]) == (PHONE, "SMS_100001")
    assert [r["params"]["Action"] for r in gateway.requests] == ["SendSms", "QuerySendDetails"]
    assert "notification_receipts_task" in log and "not found in TaskRegistry" not in log
    assert sent["params"]["code"] not in log and PHONE not in log
