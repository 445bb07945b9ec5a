"""People's rights over their data: a copy, deletion, consent withdrawn, and retention."""

import subprocess
from datetime import timedelta

import numpy as np
import pytest
import time_machine
from django.utils import timezone

from lingong.accounts.models import SmsCode
from lingong.agreements.models import Agreement
from lingong.calls.models import CallRecord
from lingong.calls.services import call_record
from lingong.core.crypto import unseal
from lingong.core.errors import NotAllowed
from lingong.core.models import AccessLog, Event
from lingong.followups.models import FollowUp
from lingong.jobs.models import Application, Job, Placement
from lingong.jobs.services import application_accept, application_create
from lingong.jobs.tests.factories import post_job
from lingong.matching import FEATURES, AcceptanceModel, fit_acceptance
from lingong.matching.models import AcceptanceModelVersion, DispatchStandby, Exposure
from lingong.matching.selectors import workers_for_job
from lingong.notifications.models import Notification
from lingong.policy.models import Consultation
from lingong.policy.services import consultation_record
from lingong.privacy.models import DataRequest
from lingong.privacy.pdf import privacy_export_pdf
from lingong.privacy.services import (
    privacy_consent_withdraw,
    privacy_deletion_request,
    privacy_export,
    privacy_export_json,
    privacy_retention_sweep,
)
from lingong.wages.models import WagePayment
from lingong.workers.models import Worker
from lingong.workers.selectors import worker_find_by_phone

pytestmark = pytest.mark.django_db


@pytest.fixture
def hired(register_worker, employer, staff, job_types):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=2)
    worker = register_worker()
    application = application_create(job=job, worker=worker, origin="staff", channel="window", actor=staff)
    application_accept(application=application, side="worker", actor=staff, channel="window")
    application_accept(application=application, side="employer", actor=staff, channel="window")
    return application.placement


def titles(sections):
    return [s.title for s in sections]


def label(model, name):
    return str(model._meta.get_field(name).verbose_name)


def test_the_copy_holds_everything_and_opens_only_the_persons_own_numbers(hired):
    worker = hired.worker
    sections = privacy_export(subject=worker, actor=worker.user, channel="web")
    profile = sections[0].rows[0]
    assert "540102" in profile[label(Worker, "id_number_masked")]
    assert profile[label(Worker, "phone_masked")] == "13900000001"
    for model in (Placement, Agreement, WagePayment, FollowUp, Event):
        assert str(model._meta.verbose_name_plural) in titles(sections), (model, titles(sections))
    text = privacy_export_json(sections)
    assert "_sealed" not in text and "_digest" not in text and "13800138000" not in text  # the employer stays masked
    assert AccessLog.objects.filter(field="export", subject_id=str(worker.pk)).count() == 1
    assert DataRequest.objects.get().kind == "export"


def test_the_employers_copy_holds_its_jobs_and_hires_with_the_workers_masked(hired, employer, staff):
    worker = hired.worker
    call_record(worker=worker, application=hired.application, outcome="reached", actor=staff, note="说腰不好")
    sections = privacy_export(subject=employer, actor=staff, channel="window")
    for model in (Job, Application, Placement, Agreement, WagePayment):
        assert str(model._meta.verbose_name_plural) in titles(sections), (model, titles(sections))
    for model in (FollowUp, CallRecord):  # staff's calls with the worker are not the employer's
        assert str(model._meta.verbose_name_plural) not in titles(sections), model
    [placements] = [s for s in sections if s.title == str(Placement._meta.verbose_name_plural)]
    assert len(placements.rows) == 1
    text = privacy_export_json(sections)
    assert worker.id_number_masked in text and "13800138000" in text  # its own phone, opened
    assert unseal(worker.id_number_sealed, purpose="id_number") not in text and "13900000001" not in text
    assert "说腰不好" not in text


def test_nobody_else_takes_a_copy(hired, register_worker, other_staff, staff, make_user):
    worker = hired.worker
    for intruder in (register_worker().user, other_staff, make_user("auditor"), make_user("employer")):
        with pytest.raises(NotAllowed):
            privacy_export(subject=worker, actor=intruder, channel="web")
    privacy_export(subject=worker, actor=staff, channel="window")  # at the window of their station
    assert DataRequest.objects.count() == 1


