"""The kiosk home lists the worker's live applications, what waits for the worker first, and counts the rest."""

from __future__ import annotations

import re

import pytest

from lingong.jobs.services import application_create
from lingong.jobs.tests.factories import interview_in_two_days, post_job
from lingong.kiosk.selectors import HOME_PROPOSALS

pytestmark = pytest.mark.django_db


@pytest.fixture
def applied(register_worker, employer, job_types, staff):
    """A worker with an invitation from staff (their oldest), an interview, and six applications of their own."""
    worker = register_worker()

    def apply(**extra):
        job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
        return application_create(job=job, worker=worker, channel="window", actor=staff, **extra)

    invitation = apply(origin="staff")
    interview = apply(origin="worker")
    interview_in_two_days(application=interview, actor=staff)
    waiting = [apply(origin="worker") for _ in range(6)]
    return worker, invitation, interview, waiting


def _listed(home: str) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-application="(\d+)"', home)]


@pytest.mark.parametrize(
    "language, more",
    [
        ("zh-hans", "还有 3 个工作邀请或报名没有在这里显示。"),
        ("bo", "ལས་གནས་དང་མིང་བཀོད་གཞན་ 3 འདིར་མ་སྟོན།"),
    ],
)
def test_what_waits_for_the_worker_comes_first_and_the_rest_is_counted(kiosk_client, applied, language, more):
    worker, invitation, interview, waiting = applied
    kiosk_client.force_login(worker.user)
    home = kiosk_client.get("/kiosk/home/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    newest_first = [a.pk for a in reversed(waiting)]
    assert _listed(home) == [invitation.pk, interview.pk, *newest_first[: HOME_PROPOSALS - 2]]
    assert 'data-proposals-more="3"' in home and more in home


def test_a_few_applications_are_all_listed_and_nothing_is_counted(kiosk_client, applied):
    worker, invitation, interview, waiting = applied
    for application in waiting[:3]:
        application.delete()
    kiosk_client.force_login(worker.user)
    home = kiosk_client.get("/kiosk/home/").content.decode()
    assert _listed(home) == [invitation.pk, interview.pk, *(a.pk for a in reversed(waiting[3:]))]
    assert "data-proposals-more" not in home
