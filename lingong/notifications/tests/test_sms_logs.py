"""Sign-in codes never reach a log: every logger at DEBUG, every record and all output captured
while a code is sent (through the gateway, with a failed try and the receipt read back; and
through the database backend of the embedded settings)."""

from __future__ import annotations

import logging
import re

import pytest

from lingong.accounts.models import SmsOutbox
from lingong.notifications.codes import sms_code_send
from lingong.notifications.models import Notification
from lingong.notifications.services import notification_receipts_pull
from lingong.testing.aliyun_sms import aliyun_gateway  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

PHONE = "13800138000"
OTHER = "13900139000"


@pytest.fixture
def every_log(caplog):
    """caplog at DEBUG for every logger there is, including those that do not propagate."""
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    isolated = [logger for logger in loggers if not logger.propagate]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
    caplog.set_level(logging.DEBUG)
    for logger in isolated:
        logger.addHandler(caplog.handler)
    yield caplog
    for logger in isolated:
        logger.removeHandler(caplog.handler)
    for logger, level, disabled in saved:
        logger.setLevel(level)
        logger.disabled = disabled


def everything(caplog, capfd) -> str:
    out, err = capfd.readouterr()
    records = [f"{record.getMessage()} {record.args!r} {record.exc_text or ''}" for record in caplog.records]
    return "\n".join([caplog.text, *records, out, err])


def test_a_code_sent_through_the_gateway_is_in_no_log(
    aliyun_gateway, every_log, capfd, django_capture_on_commit_callbacks
):
    aliyun_gateway.script(OTHER, "server_error")  # a failed try: the warning and huey's traceback
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone=PHONE, purpose="worker_sign_in")
        sms_code_send(phone=OTHER, purpose="worker_sign_in")
    [sent] = aliyun_gateway.sent
    aliyun_gateway.report(sent["biz_id"], delivered=True)
    assert notification_receipts_pull()["delivered"] == 1  # the provider's answer holds the text with the code
    codes = [sent["params"]["code"], *re.findall(r'"code":"(\d{6})"', str(aliyun_gateway.requests[1]["params"]))]
    assert len(codes) == 2 and all(re.fullmatch(r"\d{6}", code) for code in codes)
    text = everything(every_log, capfd)
    # The capture saw the HTTP layer, the failed try and the task's error: the test can fail.
    assert '"POST / HTTP/1.1" 200' in text and '"POST / HTTP/1.1" 500' in text
    assert "attempt 1 failed (SmsUnavailable)" in text and "139****9000" in text
    for code in codes:
        assert code not in text
    assert PHONE not in text and OTHER not in text
    assert Notification.objects.filter(status="pending", attempts=1).count() == 1


def test_a_code_kept_by_the_database_backend_is_in_no_log(every_log, capfd, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sms_code_send(phone=PHONE, purpose="worker_sign_in")
    code = re.search(r"\d{6}", SmsOutbox.objects.get().body).group()
    text = everything(every_log, capfd)
    assert "SMS sign_in_code to 138****8000" in text
    assert code not in text and PHONE not in text
