from datetime import timedelta

import pytest

from lingong.accounts.models import SmsOutbox
from lingong.agreements.models import Agreement, AgreementStatus
from lingong.attendance.models import ConfirmationStatus, PlacementConfirmation
from lingong.attendance.services import (
    confirmation_deadline_sweep,
    confirmation_list_at_risk,
    confirmation_reminders_send,
    placement_confirm,
)
from lingong.core.errors import Conflict, NotAllowed
from lingong.core.models import Event
from lingong.jobs.models import Application, Job, JobStatus, Placement, PlacementStatus
from lingong.wages.models import WagePayment, WageStatus

from .helpers import local, make_placement, start_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def placement(employer, job_types, staff, register_worker):
    return make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())


def test_every_placement_has_a_confirmation_an_agreement_and_a_wage(placement):
    eve = start_day() - timedelta(days=1)
    confirmation = placement.confirmation
    assert (confirmation.status, confirmation.remind_at, confirmation.deadline) == (
        "pending",
        local(eve, 18),
        local(eve, 21),
    )
    assert list(Agreement.objects.filter(placement=placement).values_list("version", "status")) == [(1, "draft")]
    wage = WagePayment.objects.get(placement=placement)
    assert (wage.status, wage.owed_fen, wage.paid_fen, wage.due_date) == ("open", 0, 0, start_day())


def test_the_reminder_goes_at_its_time_once(placement, django_capture_on_commit_callbacks):
    eve = start_day() - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert confirmation_reminders_send(now=local(eve, 17, 59)) == 0
    assert SmsOutbox.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert confirmation_reminders_send(now=local(eve, 18)) == 1
        assert confirmation_reminders_send(now=local(eve, 18, 5)) == 0
    sms = SmsOutbox.objects.get()
    assert sms.phone_masked == "139****0001"
    assert "搬运货物" in sms.body and "13900000001" not in sms.body
    assert PlacementConfirmation.objects.get().reminded_at == local(eve, 18)


def test_staff_see_the_unconfirmed_between_reminder_and_deadline(placement, staff, other_staff):
    eve = start_day() - timedelta(days=1)
    assert list(confirmation_list_at_risk(user=staff, now=local(eve, 17))) == []
    assert list(confirmation_list_at_risk(user=staff, now=local(eve, 19))) == [placement.confirmation]
    placement_confirm(placement=placement, actor=staff, channel="window", now=local(eve, 19, 30))
    assert list(confirmation_list_at_risk(user=staff, now=local(eve, 20))) == []
    with pytest.raises(NotAllowed):
        confirmation_list_at_risk(user=None, now=local(eve, 19))


def test_the_worker_confirms_and_the_place_is_kept(placement):
    eve = start_day() - timedelta(days=1)
    placement_confirm(placement=placement, actor=placement.worker.user, channel="kiosk", now=local(eve, 19))
    assert confirmation_deadline_sweep(now=local(eve, 21, 1)) == []
    confirmation = PlacementConfirmation.objects.get()
    assert (confirmation.status, confirmation.confirmed_at, confirmation.channel) == (
        "confirmed",
        local(eve, 19),
        "kiosk",
    )
    assert Placement.objects.get().status == PlacementStatus.ACTIVE


def test_unconfirmed_at_the_deadline_the_place_is_released_and_offered(employer, job_types, staff, register_worker):
    others = [register_worker() for _ in range(4)]
    worker = register_worker()
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    job = placement.job
    job.refresh_from_db()
    assert (job.status, job.places_filled) == (JobStatus.FILLED, 1)
    eve = start_day() - timedelta(days=1)
    assert confirmation_deadline_sweep(now=local(eve, 20, 59)) == []
    assert confirmation_deadline_sweep(now=local(eve, 21)) == [placement.pk]
    placement.refresh_from_db()
    job.refresh_from_db()
    assert placement.status == PlacementStatus.CANCELLED
    assert (job.status, job.places_filled) == (JobStatus.OPEN, 0)
    assert PlacementConfirmation.objects.get().status == ConfirmationStatus.RELEASED
    assert Agreement.objects.get().status == AgreementStatus.VOID
    assert WagePayment.objects.get().status == WageStatus.CANCELLED
    offered = Application.objects.filter(job=job, origin="dispatch")
    assert offered.count() == 3
    assert set(offered.values_list("status", flat=True)) == {"proposed"}
    assert worker.pk not in set(offered.values_list("worker_id", flat=True))
    assert set(offered.values_list("worker_id", flat=True)) <= {w.pk for w in others}
    assert Event.objects.filter(verb="placement_release", subject_id=str(placement.pk)).count() == 1
    # confirming now is too late, and changes nothing
    before = Event.objects.count()
    with pytest.raises(Conflict) as caught:
        placement_confirm(placement=placement, actor=worker.user, channel="kiosk", now=local(eve, 21, 5))
    assert caught.value.code == "invalid_transition"
    assert Event.objects.count() == before


def test_confirming_after_the_deadline_before_the_sweep_is_refused(placement):
    eve = start_day() - timedelta(days=1)
    with pytest.raises(Conflict) as caught:
        placement_confirm(placement=placement, actor=placement.worker.user, channel="kiosk", now=local(eve, 21, 1))
    assert caught.value.code == "confirmation_too_late"
    assert PlacementConfirmation.objects.get().status == "pending"


def test_another_worker_cannot_confirm(placement, register_worker):
    other = register_worker()
    with pytest.raises(NotAllowed):
        placement_confirm(placement=placement, actor=other.user, channel="kiosk")
    assert PlacementConfirmation.objects.get().status == "pending"
    assert Job.objects.get().places_filled == 1
