"""At the kiosk, an imported job's card says where it came from; its employer has no Lingong account,
so the card gives the contact and the button asks the station's staff to phone."""

from __future__ import annotations

import pytest

from lingong.aggregation.samples import sample_bytes
from lingong.aggregation.services import import_run
from lingong.jobs.models import Application, Job
from lingong.kiosk.tests.conftest import kiosk, kiosk_and_secret, kiosk_client  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("known_employers")  # the feed's employers are verified: their jobs are shown
def test_the_card_of_an_imported_job(kiosk_client, register_worker, make_source, admin_user, today):  # noqa: F811
    import_run(source=make_source("58"), actor=admin_user, upload=(sample_bytes("58", today), "58.json"), today=today)
    worker = register_worker(trades=("room_attendant",))
    kiosk_client.force_login(worker.user)
    html = kiosk_client.get("/kiosk/home/").content.decode()
    job = Job.objects.get(source="58", external_id="58-1001")
    card = "data-job=" + html[html.index(f'data-job="{job.pk}"') + len("data-job=") :]
    card = card.split("data-job=", 2)[1]  # up to the next card
    assert "来自58同城" in card
    assert "13908901001" in card
    assert "请驿站工作人员替我给雇主打电话" in card
    assert kiosk_client.post(f"/kiosk/jobs/{job.pk}/apply/").url == "/kiosk/home/"
    assert Application.objects.filter(job=job, worker=worker).count() == 1
