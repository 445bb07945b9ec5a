"""The two small services the imports add to lingong/jobs: a change from the source, a lapse."""

from __future__ import annotations

from datetime import time, timedelta

import pytest

from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Event
from lingong.jobs.models import Job
from lingong.jobs.services import job_cancel, job_expire_from_source, job_update_from_source
from lingong.jobs.tests.factories import post_job

pytestmark = pytest.mark.django_db


def _fields(job):
    return Job.objects.filter(pk=job.pk).values(
        "title", "description", "headcount", "pay_fen", "pay_unit", "start_date", "end_date", "status"
    )[0]


def _change(job, actor, **overrides):
    values = dict(
        title="搬运货物",
        description="",
        headcount=2,
        pay_fen=32000,
        pay_unit="day",
        start_date=job.start_date,
        end_date=job.end_date,
        start_time=time(9),
        end_time=time(17),
    )
    values.update(overrides)
    return job_update_from_source(job=job, actor=actor, **values)


@pytest.fixture
def imported(employer, job_types, admin_user):
    return post_job(employer=employer, job_type=job_types["mover"], actor=admin_user, source="58", external_id="x1")


def test_a_change_from_the_source(imported, admin_user):
    _change(imported, admin_user)
    assert (_fields(imported)["headcount"], _fields(imported)["pay_fen"]) == (2, 32000)
    event = Event.objects.get(verb="job_source_update", subject_id=str(imported.pk))
    assert event.data == {"before": {"title": "搬运货物", "pay_fen": 30000, "headcount": 1}}


def test_refused_changes_change_nothing(imported, employer, job_types, admin_user, other_staff):
    before = _fields(imported)
    with pytest.raises(InvalidInput):
        _change(imported, admin_user, description="上岗先交押金100元")
    with pytest.raises(InvalidInput):
        _change(imported, admin_user, end_date=imported.start_date - timedelta(days=1))
    with pytest.raises(NotAllowed):  # staff of another station than the job's
        _change(imported, other_staff)
    local = post_job(employer=employer, job_type=job_types["mover"], actor=admin_user)
    with pytest.raises(NotAllowed):
        _change(local, admin_user)
    assert _fields(imported) == before
    job_cancel(job=imported, actor=admin_user, channel="import")
    with pytest.raises(Conflict):
        _change(imported, admin_user)
    assert Event.objects.filter(verb="job_source_update").count() == 0


def test_a_lapse(imported, admin_user):
    job_expire_from_source(job=imported, actor=admin_user)
    assert _fields(imported)["status"] == "expired"
    with pytest.raises(Conflict):
        job_expire_from_source(job=Job.objects.get(pk=imported.pk), actor=admin_user)
