"""The production profile for real on this machine: PostgreSQL, Redis, gunicorn with two workers, one consumer,
the SMS gateway (a fake provider on 127.0.0.1). A short journey over HTTP, behind a pretend TLS proxy:
an employer posts a job, a worker applies, the employer accepts (and a station screen's event stream, on
whichever of the two processes, hears of the hire through Redis within 2 s), the worker downloads the agreement
PDF, and /healthz is green."""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlparse
from zoneinfo import ZoneInfo

import psycopg
import pytest
import time_machine
from django.conf import settings

from lingong.testing.aliyun_sms import FakeAliyunSms
from lingong.testing.production import production_environment, production_servers

from .test_serve import _free_port

pytestmark = [pytest.mark.xdist_group("production"), pytest.mark.real_clock]
ADMIN_URL = os.environ.get("LINGONG_TEST_POSTGRES_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("LINGONG_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
SHANGHAI = ZoneInfo("Asia/Shanghai")
WORKER_PHONE, EMPLOYER_PHONE = "13912340001", "13812340002"
SETUP = """
from django.conf import settings
from lingong.accounts.models import User
from lingong.employers.services import employer_account_ensure, employer_register
from lingong.stations.models import Station
from lingong.trades.models import JobType
from lingong.workers.services import TradeSkill, worker_register
station = Station.objects.get(code="gongdelin")
staff = User.objects.create_user("journey-staff", role="station_staff", station=station, is_staff=True)
worker_register(name="次仁", id_number="540102199001011233", phone="{worker}",
    trades=[TradeSkill(JobType.objects.get(slug="mover"), level=2)], channel="window", actor=staff, station=station,
    consent_notice_version=settings.CONSENT_NOTICE_VERSION, read_aloud=True)
employer = employer_register(kind="enterprise", name="拉萨雪域餐饮有限公司", uscc="91540100MA6T11117H",
    contact_name="卓玛", contact_phone="{employer}", address="拉萨市城关区北京中路", channel="window", actor=staff,
    station=station, lat="29.65", lon="91.12")
employer_account_ensure(employer=employer)
"""


class Browser:
    """HTTP as a browser behind the TLS proxy would send it: cookies kept by hand (they are Secure), the
    proxy's X-Forwarded-Proto, and a same-site Referer for CSRF."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}
        self.host = urlparse(base).netloc

    def request(self, method: str, path: str, *, form: dict | None = None, body=None, headers=None):
        data = urlencode(form).encode() if form is not None else (json.dumps(body).encode() if body else None)
        sent = {"X-Forwarded-Proto": "https", "Referer": f"https://{self.host}{path}", **(headers or {})}
        if form is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            sent["Content-Type"] = "application/json"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=sent)
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            response = opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.read(), response.headers

    def api(self, method: str, path: str, token: str | None = None, body=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        status, content, _headers = self.request(method, "/api/v1" + path, body=body, headers=headers)
        return status, (json.loads(content) if content else None)


class EventStream:
    """A station screen's event stream (/boards/events/), read in a thread: each event with when it came."""

    def __init__(self, base: str):
        parts = urlparse(base)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        self.connection.request("GET", "/boards/events/", headers={"X-Forwarded-Proto": "https"})
        response = self.connection.getresponse()
        assert response.status == 200 and response.headers["Content-Type"] == "text/event-stream"
        self.events: list[tuple[float, str]] = []
        threading.Thread(target=self._read, args=(response,), daemon=True).start()

    def _read(self, response) -> None:
        lines: list[str] = []
        try:
            for raw in response:
                line = raw.decode().rstrip("\n")
                if line:
                    lines.append(line)
                elif lines:
                    self.events.append((time.monotonic(), "\n".join(lines)))
                    lines = []
        except (OSError, ValueError, AttributeError):
            pass  # closed under the reader at the end of the test

    def close(self) -> None:
        self.connection.close()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@contextmanager
def fresh_database():
    name = f"lingong_journey_{os.getpid()}_{secrets.token_hex(3)}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def real_clock():
    """The servers run on the real clock; so must this test (the fake gateway checks request timestamps)."""
    real = datetime.fromtimestamp(time_machine.escape_hatch.time.time(), tz=UTC)
    with time_machine.travel(real, tick=True):
        yield


@pytest.fixture
def production(tmp_path, real_clock):
    with fresh_database() as database_url, FakeAliyunSms() as gateway:
        env = production_environment(
            database_url=database_url,
            redis_url=REDIS_URL,
            field_key="dGVzdC1maWVsZC1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=",
            var=tmp_path,
            gateway=gateway,
            instance=f"journey-{os.getpid()}-{secrets.token_hex(3)}",
        )
        # The screens' polling and safety check far apart: only a Redis message can bring a change in 2 s.
        env.update({"BOARD_CHECK_SECONDS": "30", "BOARD_SAFETY_SECONDS": "30"})
        manage = [sys.executable, "manage.py"]
        for step in (["migrate", "--no-input", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
            subprocess.run([*manage, *step], env=env, cwd=settings.BASE_DIR, check=True, timeout=600)
        setup = SETUP.format(worker=WORKER_PHONE, employer=EMPLOYER_PHONE)
        subprocess.run([*manage, "shell", "-c", setup], env=env, cwd=settings.BASE_DIR, check=True, timeout=120)
        port = _free_port()
        log_path = tmp_path / "processes.log"
        with production_servers(env, port=port, log_path=log_path, web_workers=2):
            yield Browser(f"http://127.0.0.1:{port}"), gateway, log_path


def wait_for(what, probe, *, timeout=40.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = probe()
        except OSError:
            found = None
        if found:
            return found
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.3)


def sms_code(gateway, phone: str, already: int) -> str:
    def code():
        sent = [m for m in gateway.sent if m["phone"] == phone]
        return sent[already]["params"]["code"] if len(sent) > already else None

    return wait_for(f"the code to {phone}", code)


def test_the_production_profile_serves_a_whole_hire(production):
    browser, gateway, log = production
    status, _body, headers = wait_for("gunicorn", lambda: browser.request("GET", "/"))
    assert status == 200
    server_today = parsedate_to_datetime(headers["Date"]).astimezone(SHANGHAI).date()  # the servers' real day

    # the employer signs in with an SMS code (sent by the consumer through the gateway) and posts a job
    assert (
        browser.api("POST", "/auth/sms-code", body={"phone": EMPLOYER_PHONE, "purpose": "employer_sign_in"})[0] == 202
    )
    code = sms_code(gateway, EMPLOYER_PHONE, 0)
    status, signed_in = browser.api("POST", "/auth/employer/sign-in", body={"phone": EMPLOYER_PHONE, "code": code})
    assert status == 200, signed_in
    employer_token = signed_in["token"]
    job_body = {
        "trade": "mover",
        "title": "搬家具",
        "headcount": 1,
        "pay_fen": 35000,
        "pay_unit": "day",
        "start_date": (server_today + timedelta(days=2)).isoformat(),
        "start_time": "08:30",
        "end_time": "17:00",
        "address": "拉萨市城关区林廓北路",
        "lat": 29.66,
        "lon": 91.13,
    }
    status, job = browser.api("POST", "/employer/jobs", employer_token, job_body)
    assert status == 201, job

    # the worker signs in at the worker door (phone, then the SMS code) and applies
    web = Browser(browser.base)
    assert web.request("GET", "/w/login/")[0] == 200
    web.request(
        "POST",
        "/w/login/",
        form={"csrfmiddlewaretoken": web.cookies["csrftoken"], "phone": WORKER_PHONE, "action": "send"},
    )
    code = sms_code(gateway, WORKER_PHONE, 0)
    form = {"csrfmiddlewaretoken": web.cookies["csrftoken"], "phone": WORKER_PHONE, "code": code, "action": "sign_in"}
    status, body, _headers = web.request("POST", "/w/login/", form=form)
    assert status == 302, body[:500]
    status, body, headers = web.request(
        "POST", f"/w/jobs/{job['id']}/apply/", form={"csrfmiddlewaretoken": web.cookies["csrftoken"]}
    )
    assert status == 302 and headers["Location"] == "/w/mine/", body[:500]

    # a station screen listens (on one of the two processes); the employer accepts in the app (on either)
    screen = EventStream(browser.base)
    try:
        wait_for("the screen's first event", lambda: screen.events, timeout=10)
        assert screen.events[0][1].startswith("retry: 2000\nevent: version\ndata: ")
        status, applications = browser.api("GET", "/employer/applications", employer_token)
        assert status == 200 and applications["count"] == 1, applications
        application_id = applications["items"][0]["id"]
        asked_at = time.monotonic()
        status, accepted = browser.api("POST", f"/employer/applications/{application_id}/accept", employer_token)
        assert status == 200, accepted
        hired_at = time.monotonic()
        changes = lambda: [at for at, e in screen.events if at >= asked_at and e.startswith("event: change\n")]  # noqa: E731
        wait_for("the hire on the screen", changes, timeout=10)
        assert changes()[0] - hired_at < 2.0
        assert not any(WORKER_PHONE in event or "次仁" in event for _at, event in screen.events)
    finally:
        screen.close()

    # the worker downloads the agreement PDF
    status, page, _headers = web.request("GET", "/w/work/")
    assert status == 200
    [agreement_pdf] = set(re.findall(r"/agreements/\d+/pdf/", page.decode()))
    status, pdf, headers = web.request("GET", agreement_pdf)
    assert status == 200 and headers["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF")

    # healthy: database, cache (Redis) and the consumer's heartbeat
    def green():
        status, body, _headers = browser.request("GET", "/healthz")
        return status == 200 and json.loads(body)

    health = wait_for("/healthz green", green, timeout=90)
    assert [c["name"] for c in health["checks"] if c["ok"]] == ["database", "cache", "consumer"]
    output = log.read_text()
    assert "Traceback" not in output and code not in output and WORKER_PHONE not in output
