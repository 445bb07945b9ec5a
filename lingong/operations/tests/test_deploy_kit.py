"""The operator's kit (deploy/) stays true: the example environment starts production settings, the units and the
compose file start commands that exist, with the project's gunicorn config."""

from __future__ import annotations

import configparser
import gc
import os
import re
import runpy
import shlex
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import yaml
from django.conf import settings
from django.core.management import get_commands

DEPLOY = Path(settings.BASE_DIR) / "deploy"


def example_env(tmp_path) -> dict[str, str]:
    env = {}
    for line in (DEPLOY / "lingong.env.example").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _sep, value = line.partition("=")
            env[name] = value
    (tmp_path / "sms-templates.json").write_text("{}")
    env.update(
        {  # what the operator fills in; the machine's own services
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
            "REDIS_URL": "redis://127.0.0.1:6379/15",
            "FIELD_ENCRYPTION_KEY": "dGVzdC1maWVsZC1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=",
            "LINGONG_VAR_DIR": str(tmp_path),
            "SMS_TEMPLATES_FILE": str(tmp_path / "sms-templates.json"),
        }
    )
    return env


def start(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_the_example_environment_starts_production_settings_once_filled_in(tmp_path):
    env = example_env(tmp_path)
    assert env["DJANGO_SETTINGS_MODULE"] == "lingong.settings.production"
    unfilled = start(env)
    assert unfilled.returncode != 0 and "CHANGE-ME is not a value" in unfilled.stderr
    filled = {name: ("x" * 50 if value == "CHANGE-ME" else value) for name, value in env.items()}
    run = start(filled)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "False"


def _exec_start(unit: Path) -> list[str]:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(unit)
    return shlex.split(parser["Service"]["ExecStart"])


def _check_command(argv: list[str]) -> None:
    if "manage.py" in argv:
        command = argv[argv.index("manage.py") + 1]
        assert command in get_commands(), command
    if "gunicorn" in argv:
        assert argv[argv.index("gunicorn") + 1] == "lingong.wsgi:application"
        config = Path(argv[argv.index("--config") + 1])
        assert (DEPLOY / config.name).exists() and config.name == "gunicorn.conf.py"


def test_the_systemd_units_start_what_exists():
    units = sorted(DEPLOY.glob("*.service"))
    assert {u.name for u in units} >= {
        "lingong-web.service",
        "lingong-streams.service",
        "lingong-consumer.service",
        "lingong-worker@.service",
    }
    for unit in units:
        _check_command(_exec_start(unit))
    # exactly one consumer runs the periodic schedule; the others take the queue only
    assert "--no-periodic" not in _exec_start(DEPLOY / "lingong-consumer.service")
    assert "--no-periodic" in _exec_start(DEPLOY / "lingong-worker@.service")


def test_the_compose_file_has_the_four_services_and_their_commands_exist():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "web", "consumer"} <= set(services)
    for name in ("migrate", "consumer", "streams"):
        _check_command(services[name]["command"])
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    cmd = yaml.safe_load(dockerfile.split("CMD ", 1)[1].splitlines()[0])
    _check_command(cmd)
    assert services["web"]["environment"]["REDIS_URL"].startswith("redis://")


def _option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def _gunicorn_config(monkeypatch, tmp_path) -> dict:
    """deploy/gunicorn.conf.py as gunicorn reads it, on a copy of the environment: what it and its hooks set there
    never reaches the servers that later tests start."""
    monkeypatch.setattr(os, "environ", os.environ.copy())
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"), run_name="gunicorn_conf")


def test_the_proxy_sends_the_screens_streams_to_their_own_server_and_the_pages_to_the_web(monkeypatch, tmp_path):
    """deploy/nginx.conf, the streams' unit and compose service, and the web's default address agree."""
    streams = _exec_start(DEPLOY / "lingong-streams.service")
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())["services"]
    for argv in (streams, compose["streams"]["command"]):
        assert _option(argv, "--workers") == "1" and int(_option(argv, "--threads")) >= 32
    assert _option(streams, "--bind") == "127.0.0.1:8001" and compose["streams"]["ports"] == ["127.0.0.1:8001:8001"]
    nginx = (DEPLOY / "nginx.conf").read_text()
    locations = dict(re.findall(r"location (\S+) \{\s*proxy_pass http://([\d.:]+);", nginx))
    assert locations == {"/boards/events/": "127.0.0.1:8001", "/": "127.0.0.1:8000"}
    assert "proxy_buffering off" in nginx.split("location /boards/events/", 1)[1].split("}", 1)[0]
    # the client's address for the rate limits: set by the proxy, never appended to what the client sent
    assert "X-Forwarded-For $remote_addr;" in nginx and "proxy_add_x_forwarded_for" not in nginx
    assert _gunicorn_config(monkeypatch, tmp_path)["bind"] == "127.0.0.1:8000"


def test_a_server_of_one_thread_processes_ends_a_screens_stream_at_once(monkeypatch, tmp_path):
    """A stream on a one-thread process would hold the process: its worker answers the version and ends."""
    config = _gunicorn_config(monkeypatch, tmp_path)
    for threads, expected in ((8, None), (1, "0")):
        monkeypatch.delenv("BOARD_STREAM_SECONDS", raising=False)
        config["post_fork"](None, SimpleNamespace(cfg=SimpleNamespace(threads=threads)))
        assert os.environ.get("BOARD_STREAM_SECONDS") == expected
    monkeypatch.setenv("BOARD_STREAM_SECONDS", "120")  # the operator's own choice stands
    config["post_fork"](None, SimpleNamespace(cfg=SimpleNamespace(threads=1)))
    assert os.environ["BOARD_STREAM_SECONDS"] == "120"


def test_a_worker_keeps_what_lives_as_long_as_it_out_of_the_collector_and_collects_less_often(monkeypatch, tmp_path):
    """post_worker_init: the index built, what the process holds frozen, the young generation collected every
    GC_YOUNG_THRESHOLD new objects (not Python's 700: two or three collections a page)."""
    from django.db import connection

    from lingong.matching import loader

    config = _gunicorn_config(monkeypatch, tmp_path)
    built = []
    monkeypatch.setattr(loader, "match_index_warm", lambda: built.append(True))
    monkeypatch.setattr(connection, "close", lambda: None)  # the test's own connection stays open
    threshold, on_sigterm = gc.get_threshold(), signal.getsignal(signal.SIGTERM)
    try:
        config["post_worker_init"](SimpleNamespace(log=None, handle_exit=None))
        assert built == [True] and gc.get_freeze_count() > 0
        assert gc.get_threshold() == (config["GC_YOUNG_THRESHOLD"], *threshold[1:])
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        signal.signal(signal.SIGTERM, on_sigterm)  # the hook bound it to the worker's exit
