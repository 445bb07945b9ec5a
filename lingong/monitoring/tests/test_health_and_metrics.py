"""/healthz, /metrics, request ids and JSON log lines."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from logging.config import DictConfigurator

import pytest
from django.utils import timezone

from lingong.monitoring.logs import RequestIdFilter
from lingong.notifications.models import Notification
from lingong.operations.models import ScheduledRun, TaskFailure

pytestmark = pytest.mark.django_db


def consumer_ran(minutes_ago: float) -> None:
    moment = timezone.now() - timedelta(minutes=minutes_ago)
    ScheduledRun.objects.create(task="notification_sweep_task", slot=moment, started_at=moment, status="done")


def test_healthz_is_green_when_database_cache_and_consumer_answer(client):
    consumer_ran(0.5)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and [c["name"] for c in body["checks"]] == ["database", "cache", "consumer"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_says_what_fails_a_silent_consumer(client):
    consumer_ran(10)
    response = client.get("/healthz")
    assert response.status_code == 503
    consumer = {c["name"]: c for c in response.json()["checks"]}["consumer"]
    assert consumer == {"name": "consumer", "ok": False, "error": "RuntimeError"}


def test_healthz_holds_no_personal_data(client, register_worker):
    register_worker()
    consumer_ran(0.5)
    text = client.get("/healthz").content.decode()
    assert "139" not in text and "540102" not in text


def test_metrics_count_requests_and_read_the_shared_state(client, register_worker):
    consumer_ran(0.5)
    TaskFailure.objects.create(task="wage_overdue_task", failed_at=timezone.now(), error="boom")
    worker = register_worker()
    Notification.objects.filter(phone_masked=worker.phone_masked).update(status="failed")
    client.get("/")
    body = client.get("/metrics").content.decode()
    assert 'lingong_http_requests_total{method="GET",status="200",view="portal:landing"}' in body
    assert 'lingong_http_request_duration_seconds_bucket{le="0.1",view="portal:landing"}' in body
    assert "lingong_task_queue_depth " in body
    assert "lingong_task_failures_last_hour 1.0" in body
    assert "lingong_consumer_last_run_timestamp_seconds " in body
    assert 'lingong_sms_problems_last_hour{kind="failed"}' in body


def test_metrics_only_for_this_machine_or_the_token(client, settings):
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 403
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="8.8.8.8").status_code == 403  # relayed by a local proxy
    assert client.get("/metrics").status_code == 200  # 127.0.0.1, direct
    settings.METRICS_TOKEN = "t0ken-for-prometheus"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    ok = client.get("/metrics", REMOTE_ADDR="10.1.2.3", HTTP_AUTHORIZATION="Bearer t0ken-for-prometheus")
    assert ok.status_code == 200


def test_every_response_carries_its_request_id_and_the_log_line_names_the_view(client, caplog):
    with caplog.at_level(logging.INFO, logger="lingong.request"):
        response = client.get("/kiosk/q/SECRET-CODE-abc/")
        chosen = client.get("/", HTTP_X_REQUEST_ID="proxy-id-12345")
        junk = client.get("/", HTTP_X_REQUEST_ID="bad id; drop table")
    assert len(response["X-Request-ID"]) == 32 and chosen["X-Request-ID"] == "proxy-id-12345"
    assert junk["X-Request-ID"] != "bad id; drop table"
    lines = [r for r in caplog.records if r.name == "lingong.request"]
    assert [r.request_id for r in lines] == [response["X-Request-ID"], "proxy-id-12345", junk["X-Request-ID"]]
    assert lines[0].view == "kiosk:qr_confirm" and "SECRET-CODE" not in lines[0].getMessage()


def test_json_log_lines_carry_the_request_id(settings):
    """The formatter the settings configure (gunicorn's output is checked in operations/tests/test_serve.py)."""
    formatter = DictConfigurator({}).configure_formatter(dict(settings.LOGGING["formatters"]["json"]))
    record = logging.LogRecord("lingong.jobs", logging.WARNING, __file__, 1, "job %s full", (7,), None)
    RequestIdFilter().filter(record)
    line = json.loads(formatter.format(record))
    assert (line["level"], line["logger"], line["message"]) == ("WARNING", "lingong.jobs", "job 7 full")
    assert line["request_id"] == "-" and "time" in line  # outside a request
