"""The stations' screens: what each shows, in both languages, and that nothing personal reaches a board."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
import time_machine
from django.test import override_settings

from lingong.attendance.tests.helpers import make_placement
from lingong.boards import selectors
from lingong.jobs.models import JobStatus
from lingong.jobs.tests.factories import post_job

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fresh_version():
    selectors.board_version_forget()
    yield
    selectors.board_version_forget()


def text(response) -> str:
    return response.content.decode()


def test_the_job_board_shows_this_stations_open_jobs_in_both_languages(
    client, employer, job_types, staff, stations, today
):
    here = post_job(employer=employer, job_type=job_types["mover"], actor=staff, station=stations["gongdelin"])
    elsewhere = post_job(employer=employer, job_type=job_types["cleaner"], actor=staff, station=stations["jinzhu-xilu"])
    response = client.get("/boards/gongdelin/jobs/")
    assert response.status_code == 200
    page = text(response)
    assert f'data-job="{here.pk}"' in page and f'data-job="{elsewhere.pk}"' not in page
    mover = job_types["mover"]
    assert mover.name_zh in page and mover.name_bo in page  # side by side, not one or the other
    assert "每天" in page or "天" in page  # the pay unit in Chinese
    assert "ཉིན" in page  # … and in Tibetan
    assert (
        "300&nbsp;元/天" in page and "300&nbsp;སྒོར་མོ་/ཉིན་རེ།" in page and "¥" not in page
    )  # the currency once, in each language
    assert page.count("<svg") >= 1  # the job's QR code
    assert stations["gongdelin"].opening_hours in page and stations["gongdelin"].hotline in page
    assert "服务时间" in page and "ཞབས་ཞུའི་དུས་ཚོད" in page


def test_a_filled_job_leaves_the_board(client, employer, job_types, staff, stations, today):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, station=stations["gongdelin"])
    assert f'data-job="{job.pk}"' in text(client.get("/boards/gongdelin/jobs/"))
    type(job).objects.filter(pk=job.pk).update(status=JobStatus.FILLED)
    assert f'data-job="{job.pk}"' not in text(client.get("/boards/gongdelin/jobs/"))


def test_a_job_leaves_the_board_when_it_starts(client, employer, job_types, staff, stations, today, now):
    job = post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        station=stations["gongdelin"],
        start=today,
        hours=(time(11), time(17)),
    )
    pages = ("/boards/gongdelin/jobs/", "/boards/gongdelin/jobs/?body=1")
    for page in pages:
        assert f'data-job="{job.pk}"' in text(client.get(page))  # 10:00: it starts at 11:00
    with time_machine.travel(now + timedelta(hours=1, minutes=1), tick=False):
        for page in pages:  # without a change of the token: a body is kept a minute at most
            assert f'data-job="{job.pk}"' not in text(client.get(page))


def test_the_feed_shows_hires_at_every_station_masked(client, employer, job_types, staff, stations, register_worker):
    worker = register_worker(name="扎西次仁", phone="13912345678")
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    for code in ("gongdelin", "jinzhu-xilu"):  # a hire at one station shows on every station's feed
        page = text(client.get(f"/boards/{code}/feed/"))
        assert f'data-hire="{placement.pk}"' in page
        assert "扎***" in page
        assert "扎西次仁" not in page
        assert worker.phone_masked not in page and "13912345678" not in page
        assert worker.id_number_masked not in page


def test_the_body_alone_is_what_the_screen_fetches_again(client, employer, job_types, staff, register_worker):
    make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    body = text(client.get("/boards/gongdelin/feed/?body=1"))
    assert "<html" not in body and "data-hire=" in body


def body_and_queries(client, url: str) -> tuple[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        body = text(client.get(url))
    return body, len(captured)


def test_a_body_is_drawn_once_for_every_screen_and_again_at_each_change(client, employer, job_types, staff, stations):
    first = post_job(employer=employer, job_type=job_types["mover"], actor=staff, station=stations["gongdelin"])
    url = "/boards/gongdelin/jobs/?body=1"
    body, drawn = body_and_queries(client, url)
    same, kept = body_and_queries(client, url)  # the next screen of the station
    assert same == body and f'data-job="{first.pk}"' in body
    assert kept < drawn
    assert body_and_queries(client, url + "&v=made-up")[0] == body  # a token nobody told: the same body

    # A change: the stream tells the screens its token; this process has read the old one a moment ago, so
    # it reads the token again when a screen brings a newer one, and draws the body anew.
    second = post_job(employer=employer, job_type=job_types["cook"], actor=staff, station=stations["gongdelin"])
    told = selectors.board_version(max_age=0)
    assert f'data-job="{second.pk}"' in text(client.get(f"{url}&v={told}"))


def test_an_unknown_station_is_404(client):
    assert client.get("/boards/nowhere/jobs/").status_code == 404
    assert client.get("/boards/nowhere/feed/").status_code == 404


def test_the_index_lists_every_screen(client, stations):
    page = text(client.get("/boards/"))
    for code in stations:
        assert f"/boards/{code}/jobs/" in page and f"/boards/{code}/feed/" in page


def test_empty_boards_say_so_in_both_languages(client):
    page = text(client.get("/boards/gongdelin/jobs/"))
    assert "暂无" in page or "没有" in page
    assert re.search(r'<span lang="bo">[^<]+</span></p>', page)


@override_settings(BOARD_CHECK_SECONDS=0.05, BOARD_STREAM_SECONDS=3)
def test_the_event_stream_says_when_a_hire_is_made_and_ends_by_itself(
    client, employer, job_types, staff, register_worker
):
    worker = register_worker(name="扎西次仁", phone="13912345678")
    response = client.get("/boards/events/")
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache"
    chunks = iter(response.streaming_content)
    first = next(chunks).decode()
    assert first.startswith("retry: 2000\nevent: version\ndata: ")
    version = first.rsplit("data: ", 1)[1].strip()
    make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    change = next(chunks).decode()
    assert change.startswith("event: change\ndata: ") and change.split("data: ")[1].strip() != version
    rest = b"".join(chunks).decode()  # the stream ends after BOARD_STREAM_SECONDS: the browser reconnects
    assert "扎" not in first + change + rest and "13912345678" not in first + change + rest


@override_settings(BOARD_STREAM_SECONDS=0)
def test_a_stream_of_no_lifetime_says_the_version_and_ends(client):
    """How a server of one-thread processes answers a screen (deploy/gunicorn.conf.py): it asks again after `retry`."""
    events = b"".join(client.get("/boards/events/").streaming_content).decode()
    assert events.startswith("retry: 2000\nevent: version\ndata: ") and events.count("event:") == 1


def test_the_hall_screen_shows_todays_figures_and_every_station_on_the_map(
    client, employer, job_types, staff, stations, register_worker
):
    post_job(employer=employer, job_type=job_types["cleaner"], actor=staff, station=stations["gongdelin"], headcount=3)
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    page = text(client.get("/boards/hall/"))
    today = {
        name: re.search(rf'data-figure="{name}"><span class="b-figure">(\d+)</span>', page).group(1)
        for name in ("placements", "jobs_posted", "places_open", "workers_registered")
    }
    assert today == {"placements": "1", "jobs_posted": "2", "places_open": "3", "workers_registered": "1"}
    for station in stations.values():
        assert f'<g class="b-map-station" data-station="{station.code}">' in page
        assert station.name_zh in page and station.name_bo in page
    hired_at = placement.station or placement.job.station
    assert re.search(rf'<tr data-station="{hired_at.code}">.*?<td class="b-count">1</td>', page, re.S)
    assert f'data-hire="{placement.pk}"' in page
    assert "今日对接" in page and "དེ་རིང་ལས་ཀ་སྦྲེལ་མཐུད།" in page
