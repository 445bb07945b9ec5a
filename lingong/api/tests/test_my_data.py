"""A worker's and an employer's own data through the app: a copy (JSON, PDF) and deletion."""

import pytest

from lingong.privacy.models import DataRequest
from lingong.workers.models import Worker

pytestmark = pytest.mark.django_db


def test_a_worker_takes_a_copy_of_their_data(api, worker, worker_token):
    response = api.get("/worker/my-data", token=worker_token)
    assert response.status_code == 200
    profile = response.data[0]["rows"][0]
    assert worker.phone_masked not in profile.values() and "13900000001" in profile.values()
    assert all("_sealed" not in key for section in response.data for row in section["rows"] for key in row)
    pdf = api.get("/worker/my-data.pdf", token=worker_token)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert DataRequest.objects.filter(worker=worker, kind="export").count() == 2


def test_a_worker_asks_for_deletion_and_the_app_closes_at_once(api, worker, worker_token):
    first = api.post("/worker/deletion", token=worker_token, key="delete-1")
    assert first.status_code == 202
    assert first.data["kind"] == "deletion" and first.data["purge_after"]
    assert not Worker.objects.get(pk=worker.pk).is_active
    # hidden at once: the token no longer opens anything, a retry included
    assert api.post("/worker/deletion", token=worker_token, key="delete-1").status_code == 403
    assert api.get("/worker/profile", token=worker_token).status_code == 403
    assert DataRequest.objects.filter(worker=worker, kind="deletion").count() == 1


def test_an_employer_takes_a_copy(api, employer, employer_token):
    response = api.get("/employer/my-data", token=employer_token)
    assert response.status_code == 200
    assert "13800138000" in response.data[0]["rows"][0].values()


def test_without_a_token_nothing(api):
    for path in ("/worker/my-data", "/worker/my-data.pdf", "/employer/my-data"):
        assert api.get(path).status_code == 401
    assert api.post("/worker/deletion").status_code == 401


def test_the_copy_of_a_hired_worker_carries_times_and_the_agreements_terms(
    api, worker, worker_token, employer, staff, job_types
):
    from lingong.attendance.tests.helpers import make_placement

    make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    response = api.get("/worker/my-data", token=worker_token)
    assert response.status_code == 200  # times of day, ids and nested terms all as the schema says
    rows = [row for section in response.data for row in section["rows"]]
    assert all(isinstance(v, str | int | float | bool | type(None)) for row in rows for v in row.values())
