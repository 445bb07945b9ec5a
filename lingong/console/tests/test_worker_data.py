"""A worker's data at the window: a printed copy (staff of their station only, recorded), their requests listed."""

import subprocess

import pytest
from django.test import Client

from lingong.core.models import AccessLog
from lingong.privacy.models import DataRequest
from lingong.privacy.services import privacy_export

pytestmark = pytest.mark.django_db


def as_user(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_the_window_prints_the_workers_copy_and_it_is_recorded(register_worker, staff, tmp_path):
    worker = register_worker()
    window = as_user(staff)
    page = window.get(f"/console/workers/{worker.pk}/").content.decode()
    assert f'action="/console/workers/{worker.pk}/data-copy/"' in page
    response = window.post(f"/console/workers/{worker.pk}/data-copy/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (tmp_path / "copy.pdf").write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(tmp_path / "copy.pdf"), "-"], capture_output=True, text=True).stdout
    assert worker.name in text and "13900000001" in text  # the worker's own copy: their full phone
    request = DataRequest.objects.get()
    assert (request.kind, request.channel, request.actor) == ("export", "window", staff)
    assert AccessLog.objects.filter(actor=staff, field="export", subject_id=str(worker.pk)).exists()
    listed = window.get(f"/console/workers/{worker.pk}/").content.decode()
    assert 'class="data-requests"' in listed


def test_only_staff_of_the_workers_station_print_it(register_worker, other_staff, auditor, make_user):
    worker = register_worker()  # registered at gongdelin
    for outsider in (other_staff, auditor, make_user("rights_officer")):
        browser = as_user(outsider)
        assert browser.post(f"/console/workers/{worker.pk}/data-copy/").status_code == 403
    assert not DataRequest.objects.exists() and not AccessLog.objects.filter(field="export").exists()


def test_requests_from_the_door_show_at_the_window(register_worker, staff):
    worker = register_worker()
    privacy_export(subject=worker, actor=worker.user, channel="web")
    listed = as_user(staff).get(f"/console/workers/{worker.pk}/").content.decode()
    assert 'class="data-requests"' in listed
