"""Lists cost the same number of queries for 5 rows as for 15: no N+1, and a budget per page.

Each list page is fetched twice over the same kind of data, once with a few
rows and once with three times as many; a query per row would show as a
difference. The budgets are the counts measured when the test was written,
written next to each page: a page that needs more is a design question, not
a number to raise quietly.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lingong.api.services import api_token_issue
from lingong.calls.models import CallOutcome
from lingong.calls.services import call_record
from lingong.jobs.services import application_accept, application_create
from lingong.jobs.tests.factories import post_job
from lingong.matching import loader

pytestmark = pytest.mark.django_db

# page → most queries it may run (measured; see the module docstring)
# Measured + 3, for a small feature's room: session, user, the page's own queries.
CONSOLE_BUDGETS = {
    "/console/": 11,  # the day: three lists, each a page and its count (measured 8)
    "/console/workers/": 9,  # the search, posted, one page of 50 (measured 6)
    "/console/jobs/": 9,  # one page of 50 (measured 6)
    "/console/employers/": 7,  # the search, posted (measured 4)
    "/console/at-risk/": 8,  # measured 5
    "/console/followups/": 8,  # measured 5
    "/console/decisions/": 9,  # measured 6
    "/console/messages/": 8,  # measured 5
    "/console/staff-calls/": 8,  # measured 5
}
POSTED_SEARCHES = {"/console/workers/": "扎西", "/console/employers/": "拉萨"}
API_BUDGETS = {
    "/api/v1/jobs": 5,  # measured 2 (token, page)
    "/api/v1/employer/jobs": 8,  # measured 5
    "/api/v1/employer/applications": 7,  # measured 4
    "/api/v1/employer/placements": 7,  # measured 4
}
ADMIN_PAGES = (
    "/admin/workers/worker/",
    "/admin/employers/employer/",
    "/admin/jobs/job/",
    "/admin/jobs/application/",
    "/admin/jobs/placement/",
    "/admin/followups/followup/",
    "/admin/credit/creditevent/",
    "/admin/core/event/",
    "/admin/core/accesslog/",
    "/admin/notifications/notification/",
)
ADMIN_BUDGET = 13  # changelist, filters, counts and the sidebar (measured 5-10)


@pytest.fixture
def market(register_worker, employer, staff, job_types):
    """Adds `n` more hires (worker, job, application, placement, wage, follow-ups, messages) on each call."""

    def grow(n: int) -> None:
        for _ in range(n):
            job = post_job(
                employer=employer, job_type=job_types["mover"], actor=staff, today=timezone.localdate(), headcount=2
            )
            worker = register_worker()
            application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
            application_accept(application=application, side="worker", actor=staff, channel="window")
            application_accept(application=application, side="employer", actor=staff, channel="window")
            # one more, proposed by matching: on the day's list of people to call
            application_create(job=job, worker=register_worker(), origin="dispatch", channel="system", actor=None)
            # a call made today with a call back due today: on the day's other two lists
            midnight = timezone.make_aware(datetime.combine(timezone.localdate(), time.min))
            call_record(
                worker=worker,
                application=application,
                outcome=CallOutcome.REACHED,
                actor=staff,
                note="明天再打",
                call_back_at=midnight + timedelta(minutes=1),
                now=midnight,
            )

    return grow


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        # Searches are posted (an ID number never goes into an address).
        search = POSTED_SEARCHES.get(url)
        response = client.post(url, {"q": search}) if search else client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def counts_at(market, fetch, pages) -> tuple[dict, dict]:
    market(5)
    few = {page: fetch(page) for page in pages}
    market(10)
    many = {page: fetch(page) for page in pages}
    print("queries", few, many)  # shown with -s: where the budgets come from
    return few, many


def test_console_lists_do_not_grow_with_their_rows(client, staff, market):
    client.force_login(staff)
    few, many = counts_at(market, lambda page: queries(client, page), CONSOLE_BUDGETS)
    # The lists were not empty: the day shows the 15 proposals to phone and the 15 calls due back, each with its
    # "show the number", and the 15 calls made today with who made them.
    day = client.get("/console/").content.decode()
    assert day.count('class="reveal-inline"') == 30
    assert day.count("明天再打") == 15
    assert day.count('class="outcome outcome-reached"') == 15
    assert {page: n for page, n in many.items() if n > few[page]} == {}
    assert {page: n for page, n in many.items() if n > CONSOLE_BUDGETS[page]} == {}


def test_api_lists_do_not_grow_with_their_rows(client, employer, make_user, market):
    user = make_user("employer")
    employer.user = user
    employer.save(update_fields=["user"])
    token = api_token_issue(user=user)[0]

    def fetch(page):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page, HTTP_AUTHORIZATION=f"Bearer {token}")
        assert response.status_code == 200, page
        return len(captured)

    few, many = counts_at(market, fetch, API_BUDGETS)
    assert {page: n for page, n in many.items() if n > few[page]} == {}
    assert {page: n for page, n in many.items() if n > API_BUDGETS[page]} == {}


def test_admin_lists_do_not_grow_with_their_rows(client, auditor, market):
    client.force_login(auditor)
    few, many = counts_at(market, lambda page: queries(client, page), ADMIN_PAGES)
    assert {page: n for page, n in many.items() if n > few[page]} == {}
    assert {page: n for page, n in many.items() if n > ADMIN_BUDGET} == {}


# --- the doors and the app, seen by one worker with a growing record ----------------------------------------

WORKER_API_BUDGETS = {
    "/api/v1/worker/applications": 8,  # measured 5
    "/api/v1/worker/placements": 7,  # measured 4
}
WORKER_DOOR_BUDGETS = {
    "/w/": 22,  # measured 19: offers, work, wages, credit and the jobs that fit, each one query
    "/w/mine/": 9,  # measured 6
    "/w/work/": 11,  # measured 8
    "/w/messages/": 10,  # measured 7
}
EMPLOYER_DOOR_BUDGETS = {
    "/e/": 9,  # measured 6
    "/e/credit/": 9,  # measured 6
}


@pytest.fixture
def career(register_worker, employer, staff, job_types):
    """One worker hired on `n` more jobs (one a day, so they never overlap), plus an open proposal each."""
    worker = register_worker()
    state = {"day": 0}

    def grow(n: int) -> None:
        for _ in range(n):
            state["day"] += 1
            start = timezone.localdate() + timezone.timedelta(days=8 + state["day"])
            job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=start, headcount=2)
            application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
            application_accept(application=application, side="worker", actor=staff, channel="window")
            application_accept(application=application, side="employer", actor=staff, channel="window")
            other = post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=start)
            application_create(job=other, worker=worker, origin="dispatch", channel="system", actor=None)

    grow.worker = worker
    return grow


def test_a_workers_lists_do_not_grow_with_their_rows(client, career):
    token = api_token_issue(user=career.worker.user)[0]
    client.force_login(career.worker.user)

    def fetch(page):
        if page.startswith("/api/"):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page, HTTP_AUTHORIZATION=f"Bearer {token}")
            assert response.status_code == 200, page
            return len(captured)
        return queries(client, page)

    budgets = {**WORKER_API_BUDGETS, **WORKER_DOOR_BUDGETS}
    few, many = counts_at(career, fetch, budgets)
    assert client.get("/w/work/").content.decode().count('class="card placement"') == 15  # not empty
    assert {page: n for page, n in many.items() if n > few[page]} == {}
    assert {page: n for page, n in many.items() if n > budgets[page]} == {}


def test_an_employers_door_does_not_grow_with_the_jobs(client, employer, make_user, market):
    user = make_user("employer")
    employer.user = user
    employer.save(update_fields=["user"])
    client.force_login(user)
    few, many = counts_at(market, lambda page: queries(client, page), EMPLOYER_DOOR_BUDGETS)
    assert {page: n for page, n in many.items() if n > few[page]} == {}
    assert {page: n for page, n in many.items() if n > EMPLOYER_DOOR_BUDGETS[page]} == {}


# Measured 9 (session, user, employer, the job, its applications, its placements, the candidates, their ratings,
# the exposures recorded), + 3.
EMPLOYER_JOB_BUDGET = 12


def test_an_employers_job_does_not_grow_with_its_candidates(
    client, employer, make_user, register_worker, job_types, staff, monkeypatch
):
    """The candidates' cards read only the columns they show (`CANDIDATE_COLUMNS`): one left unread would cost a
    query a card. The matching index is refreshed before the counted request, not during it (as on a server)."""
    user = make_user("employer")
    employer.user = user
    employer.save(update_fields=["user"])
    client.force_login(user)
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=20)
    application_create(job=job, worker=register_worker(), origin="staff", channel="window", actor=staff)
    page = f"/e/jobs/{job.pk}/"

    def counted(workers: int) -> tuple[int, str]:
        for _ in range(workers):
            register_worker()
        with monkeypatch.context() as patched:
            client.get(page)
            patched.setattr(loader, "REFRESH_SECONDS", 3600.0)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(page, HTTP_ACCEPT_LANGUAGE="bo")  # names in Tibetan where there is one
        assert response.status_code == 200
        return len(captured), response.content.decode()

    few, html = counted(3)
    assert html.count('class="card candidate"') == 3
    many, html = counted(10)
    assert html.count('class="card candidate"') == 13 and "139****" in html  # each shows a masked phone
    assert many == few and many <= EMPLOYER_JOB_BUDGET, (few, many)
