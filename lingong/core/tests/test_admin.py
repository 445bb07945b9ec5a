"""The admin shows station staff only their station, masked, and auditors cannot change."""

import pytest
from django.contrib.auth.models import Permission

pytestmark = pytest.mark.django_db


def grant(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))


def test_station_staff_see_only_their_station_and_masked_numbers(client, staff, other_staff, register_worker, stations):
    mine = register_worker()
    theirs = register_worker(station=stations["jinzhu-xilu"], actor=other_staff)
    grant(staff, "view_worker", "change_worker")
    client.force_login(staff)
    page = client.get("/admin/workers/worker/").content.decode()
    assert mine.id_number_masked in page and theirs.id_number_masked not in page
    assert mine.phone_masked in page and "13900000001" not in page
    assert client.get(f"/admin/workers/worker/{theirs.pk}/change/").status_code == 302  # not found → redirect


def test_auditor_reads_but_cannot_change(client, auditor, register_worker):
    worker = register_worker()
    grant(auditor, "view_worker", "change_worker", "delete_worker")
    client.force_login(auditor)
    assert client.get("/admin/workers/worker/").status_code == 200
    response = client.post(f"/admin/workers/worker/{worker.pk}/change/", {"name": "改名"})
    assert response.status_code == 403
    worker.refresh_from_db()
    assert worker.name.startswith("扎西")
