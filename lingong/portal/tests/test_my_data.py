"""My data at the worker and employer doors: a copy (PDF, JSON), deletion, consent withdrawn."""

import json

import pytest

from lingong.privacy.models import DataRequest
from lingong.workers.models import Worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_client(client, register_worker):
    worker = register_worker()
    client.force_login(worker.user)
    client.worker = worker
    return client


@pytest.mark.parametrize("language", ["zh-hans", "bo"])
def test_the_page_offers_a_copy_and_deletion_in_the_workers_language(worker_client, language):
    page = worker_client.get("/w/my-data/", HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    assert page.status_code == 200 and 'href="/w/my-data/copy.pdf"' in html and "/w/my-data/delete/" in html
    assert f'lang="{language}"' in html
    assert "/w/my-data/" in worker_client.get("/w/profile/").content.decode()


def test_a_worker_downloads_a_copy(worker_client):
    pdf = worker_client.get("/w/my-data/copy.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    data = json.loads(worker_client.get("/w/my-data/copy.json").content)
    assert "13900000001" in data[0]["rows"][0].values()
    assert DataRequest.objects.filter(worker=worker_client.worker, kind="export").count() == 2


def test_deletion_needs_the_box_ticked_then_hides_and_signs_out(worker_client):
    assert worker_client.post("/w/my-data/delete/").status_code == 400
    assert Worker.objects.get(pk=worker_client.worker.pk).is_active
    response = worker_client.post("/w/my-data/delete/", {"confirm": "yes"})
    assert response.status_code == 200 and "_auth_user_id" not in worker_client.session
    assert not Worker.objects.get(pk=worker_client.worker.pk).is_active


def test_consent_withdrawn_at_the_door(worker_client):
    worker_client.post("/w/my-data/withdraw-consent/")
    worker = Worker.objects.get(pk=worker_client.worker.pk)
    assert not worker.is_active and worker.consents.filter(withdrawn_at__isnull=False).exists()


def test_nobody_else_opens_a_workers_data(client, register_worker, make_user):
    register_worker()
    assert client.get("/w/my-data/copy.json").status_code == 302  # not signed in: to the sign-in page
    client.force_login(make_user("employer"))
    assert client.get("/w/my-data/copy.json").status_code == 403


def test_an_employer_downloads_a_copy_and_asks_for_deletion(client, employer, make_user):
    boss = make_user("employer")
    employer.user = boss
    employer.save(update_fields=["user"])
    client.force_login(boss)
    assert client.get("/e/my-data/").status_code == 200
    assert client.get("/e/my-data/copy.pdf").content.startswith(b"%PDF")
    client.post("/e/my-data/delete/", {"confirm": "yes"})
    employer.refresh_from_db()
    assert employer.hidden_at is not None
