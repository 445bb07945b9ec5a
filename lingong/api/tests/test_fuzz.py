"""Malformed input to every write route: never a 500, and a refusal changes nothing."""

import json

import pytest
from ninja import Schema

from lingong.api.schemas import NoNulIn
from lingong.core.models import Event, IdempotencyKey
from lingong.jobs.models import Application, Job, Placement
from lingong.jobs.services import application_create
from lingong.workers.models import Worker, WorkerTrade

from .test_employer import job_body

pytestmark = pytest.mark.django_db

BAD_VALUES = [
    None,
    "",
    "x" * 5000,
    "ཀཁག藏" * 1500,
    [],
    {"a": 1},
    -1,
    10**20,
    1.5,
    "1e999",
    "\u0000",
    "2026-13-45T25:61",
]
BAD_BODIES = ["", "{", "[]", "null", "123", '"text"', "{" * 2000, '{"a":' * 50, "\xff\xfe", json.dumps([{}] * 1000)]


def snapshot():
    return (
        list(Job.objects.order_by("pk").values()),
        list(Application.objects.order_by("pk").values()),
        Placement.objects.count(),
        list(Worker.objects.order_by("pk").values()),
        list(WorkerTrade.objects.order_by("pk").values_list("worker_id", "job_type_id", "level")),
        IdempotencyKey.objects.count(),
        Event.objects.count(),
    )


def mutations(valid: dict):
    for field in valid:
        for bad in BAD_VALUES:
            yield {**valid, field: bad}
    yield {**valid, "unexpected": 1}
    yield {k: v for k, v in list(valid.items())[1:]}  # one required field missing


def fuzz(api, method, path, valid, token):
    refused = 0
    cases = [(json.dumps(body, allow_nan=True), "mutation") for body in mutations(valid)] if valid else []
    cases += [(raw, "raw") for raw in BAD_BODIES]
    for raw, _kind in cases:
        before = snapshot()
        response = api.call(method, path, raw=raw, token=token, key=None)
        assert response.status_code < 500, (path, raw[:80], response.content[:200])
        if response.status_code >= 400:
            refused += 1
            assert response.data["code"] and response.data["message"]
            assert snapshot() == before, (path, raw[:80])
    return refused, len(cases)


@pytest.fixture
def setting(api, worker, worker_token, employer_token, job, employer_user, register_worker, start_day):
    other = register_worker()
    invitation = application_create(job=job, worker=worker, origin="employer", channel="app", actor=employer_user)
    applied = application_create(job=job, worker=other, origin="worker", channel="app", actor=other.user)
    return {
        "worker": [
            ("patch", "/worker/profile", {"travel_km": 20, "min_day_pay_fen": 20000, "max_intensity": 2}),
            ("put", "/worker/profile/trades", {"trades": [{"trade": "mover", "level": 3}]}),
            ("put", "/worker/profile/availability", {"availability_mask": 3}),
            ("post", "/worker/applications", {"job_id": job.pk}),
            ("post", f"/worker/applications/{invitation.pk}/decline", {"reason": "远"}),
        ],
        "employer": [
            ("post", "/employer/jobs", job_body(start_day)),
            ("post", f"/employer/jobs/{job.pk}/invitations", {"worker_id": other.pk}),
            ("post", f"/employer/applications/{applied.pk}/decline", {"reason": "满了"}),
        ],
        "anonymous": [
            ("post", "/auth/sms-code", {"phone": "13900000001", "purpose": "worker_sign_in"}),
            ("post", "/auth/worker/sign-in", {"phone": "13900000001", "code": "123456"}),
            ("post", "/auth/employer/sign-in", {"phone": "13800138000", "code": "123456"}),
        ],
        "tokens": {"worker": worker_token, "employer": employer_token, "anonymous": None},
    }


@pytest.mark.parametrize("who", ["worker", "employer", "anonymous"])
def test_malformed_bodies_never_500_and_change_nothing(api, setting, who):
    token = setting["tokens"][who]
    for method, path, valid in setting[who]:
        refused, total = fuzz(api, method, path, valid, token)
        # almost everything is refused; the rest were harmless valid variants (e.g. an empty reason)
        assert refused >= total * 0.8, (path, refused, total)


@pytest.mark.parametrize("bad_id", ["0", "-1", "abc", "1.5", str(10**30), "%00", "ཀ", "1e3"])
def test_malformed_ids_in_paths(api, worker_token, employer_token, bad_id):
    before = snapshot()
    for path, token in [
        (f"/worker/applications/{bad_id}/accept", worker_token),
        (f"/worker/applications/{bad_id}/withdraw", worker_token),
        (f"/worker/applications/{bad_id}/decline", worker_token),
        (f"/employer/applications/{bad_id}/accept", employer_token),
        (f"/employer/jobs/{bad_id}/close", employer_token),
        (f"/employer/jobs/{bad_id}/invitations", employer_token),
    ]:
        response = api.post(path, {"worker_id": 1}, token=token)
        assert response.status_code in (404, 422), (path, response.status_code)
        assert response.data["code"] in ("not_found", "invalid")
    assert snapshot() == before


@pytest.mark.parametrize(
    "params",
    [
        {"page": "x"},
        {"page": -5},
        {"page_size": 0},
        {"page_size": 10**9},
        {"min_pay_fen": -1},
        {"min_pay_fen": "1e999"},
        {"date": "2026-02-30"},
        {"trade": "x" * 500},
        {"trade": "ཀ"},
    ],
)
def test_malformed_search_queries(api, worker_token, params):
    response = api.get("/jobs", token=worker_token, params=params)
    assert 400 <= response.status_code < 500
    assert response.data["code"] in ("invalid", "invalid_trade")


def test_nul_characters_are_refused_everywhere(api, worker_token):
    response = api.get("/jobs", token=worker_token, params={"trade": "mo\x00ver"})
    assert response.status_code == 422
    response = api.get("/policy/articles", params={"q": "工资\x00"})  # a 500 on PostgreSQL until 2026-12-07
    assert response.status_code == 422 and response.data["fields"][0]["field"] == "q"
    response = api.patch("/worker/profile", {"home_area": "城关\x00"}, token=worker_token)
    assert response.status_code == 422 and response.data["fields"][0]["field"] == "home_area"


def test_every_input_schema_refuses_nul_characters():
    """Each of the API's inputs, query or body, is a NoNulIn: PostgreSQL cannot store or compare a NUL."""
    import lingong.api.api  # noqa: F401, PLC0415  every router, so every input schema, is defined

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    inputs = {c for c in subclasses(Schema) if c.__module__.startswith("lingong.") and c.__name__.endswith("In")}
    assert len(inputs) > 10
    assert sorted(c.__name__ for c in inputs if not issubclass(c, NoNulIn)) == []


def test_an_oversized_body_is_413_not_500(api, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    body = '{"phone": "13900000001", "purpose": "worker_sign_in", "x": "' + "a" * (3 * 1024 * 1024) + '"}'
    response = api.call("post", "/auth/sms-code", raw=body)
    assert response.status_code == 413 and response.data["code"] == "too_large"
