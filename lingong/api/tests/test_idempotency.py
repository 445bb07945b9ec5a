"""Idempotency-Key: one effect per key, the same response replayed, reuse refused."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from lingong.api.services import api_token_issue
from lingong.core.idempotency import idempotency_purge_expired
from lingong.core.models import IdempotencyKey as IdempotencyRecord
from lingong.jobs.models import Application, Job, Placement

from .conftest import Api


@pytest.mark.django_db
def test_same_key_twice_is_one_application_and_the_same_response(api, worker_token, job):
    first = api.post("/worker/applications", {"job_id": job.pk}, token=worker_token, key="apply-1")
    second = api.post("/worker/applications", {"job_id": job.pk}, token=worker_token, key="apply-1")
    assert first.status_code == second.status_code == 201
    assert first.content == second.content
    assert Application.objects.count() == 1
    record = IdempotencyRecord.objects.get()
    assert (record.scope, record.key, record.status) == ("api", "apply-1", 201)


@pytest.mark.django_db
def test_same_key_with_another_body_is_refused_and_nothing_changes(
    api, worker_token, job, employer, job_types, staff, start_day
):
    from lingong.jobs.tests.factories import post_job

    other = post_job(
        employer=employer, job_type=job_types["mover"], actor=staff, start=start_day, today=timezone.localdate()
    )
    api.post("/worker/applications", {"job_id": job.pk}, token=worker_token, key="k")
    refused = api.post("/worker/applications", {"job_id": other.pk}, token=worker_token, key="k")
    assert refused.status_code == 422
    assert refused.data["code"] == "idempotency_key_reused"
    assert list(Application.objects.values_list("job_id", flat=True)) == [job.pk]
    other_path = api.post(f"/worker/applications/{Application.objects.get().pk}/withdraw", token=worker_token, key="k")
    assert other_path.status_code == 422
    assert Application.objects.get().status == "accepted_by_worker"


@pytest.mark.django_db
def test_business_failures_are_replayed_too(api, worker_token, job, employer_user):
    from lingong.jobs.services import job_close

    job_close(job=job, actor=employer_user, channel="app")
    first = api.post("/worker/applications", {"job_id": job.pk}, token=worker_token, key="late")
    job.refresh_from_db()
    assert first.status_code == 404
    second = api.post("/worker/applications", {"job_id": job.pk}, token=worker_token, key="late")
    assert (second.status_code, second.content) == (first.status_code, first.content)


@pytest.mark.django_db
def test_keys_are_per_user(api, worker_token, register_worker, job):
    other = register_worker()
    other_token = api_token_issue(user=other.user)[0]
    assert api.post("/worker/applications", {"job_id": job.pk}, token=worker_token, key="same").status_code == 201
    assert api.post("/worker/applications", {"job_id": job.pk}, token=other_token, key="same").status_code == 201
    assert Application.objects.count() == 2


@pytest.mark.django_db
def test_expired_key_runs_again(api, worker_token, job):
    api.post("/worker/applications", {"job_id": job.pk}, token=worker_token, key="old")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    again = api.post("/worker/applications", {"job_id": job.pk}, token=worker_token, key="old")
    assert again.status_code == 409 and again.data["code"] == "already_applied"  # ran again, not replayed
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert idempotency_purge_expired() == 1
    assert IdempotencyRecord.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", " ", "x" * 256, "ключ"])
def test_malformed_key_is_400(api, worker_token, job, key):
    response = api.post("/worker/applications", {"job_id": job.pk}, token=worker_token, key=key)
    assert response.status_code == 400
    assert response.data["code"] == "invalid_idempotency_key"
    assert Application.objects.count() == 0


@pytest.mark.django_db
def test_without_a_key_each_request_acts(api, employer_token, start_day):
    from .test_employer import job_body

    for _ in range(2):
        assert api.post("/employer/jobs", job_body(start_day), token=employer_token).status_code == 201
    assert Job.objects.count() == 2
    assert IdempotencyRecord.objects.count() == 0


@pytest.mark.django_db
def test_every_write_route_honours_the_key(api, worker, worker_token, employer_token, job, start_day):
    from .test_employer import job_body

    writes = [
        ("patch", "/worker/profile", {"travel_km": 30}, worker_token),
        ("put", "/worker/profile/trades", {"trades": [{"trade": "mover", "level": 4}]}, worker_token),
        ("put", "/worker/profile/availability", {"availability_mask": 5}, worker_token),
        ("post", "/employer/jobs", job_body(start_day), employer_token),
        ("post", f"/employer/jobs/{job.pk}/invitations", {"worker_id": worker.pk}, employer_token),
    ]
    for method, path, body, token in writes:
        first = getattr(api, method)(path, body, token=token, key=f"{method}{path}")
        second = getattr(api, method)(path, body, token=token, key=f"{method}{path}")
        assert first.status_code < 300 and (second.status_code, second.content) == (first.status_code, first.content)
    assert Job.objects.count() == 2 and Application.objects.count() == 1
    application = Application.objects.get()
    for _ in range(2):
        response = api.post(f"/worker/applications/{application.pk}/accept", token=worker_token, key="accept")
        assert response.status_code == 200 and response.data["status"] == "placed"
    assert Placement.objects.count() == 1
    for _ in range(2):
        assert api.post(f"/employer/jobs/{job.pk}/close", token=employer_token, key="close").status_code == 200
    assert api.post("/auth/sign-out", token=worker_token, key="out").status_code == 204
    # a retried sign-out finds its token gone: 401, which the app treats as signed out
    assert api.post("/auth/sign-out", token=worker_token, key="out").status_code == 401


@pytest.mark.django_db(transaction=True)
@pytest.mark.concurrency
@pytest.mark.xdist_group("concurrency")
def test_concurrent_requests_with_one_key_have_one_effect(
    register_worker, employer, make_user, job_types, staff, start_day
):
    from lingong.jobs.tests.factories import post_job

    worker = register_worker()
    job = post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        start=start_day,
        today=timezone.localdate(),
        headcount=3,
    )
    token = api_token_issue(user=worker.user)[0]
    n = 6
    barrier = threading.Barrier(n)
    results = []
    lock = threading.Lock()

    def call():
        try:
            barrier.wait()
            response = Api().post("/worker/applications", {"job_id": job.pk}, token=token, key="race")
            with lock:
                results.append((response.status_code, response.content))
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == n
    assert Application.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1
    # every caller got the one stored answer (a loser that ran out of retries would see 409)
    assert {status for status, _ in results} == {201}
    assert len({content for _, content in results}) == 1


@pytest.mark.django_db
def test_the_hourly_task_forgets_keys_older_than_a_day():
    from datetime import timedelta

    from django.utils import timezone

    from lingong.accounts.models import User
    from lingong.operations.tasks import idempotency_purge_task

    user = User.objects.create_user(username="u-purge", role="worker")
    fields = dict(user=user, scope="api", fingerprint="0" * 64, status=201, result="{}")
    old = IdempotencyRecord.objects.create(key="old", **fields)
    IdempotencyRecord.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=25))
    IdempotencyRecord.objects.create(key="new", **fields)
    assert idempotency_purge_task.call_local() == 1
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]
