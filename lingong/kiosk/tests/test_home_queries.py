"""The kiosk's home costs the same queries with 4 job cards as with 12, and with 3 listed applications as with 5.

The home reads only the columns its cards and its listed applications show (`HOME_CARD_JOB_COLUMNS`,
`HOME_PROPOSAL_COLUMNS`): a column the page shows but the read leaves out would cost one query a card, which
shows here as more queries for more cards.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import INTERVIEW_PLACE, interview_in_two_days, post_job
from lingong.matching import loader

pytestmark = pytest.mark.django_db

# Measured 11 when written (session, user, kiosk, worker, the live applications with their jobs, the worker's
# applied jobs, the cards' jobs, their ratings, the exposures recorded, the trades the worker knows, the
# station), + 3 for a small feature's room.
HOME_BUDGET = 14


@pytest.fixture
def market(kiosk_client, register_worker, employer, job_types, staff):
    """A worker signed in at the kiosk; each call adds `n` jobs that fit them (the first applied for from the
    kiosk) and `n` invitations from staff, each with an interview."""
    worker = register_worker()
    kiosk_client.force_login(worker.user)

    def grow(n: int) -> None:
        for i in range(n):
            job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
            if i == 0:
                application_create(job=job, worker=worker, origin="worker", channel="kiosk", actor=worker.user)
            invited = application_create(
                job=post_job(employer=employer, job_type=job_types["mover"], actor=staff),
                worker=worker,
                origin="staff",
                channel="window",
                actor=staff,
            )
            interview_in_two_days(application=invited, actor=staff)

    return grow


def home_queries(client, monkeypatch) -> tuple[int, str]:
    """The queries of the page itself: the matching index takes in the new jobs first, and is not refreshed
    during the counted request (tests refresh it at every read; a server, every few seconds)."""
    with monkeypatch.context() as patched:
        client.get("/kiosk/home/")
        patched.setattr(loader, "REFRESH_SECONDS", 3600.0)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/kiosk/home/")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_home_does_not_grow_with_its_cards_and_applications(kiosk_client, market, monkeypatch):
    market(2)
    few, page = home_queries(kiosk_client, monkeypatch)
    # each invitation's job is a card too, marked as applied for
    assert page.count('class="k-job"') == 4 and page.count('class="k-job k-proposal"') == 3
    market(5)
    many, page = home_queries(kiosk_client, monkeypatch)
    assert page.count('class="k-job"') == 12 and page.count('class="k-job k-proposal"') == 5
    assert page.count('class="k-applied"') >= 4 and page.count('class="interview"') == 5  # every column shown
    assert INTERVIEW_PLACE in page and "300\u00a0元/天" in page
    assert many == few and many <= HOME_BUDGET, (few, many)
