"""Fixtures of the API tests: a signed-in worker and employer, an open job, a JSON client."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from lingong.api.services import api_token_issue
from lingong.jobs.tests.factories import post_job

BASE = "/api/v1"


def _decoded(response):
    is_json = response.get("Content-Type", "").startswith("application/json")
    response.data = json.loads(response.content) if is_json and response.content else None
    return response


class Api:
    """A thin JSON client: `api.post("/worker/applications", {...}, token=..., key=...)`."""

    def __init__(self):
        self.client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")

    def call(self, method, path, body=None, *, token=None, key=None, raw=None, headers=None):
        extra = dict(headers or {})
        if token:
            extra["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        if key is not None:
            extra["HTTP_IDEMPOTENCY_KEY"] = key
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        response = getattr(self.client, method)(BASE + path, data=data, content_type="application/json", **extra)
        return _decoded(response)

    def get(self, path, *, token=None, params=None, **kw):
        extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        extra.update(kw.get("headers") or {})
        return _decoded(self.client.get(BASE + path, data=params or {}, **extra))

    def post(self, path, body=None, **kw):
        return self.call("post", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.call("put", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.call("patch", path, body, **kw)


def msg(text: str, lang: str = "zh-hans") -> str:
    """The message as the API sends it for this Accept-Language."""
    with translation.override(lang):
        return str(translation.gettext(text))


@pytest.fixture
def api():
    return Api()


@pytest.fixture
def start_day():
    return timezone.localdate() + timedelta(days=7)


@pytest.fixture
def worker(register_worker):
    return register_worker(trades=("mover",))


@pytest.fixture
def worker_token(worker):
    return api_token_issue(user=worker.user)[0]


@pytest.fixture
def employer_user(employer, make_user):
    user = make_user("employer")
    employer.user = user
    employer.save(update_fields=["user"])
    return user


@pytest.fixture
def employer_token(employer_user):
    return api_token_issue(user=employer_user)[0]


@pytest.fixture
def job(employer, employer_user, job_types, staff, start_day):
    return post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        start=start_day,
        today=timezone.localdate(),
        headcount=2,
    )