def test_the_copy_as_pdf_is_readable(hired, tmp_path):
    sections = privacy_export(subject=hired.worker, actor=hired.worker.user, channel="web")
    pdf = privacy_export_pdf(sections)
    assert pdf.startswith(b"%PDF")
    (tmp_path / "copy.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "copy.pdf"), "-"], capture_output=True, text=True).stdout
    assert hired.worker.name in text and "13900000001" in text


def test_deletion_hides_at_once_and_purges_after_the_period(hired, register_worker, employer, staff, job_types):
    worker = hired.worker
    other_job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=3)
    pending = application_create(job=other_job, worker=worker, origin="staff", channel="window", actor=staff)
    asked = consultation_record(
        actor=staff,
        station=staff.station,
        channel="window",
        topic="wage_arrears",
        question="老板欠我三天工钱，我住在娘热路",
        answer="可以到维权窗口登记",
        referral="rights_officer",
        referral_note="找次仁",
        worker=worker,
    )
    request = privacy_deletion_request(subject=worker, actor=worker.user, channel="web")
    worker.refresh_from_db()
    pending.refresh_from_db()
    assert not worker.is_active and worker.hidden_at is not None and pending.status == "withdrawn"
    assert worker.pk not in {m.worker.pk for m in workers_for_job(job=other_job, limit=50)}
    assert request.purge_after == hired.end_date + timedelta(days=730)
    assert privacy_deletion_request(subject=worker, actor=worker.user, channel="web") == request  # twice is once
    # the day before: nothing; after: anonymised, records kept
    with time_machine.travel(timezone.now() + (request.purge_after - timezone.localdate()) - timedelta(days=1)):
        assert privacy_retention_sweep()["purged"] == 0
    with time_machine.travel(timezone.now() + (request.purge_after - timezone.localdate()) + timedelta(hours=1)):
        assert privacy_retention_sweep()["purged"] == 1
    worker = Worker.objects.get(pk=worker.pk)
    assert (worker.name, worker.id_number_masked, worker.phone_masked) == ("—", "—", "—")
    assert worker.placements.count() == 1 and worker_find_by_phone(phone="13900000001") is None
    assert not worker.user.is_active and not worker.user.has_usable_password()
    # What they asked at the window is gone; the topic and the referral stay counted.
    asked = Consultation.objects.get(pk=asked.pk)
    assert (asked.question, asked.answer, asked.referral_note, asked.topic, asked.referral) == (
        "—",
        "—",
        "",
        "wage_arrears",
        "rights_officer",
    )


def test_consent_withdrawn_hides_the_worker_now(hired):
    worker = hired.worker
    privacy_consent_withdraw(worker=worker, actor=worker.user, channel="kiosk")
    worker.refresh_from_db()
    assert not worker.is_active and worker.consents.filter(withdrawn_at__isnull=False).exists()
    assert hired.__class__.objects.get(pk=hired.pk).status == "active"  # the work and its records stay


def test_an_employer_asking_for_deletion_has_its_open_jobs_closed_and_posts_no_more(employer, staff, job_types):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    privacy_deletion_request(subject=employer, actor=staff, channel="window")
    job.refresh_from_db()
    assert job.status == "cancelled"
    with pytest.raises(NotAllowed):
        post_job(employer=employer, job_type=job_types["mover"], actor=staff)


def test_retention_drops_old_codes_messages_and_access_logs_and_keeps_recent_ones(hired, staff):
    old = timezone.now() - timedelta(days=400)
    SmsCode.objects.create(phone_digest="x", purpose="sign_in", code_hash="h", expires_at=old, created_at=old)
    SmsCode.objects.create(phone_digest="y", purpose="sign_in", code_hash="h", expires_at=timezone.now())
    sent = Notification.objects.exclude(status="pending").count()
    Notification.objects.update(created_at=old)
    log = AccessLog.objects.create(actor=staff, subject_type_id=1, subject_id="1", field="phone", reason="test")
    AccessLog.objects.filter(pk=log.pk).update(created_at=timezone.now() - timedelta(days=1200))
    counts = privacy_retention_sweep()
    assert counts["sms_codes"] == 1 and SmsCode.objects.count() == 1
    assert counts["messages"] == sent and counts["access_logs"] == 1


def test_the_purge_takes_what_matching_learned_of_the_worker_and_old_exposures_expire(hired, register_worker):
    worker, job = hired.worker, hired.job
    other = register_worker()
    now = timezone.now()
    for who in (worker, other):
        Exposure.objects.create(worker=who, job=job, surface="kiosk", shown_at=now, answer="applied")
    old = Exposure.objects.create(worker=other, job=job, surface="app", shown_at=now - timedelta(days=181))
    DispatchStandby.objects.create(job=job, worker=worker, rank=1)
    model = fit_acceptance(
        np.zeros((4, len(FEATURES))),
        np.array([1, 0, 1, 0]),
        np.array([worker.pk, worker.pk, other.pk, other.pk]),
        version="v1",
    ).to_json()
    AcceptanceModelVersion.objects.create(version="v1", trained_at=now, model=model, active=True)
    assert privacy_retention_sweep()["exposures"] == 1 and not Exposure.objects.filter(pk=old.pk).exists()

    request = privacy_deletion_request(subject=worker, actor=worker.user, channel="web")
    with time_machine.travel(now + (request.purge_after - timezone.localdate()) + timedelta(hours=1)):
        assert privacy_retention_sweep()["purged"] == 1
    assert not Exposure.objects.filter(worker=worker).exists()
    assert not DispatchStandby.objects.filter(worker=worker).exists()
    stored = AcceptanceModel.from_json(AcceptanceModelVersion.objects.get(version="v1").model)
    assert stored.worker_ids.tolist() == [other.pk]
    assert str(worker.pk) not in stored.metrics["worker_answers"]
