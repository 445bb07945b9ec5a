"""The console's import screens through the real pages: a source set up, a file run, its report, the trade queue."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lingong.aggregation.models import ImportRun, ImportSource, TradeMappingReview, TradeMappingRule
from lingong.aggregation.samples import sample_bytes
from lingong.aggregation.tests.conftest import GENERIC_MAPPING
from lingong.jobs.models import Job

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_admin_sets_up_a_sheet_source_and_runs_a_file(admin_user, stations, known_employers, today):
    client = client_for(admin_user)
    mapping = GENERIC_MAPPING
    # an incomplete mapping is refused on the form, nothing saved
    response = client.post(
        "/console/imports/new/",
        {"name": "表格", "platform": "generic", "fetch_kind": "file", "column_mapping": '{"title": "岗位名称"}',
         "credentials_header": "Authorization", "expiry_days": 14, "station": stations["market"].pk, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 400
    assert ImportSource.objects.count() == 0
    response = client.post(
        "/console/imports/new/",
        {"name": "表格", "platform": "generic", "fetch_kind": "file", "column_mapping": json.dumps(mapping),
         "credentials_header": "Authorization", "expiry_days": 14, "station": stations["market"].pk, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    source = ImportSource.objects.get()
    assert (source.platform, source.column_mapping, source.run_as) == ("generic", mapping, admin_user)

    upload = SimpleUploadedFile("sheet.csv", sample_bytes("generic", today), content_type="text/csv")
    response = client.post(f"/console/imports/{source.pk}/run/", {"file": upload})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/console/imports/runs/{run.pk}/"
    assert (run.read, run.new, run.refused) == (3, 2, 1)
    page = client.get(f"/console/imports/runs/{run.pk}/?outcome=refused").content.decode()
    assert "这一行无法读取：缺少岗位名称。" in page
    assert "SH-03" in page and "SH-01" not in page


def test_station_staff_see_the_sources_but_may_not_run_them(staff, admin_user, stations, today, make_source):
    source = make_source("58")
    client = client_for(staff)
    page = client.get("/console/imports/").content.decode()
    assert "58 feed" in page and "/run/" not in page
    assert client.get("/console/imports/new/").status_code == 403
    upload = SimpleUploadedFile("58.json", sample_bytes("58", today))
    assert client.post(f"/console/imports/{source.pk}/run/", {"file": upload}).status_code == 403
    assert ImportRun.objects.count() == 0 and Job.objects.count() == 0


def test_staff_correct_a_trade_in_the_queue(staff, admin_user, job_types, today, make_source):
    client_for(admin_user).post(
        f"/console/imports/{make_source('boss').pk}/run/",
        {"file": SimpleUploadedFile("boss.json", sample_bytes("boss", today))},
    )
    review = TradeMappingReview.objects.get()
    client = client_for(staff)
    page = client.get("/console/imports/trades/").content.decode()
    assert "厨房帮工" in page
    response = client.post(f"/console/imports/trades/{review.pk}/", {"job_type": job_types["dishwasher"].pk})
    assert response.status_code == 302
    assert TradeMappingRule.objects.get().job_type == job_types["dishwasher"]
    assert "厨房帮工" not in client.get("/console/imports/trades/").content.decode()
