"""`make run` serves as production does: gunicorn, static files from whitenoise, DEBUG off, the consumer beside it;
stopped, it ends a station screen's open stream instead of being held to the graceful timeout.

The real command (`manage.py serve`) under the embedded settings, in its own var/ directory, over HTTP.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

pytestmark = [pytest.mark.xdist_group("serve"), pytest.mark.real_clock]
LEFT_OUT = (
    "SECRET_KEY",
    "FIELD_ENCRYPTION_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "LOG_FORMAT",
    "PROMETHEUS_MULTIPROC_DIR",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


@pytest.fixture
def embedded_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in LEFT_OUT}
    env.update({"DJANGO_SETTINGS_MODULE": "lingong.settings.embedded", "LINGONG_VAR_DIR": str(tmp_path)})
    manage = [sys.executable, "manage.py"]
    for step in (["migrate", "--no-input", "-v", "0"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run([*manage, *step], env=env, cwd=settings.BASE_DIR, check=True, timeout=600)
    return env


def test_make_run_serves_through_gunicorn_with_static_files_and_debug_off(embedded_env, tmp_path):
    port = _free_port()
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115  closed below, after the process
    server = subprocess.Popen(
        [sys.executable, "manage.py", "serve", "--port", str(port)],
        env=embedded_env,
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, page, _headers = _get(base + "/")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, (tmp_path / "serve.log").read_text()
                time.sleep(0.3)
        assert status == 200
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', page)
        assert assets and all(re.search(r"\.[0-9a-f]{12}\.(css|js)$", a) for a in assets), assets  # hashed names
        for asset in assets:
            status, _body, headers = _get(base + asset)
            assert status == 200, asset
            assert "max-age=315360000" in headers.get("Cache-Control", ""), (asset, headers)  # cached for ever
        status, body, headers = _get(base + "/no-such-page/")
        assert status == 404 and "DEBUG = True" not in body and "Traceback" not in body
        status, health, _headers = _get(base + "/healthz")
        assert status in (200, 503) and json.loads(health)["checks"][0] == {
            **json.loads(health)["checks"][0],
            "ok": True,
        }
        time.sleep(1)
        log.flush()
        output = (tmp_path / "serve.log").read_text()
        assert "gunicorn" in output.lower() and "task consumer started" in output
        # The request log: one JSON object a line, with the id the response carried.
        logged = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
        request_lines = [entry for entry in logged if entry.get("logger") == "lingong.request"]
        assert {"request_id": headers["X-Request-ID"], "status": 404} in [
            {"request_id": entry["request_id"], "status": entry["status"]} for entry in request_lines
        ], request_lines

        # A station screen's live stream is open when the service stops. The worker ends it at once (the screen
        # reconnects to a server that stays), within the time it checks for changes (0.5 s). Held open instead,
        # until the graceful timeout or the stream's lifetime, the read would time out: 10 s is less than the
        # stream's 15 s between heartbeats.
        screen = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        screen.request("GET", "/boards/events/")
        stream = screen.getresponse()
        assert stream.status == 200 and stream.readline().startswith(b"retry: ")
        server.send_signal(subprocess.signal.SIGINT)
        stream.read()
        screen.close()
        assert server.wait(timeout=30) == 0
    finally:
        server.send_signal(subprocess.signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    assert not [line for line in (tmp_path / "serve.log").read_text().splitlines() if "Traceback" in line]
