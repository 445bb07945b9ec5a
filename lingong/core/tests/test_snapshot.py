"""Trades and stations for choices are read once a process a minute, and again at once after a change here."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lingong.core.snapshot import Snapshot
from lingong.portal.forms import JobSearchForm
from lingong.stations.models import Station
from lingong.stations.selectors import station_list_active, stations_active
from lingong.trades.models import JobType
from lingong.trades.selectors import job_types_active

pytestmark = pytest.mark.django_db


def queries(call) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return result, len(captured)


def test_rows_are_read_once_within_the_time_and_again_after_it():
    def read():
        return list(station_list_active())

    kept, every_time = Snapshot(read, models=[]), Snapshot(read, models=[], seconds=0)
    assert [queries(kept)[1] for _ in range(3)] == [1, 0, 0]
    assert [queries(every_time)[1] for _ in range(2)] == [1, 1]
    assert [s.pk for s in kept()] == [s.pk for s in station_list_active()]


def test_a_change_in_this_process_is_seen_at_once(stations):
    assert stations["gongdelin"] in stations_active()
    Station.objects.filter(pk=stations["gongdelin"].pk).update(is_active=False)  # no signal: the minute holds
    assert stations["gongdelin"] in stations_active()
    station = Station.objects.get(pk=stations["gongdelin"].pk)
    station.save()  # the admin saves it: the snapshot goes
    assert stations["gongdelin"] not in stations_active() and stations_active.by_pk(station.pk) is None
    trade = JobType.objects.create(slug="beekeeper", name_zh="养蜂", name_bo="བུང་བ་གསོ་མཁན", intensity=2, sort_order=999)
    assert job_types_active()[-1] == trade
    trade.delete()
    assert trade not in job_types_active()


def test_the_job_search_form_renders_and_checks_without_a_query(job_types, stations):
    stations_active(), job_types_active()  # what the process holds after its first page
    with translation.override("bo"):
        html, count = queries(lambda: str(JobSearchForm()))
    assert count == 0
    assert f'<option value="{job_types["mover"].pk}">{job_types["mover"].name_bo}</option>' in html
    form, count = queries(lambda: JobSearchForm({"trade": job_types["mover"].pk, "area": stations["gongdelin"].pk}))
    assert form.is_valid() and count == 0
    assert (form.cleaned_data["trade"], form.cleaned_data["area"]) == (job_types["mover"], stations["gongdelin"])


@pytest.mark.parametrize("value", ["999999", "x", "1e9", "99999999999999999999999", "-1", "1 OR 1=1"])
def test_a_choice_that_is_not_one_is_a_form_error(value):
    form = JobSearchForm({"trade": value, "area": value})
    assert not form.is_valid()
    assert {code for field in ("trade", "area") for code in [e.code for e in form.errors.as_data()[field]]} == {
        "invalid_choice"
    }
