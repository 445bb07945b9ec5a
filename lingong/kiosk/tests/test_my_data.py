"""My data at the kiosk: the copy goes to the worker's own phone, never onto the public screen;
deletion and consent withdrawal are asked twice, then done and the kiosk forgets the worker."""

import pytest

from lingong.core.models import Event
from lingong.privacy.models import DataRequest
from lingong.workers.models import Consent, Worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_kiosk(kiosk_client, register_worker):
    worker = register_worker()
    kiosk_client.force_login(worker.user)
    return kiosk_client, worker


def test_the_page_offers_the_copy_on_the_phone_not_on_the_screen(at_kiosk):
    client, worker = at_kiosk
    assert "/kiosk/my-data/" in client.get("/kiosk/home/").content.decode()
    page = client.get("/kiosk/my-data/")
    content = page.content.decode()
    assert page.status_code == 200 and "<svg" in content
    # neither the full ID number nor the phone is on the public screen, and nothing is exported here
    assert "13900000001" not in content and "copy.pdf" not in content
    assert not DataRequest.objects.exists()


def test_deleting_is_asked_twice_then_hides_the_worker_and_signs_out(at_kiosk):
    client, worker = at_kiosk
    ask = client.post("/kiosk/my-data/", {"ask": "delete"})
    assert ask.status_code == 200 and 'value="delete"' in ask.content.decode()
    worker.refresh_from_db()
    assert worker.is_active and not DataRequest.objects.exists()  # asking changes nothing
    done = client.post("/kiosk/my-data/", {"action": "delete"})
    assert done.status_code == 200
    worker.refresh_from_db()
    assert not worker.is_active and worker.hidden_at is not None
    request = DataRequest.objects.get()
    assert (request.kind, request.channel) == ("deletion", "kiosk")
    assert client.get("/kiosk/home/")["Location"] == "/kiosk/"  # the kiosk forgot the worker
    assert Event.objects.filter(verb="privacy_deletion_request", channel="kiosk").exists()


def test_withdrawing_consent_at_the_kiosk(at_kiosk):
    client, worker = at_kiosk
    client.post("/kiosk/my-data/", {"action": "withdraw"})
    assert Consent.objects.get(worker=worker).withdrawn_at is not None
    assert not Worker.objects.get(pk=worker.pk).is_active


def test_nobody_signed_in_goes_back_to_the_card_reader(kiosk_client):
    assert kiosk_client.get("/kiosk/my-data/")["Location"] == "/kiosk/"
    assert kiosk_client.post("/kiosk/my-data/", {"action": "delete"})["Location"] == "/kiosk/"
    assert not DataRequest.objects.exists()


def test_an_unknown_action_changes_nothing(at_kiosk):
    client, worker = at_kiosk
    assert client.post("/kiosk/my-data/", {"action": "everything", "ask": "x" * 5000}).status_code == 200
    worker.refresh_from_db()
    assert worker.is_active and not DataRequest.objects.exists()
