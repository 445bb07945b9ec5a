"""Configuration of the SMS gateway: the system check refuses an incomplete template map or
missing keys, and production settings refuse the database backend and missing keys."""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import typing

import pytest
from django.conf import settings

import lingong
from lingong.core.tests.test_settings import run_settings
from lingong.notifications.checks import sms_gateway_check
from lingong.notifications.codes import CODE_PURPOSES
from lingong.notifications.models import NotificationKind
from lingong.testing.aliyun_sms import ACCESS_KEY_ID, ACCESS_KEY_SECRET, SIGN_NAME, TEMPLATES

GATEWAY = "lingong.notifications.aliyun.AliyunSmsBackend"


def gateway(settings, templates=None, **overrides):
    settings.SMS_BACKEND = GATEWAY
    settings.ALIYUN_SMS_ACCESS_KEY_ID = ACCESS_KEY_ID
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = ACCESS_KEY_SECRET
    settings.ALIYUN_SMS_SIGN_NAME = SIGN_NAME
    settings.SMS_TEMPLATES = json.loads(json.dumps(TEMPLATES if templates is None else templates))
    for name, value in overrides.items():
        setattr(settings, name, value)


def problems() -> list[tuple[str, str]]:
    return [(error.id, error.msg) for error in sms_gateway_check()]


def test_the_database_backend_needs_no_templates(settings):
    settings.SMS_BACKEND = "lingong.accounts.sms.DatabaseConsoleBackend"
    settings.SMS_TEMPLATES = {}
    assert problems() == []


def test_a_complete_gateway_configuration_passes(settings):
    gateway(settings)
    assert problems() == []


def test_every_message_kind_needs_a_template(settings):
    templates = {key: value for key, value in TEMPLATES.items() if key not in ("hire", "staff_call")}
    gateway(settings, templates)
    assert problems() == [
        ("notifications.E003", "No SMS template for the message kind 'hire'."),
        ("notifications.E003", "No SMS template for the message kind 'staff_call'."),
    ]


def test_a_gateway_with_no_templates_at_all_names_every_kind(settings):
    gateway(settings, {})
    assert len(problems()) == len(NotificationKind.values)


def test_template_entries_are_checked(settings):
    templates = {
        **TEMPLATES,
        "sign_in_code": {"code": {"zh-hans": "SMS_100001"}, "params": ["code"]},  # no Tibetan template
        "worker_register": {"code": "SMS_100002", "params": []},  # a code template without the code
        "hire": {"params": ["job"]},
        "offer": {"code": "SMS_300001", "params": "job"},
        "worker_sigin": {"code": "SMS_100001", "params": ["code"]},  # a typo
    }
    gateway(settings, templates)
    assert problems() == [
        ("notifications.E003", "SMS template 'sign_in_code' has no template code for bo."),
        (
            "notifications.E003",
            "SMS template 'worker_register' must take the 'code' parameter: it carries a sign-in code.",
        ),
        ("notifications.E003", "SMS template 'hire' has no template code."),
        ("notifications.E003", "SMS template 'offer': 'params' must be a list of parameter names."),
        ("notifications.E003", "SMS template 'worker_sigin' is neither a message kind nor a code purpose."),
    ]


def test_the_gateway_needs_its_keys(settings):
    gateway(settings, ALIYUN_SMS_ACCESS_KEY_SECRET="", ALIYUN_SMS_SIGN_NAME="")
    assert problems() == [
        ("notifications.E002", "ALIYUN_SMS_ACCESS_KEY_SECRET is not set: the SMS gateway cannot sign its requests."),
        ("notifications.E002", "ALIYUN_SMS_SIGN_NAME is not set: the SMS gateway cannot sign its requests."),
    ]


def test_an_unknown_backend_is_reported(settings):
    settings.SMS_BACKEND = "lingong.notifications.nowhere.Backend"
    assert problems() == [
        ("notifications.E001", "SMS_BACKEND 'lingong.notifications.nowhere.Backend' cannot be imported.")
    ]


def test_code_purposes_lists_every_purpose_a_code_is_sent_for():
    """Each `*_PURPOSE` constant of the services, and the API's, may be given a template of its own."""
    from lingong.api.schemas import SmsCodeIn

    found = set(typing.get_args(SmsCodeIn.model_fields["purpose"].annotation))
    for module in pkgutil.walk_packages(lingong.__path__, "lingong."):
        if module.name.endswith(".services"):
            values = vars(importlib.import_module(module.name))
            found |= {value for name, value in values.items() if name.endswith("_PURPOSE") and isinstance(value, str)}
    assert found == CODE_PURPOSES


# --- production settings (each in a fresh interpreter) --------------------------------------------


def production_env(tmp_path, templates=TEMPLATES, **overrides) -> dict:
    templates_file = tmp_path / "sms-templates.json"
    templates_file.write_text(json.dumps(templates, ensure_ascii=False), encoding="utf-8")
    env = {
        "LINGONG_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "s" * 50,
        "FIELD_ENCRYPTION_KEY": "dGVzdC1maWVsZC1lbmNyeXB0aW9uLWtleS0zMmJ5dGU=",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "ALIYUN_SMS_ACCESS_KEY_ID": ACCESS_KEY_ID,
        "ALIYUN_SMS_ACCESS_KEY_SECRET": ACCESS_KEY_SECRET,
        "ALIYUN_SMS_SIGN_NAME": SIGN_NAME,
        "SMS_TEMPLATES_FILE": str(templates_file),
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def manage_check(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ALIYUN_SMS_", "SMS_"))}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "lingong.settings.production", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )


def test_production_refuses_the_database_backend(tmp_path):
    run = run_settings(
        "lingong.settings.production",
        production_env(tmp_path, SMS_BACKEND="lingong.accounts.sms.DatabaseConsoleBackend"),
    )
    assert run.returncode != 0
    assert "Production settings refuse the database SMS backend" in run.stderr


@pytest.mark.parametrize(
    "missing",
    ["ALIYUN_SMS_ACCESS_KEY_ID", "ALIYUN_SMS_ACCESS_KEY_SECRET", "ALIYUN_SMS_SIGN_NAME", "SMS_TEMPLATES_FILE"],
)
def test_production_refuses_to_start_without_the_gateways_keys(tmp_path, missing):
    run = run_settings("lingong.settings.production", production_env(tmp_path, **{missing: None}))
    assert run.returncode != 0
    assert f"{missing} must be set in the environment under production settings" in run.stderr


def test_production_uses_the_gateway_and_check_passes_with_every_template(tmp_path):
    run = manage_check(production_env(tmp_path))
    assert run.returncode == 0, run.stderr
    assert "System check identified no issues" in run.stdout


def test_under_production_check_refuses_a_kind_without_a_template(tmp_path):
    templates = {key: value for key, value in TEMPLATES.items() if key != "hire"}
    run = manage_check(production_env(tmp_path, templates))
    assert run.returncode != 0
    assert "notifications.E003" in run.stderr and "No SMS template for the message kind 'hire'." in run.stderr


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    """HSTS, HTTPS redirect, secure cookies, the proxy header: Django's own deployment check has nothing to say."""
    # Not the test process's own switches (the browser tests allow async-unsafe calls in their process).
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ALIYUN_SMS_", "SMS_")) and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "lingong.settings.production",
            **production_env(tmp_path, SECRET_KEY="Xq7-lingong-" + "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1eF3hJ5kM7"),
        },
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
