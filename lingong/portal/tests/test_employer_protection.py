"""The employer's protection screens: agreement, hours, wages paid, rating, credit and appeal."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from lingong.agreements.models import Agreement
from lingong.attendance.models import AttendanceRecord
from lingong.credit.models import Appeal, CreditEvent, Rating
from lingong.jobs.models import Job, Placement, PlacementStatus
from lingong.jobs.services import application_accept, application_create
from lingong.jobs.tests.factories import post_job
from lingong.wages.models import WageLedgerEntry, WagePayment

pytestmark = pytest.mark.django_db
OTHER_USCC = "91540100MA6T11125C"


@pytest.fixture
def boss(employer_account):
    return employer_account()


@pytest.fixture
def other_boss(employer_account):
    return employer_account(phone="13700137001", uscc=OTHER_USCC, name="布达拉宾馆")


@pytest.fixture
def worker(register_worker):
    return register_worker(trades=("mover",))


@pytest.fixture
def placement(boss, worker, job_types):
    day = timezone.localdate() + timedelta(days=1)
    job = post_job(
        employer=boss,
        job_type=job_types["mover"],
        actor=boss.user,
        start=day,
        today=day,
        hours=(time(9), time(17)),
        channel="web",
    )
    application = application_create(job=job, worker=worker, origin="employer", channel="web", actor=boss.user)
    application_accept(application=application, side="worker", actor=worker.user, channel="kiosk")
    return Placement.objects.get(application=application)


def _t(msgid: str) -> str:
    """The message as the page shows it (the default language is Chinese), HTML-escaped."""
    with translation.override("zh-hans"):
        return escape(gettext(msgid))


def _move_to_yesterday(placement):
    day = timezone.localdate() - timedelta(days=1)
    Job.objects.filter(pk=placement.job_id).update(start_date=day, end_date=day)
    Placement.objects.filter(pk=placement.pk).update(start_date=day, end_date=day)
    placement.refresh_from_db()
    return day


def test_job_page_links_each_hire_and_shows_the_check_in_code(client, boss, placement):
    client.force_login(boss.user)
    page = client.get(f"/e/jobs/{placement.job_id}/").content.decode()
    assert f'href="/e/placements/{placement.pk}/"' in page
    assert f'href="/attendance/jobs/{placement.job_id}/code/"' in page


def test_placement_page_shows_masked_phone_and_agreement(client, boss, placement, worker):
    client.force_login(boss.user)
    agreement = Agreement.objects.get(placement=placement)
    page = client.get(f"/e/placements/{placement.pk}/").content.decode()
    assert worker.phone_masked in page and "13900000001" not in page
    assert f'href="/agreements/{agreement.pk}/pdf/"' in page


def test_another_employers_placement_is_not_found(client, other_boss, placement):
    client.force_login(other_boss.user)
    assert client.get(f"/e/placements/{placement.pk}/").status_code == 404
    assert client.post(f"/e/placements/{placement.pk}/sign/").status_code == 404
    assert (
        client.post(
            f"/e/placements/{placement.pk}/paid/",
            {"amount_yuan": "1", "method": "cash", "paid_on": "2026-01-01", "paid_time": "10:00"},
        ).status_code
        == 404
    )
    assert Agreement.objects.get(placement=placement).status == "draft"
    assert WageLedgerEntry.objects.filter(wage__placement=placement, kind="paid").count() == 0


def test_sign_the_agreement(client, boss, placement):
    client.force_login(boss.user)
    response = client.post(f"/e/placements/{placement.pk}/sign/")
    assert response.status_code == 302 and response["Location"] == f"/e/placements/{placement.pk}/"
    agreement = Agreement.objects.get(placement=placement)
    assert agreement.status == "employer_signed" and agreement.employer_sign_method == "online"
    assert agreement.employer_signed_by == boss.user
    again = client.post(f"/e/placements/{placement.pk}/sign/", follow=True)
    assert _t("This agreement is already signed.") in again.content.decode()


def test_confirm_hours_and_mark_paid(client, boss, placement):
    day = _move_to_yesterday(placement)
    client.force_login(boss.user)
    response = client.post(
        f"/e/placements/{placement.pk}/hours/", {"day": day.isoformat(), "check_in": "09:00", "check_out": "16:30"}
    )
    assert response.status_code == 302
    record = AttendanceRecord.objects.get(placement=placement)
    assert (record.status, record.source, record.minutes) == ("confirmed", "employer", 450)
    wage = WagePayment.objects.get(placement=placement)
    assert wage.owed_fen == 30000
    response = client.post(
        f"/e/placements/{placement.pk}/paid/",
        {"amount_yuan": "120.50", "method": "mobile", "paid_on": day.isoformat(), "paid_time": "18:00"},
    )
    assert response.status_code == 302
    wage.refresh_from_db()
    assert (wage.paid_fen, wage.status) == (12050, "open")
    entry = WageLedgerEntry.objects.get(wage=wage, kind="paid")
    assert (entry.amount_fen, entry.method) == (12050, "mobile")


@pytest.mark.parametrize(
    "data, message",
    [
        ({"day": "x", "check_in": "09:00", "check_out": "17:00"}, "Enter a valid date."),
        ({"day": "OFFSET-5", "check_in": "09:00", "check_out": "17:00"}, "This day is not a day of this work."),
        ({"day": "OFFSET0", "check_in": "17:00", "check_out": "09:00"}, "The end must be after the start."),
    ],
)
def test_bad_hours_change_nothing(client, boss, placement, data, message):
    day = _move_to_yesterday(placement)
    for key, value in list(data.items()):
        if value.startswith("OFFSET"):
            data[key] = (day + timedelta(days=int(value[6:]))).isoformat()
    client.force_login(boss.user)
    response = client.post(f"/e/placements/{placement.pk}/hours/", data)
    assert response.status_code == 400 and _t(message) in response.content.decode()
    assert not AttendanceRecord.objects.filter(placement=placement).exists()


@pytest.mark.parametrize(
    "amount, message",
    [
        ("abc", "Please give the amount in yuan, for example 300 or 300.50."),
        ("0", "Please give the amount in yuan, for example 300 or 300.50."),
        ("1.234", "Please give the amount in yuan, for example 300 or 300.50."),
        ("301", "This is more than is owed."),
    ],
)
def test_bad_payment_changes_nothing(client, boss, placement, amount, message):
    day = _move_to_yesterday(placement)
    client.force_login(boss.user)
    client.post(
        f"/e/placements/{placement.pk}/hours/", {"day": day.isoformat(), "check_in": "09:00", "check_out": "17:00"}
    )
    response = client.post(
        f"/e/placements/{placement.pk}/paid/",
        {"amount_yuan": amount, "method": "cash", "paid_on": day.isoformat(), "paid_time": "18:00"},
    )
    assert response.status_code == 400 and _t(message) in response.content.decode()
    assert WagePayment.objects.get(placement=placement).paid_fen == 0


def test_rate_the_worker_after_completion(client, boss, placement, worker):
    client.force_login(boss.user)
    refused = client.post(f"/e/placements/{placement.pk}/rate/", {"stars": "4"})
    assert refused.status_code == 400 and _t("You can rate once the work is completed.") in refused.content.decode()
    Placement.objects.filter(pk=placement.pk).update(status=PlacementStatus.COMPLETED)
    bad = client.post(f"/e/placements/{placement.pk}/rate/", {"stars": "9"})
    assert bad.status_code == 400 and not Rating.objects.exists()
    response = client.post(
        f"/e/placements/{placement.pk}/rate/", {"stars": "4", "tags": ["punctual", "careful"], "comment": "很好"}
    )
    assert response.status_code == 302
    rating = Rating.objects.get(placement=placement)
    assert (rating.side, rating.stars, rating.tags, rating.worker_id) == (
        "employer",
        4,
        ["punctual", "careful"],
        worker.pk,
    )


def test_credit_page_and_appeal(client, boss, other_boss, placement):
    from lingong.credit.services import credit_event_record

    event, _ = credit_event_record(subject=boss, kind="wages_overdue", source=placement.wage)
    other_event, _ = credit_event_record(subject=other_boss, kind="wages_overdue", source=placement)
    client.force_login(boss.user)
    page = client.get("/e/credit/").content.decode()
    assert f'data-event="{event.pk}"' in page and f'data-event="{other_event.pk}"' not in page
    empty = client.post("/e/credit/appeal/", {"event": event.pk, "reason": " "})
    assert empty.status_code == 400 and not Appeal.objects.exists()
    assert client.post("/e/credit/appeal/", {"event": other_event.pk, "reason": "错了"}).status_code == 404
    response = client.post("/e/credit/appeal/", {"event": event.pk, "reason": "工资已经按时付了"})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.credit_event_id, appeal.employer_id, appeal.reason, appeal.status) == (
        event.pk,
        boss.pk,
        "工资已经按时付了",
        "pending",
    )
    assert _t("Appeal waiting for staff") in client.get("/e/credit/").content.decode()
    assert CreditEvent.objects.get(pk=event.pk).voided_at is None


@pytest.mark.parametrize(
    "path, data",
    [
        ("hours", {"day": "0001-01-01", "check_in": "00:00", "check_out": "00:30"}),
        ("hours", {"day": "2026-13-45", "check_in": "25:00", "check_out": "x"}),
        ("paid", {"amount_yuan": "1e9", "method": "gold", "paid_on": "0001-01-01", "paid_time": "00:00"}),
        ("rate", {"stars": "x", "tags": ["nonsense"]}),
    ],
)
def test_nonsense_input_is_a_400_and_changes_nothing(client, boss, placement, path, data):
    client.force_login(boss.user)
    assert client.post(f"/e/placements/{placement.pk}/{path}/", data).status_code == 400
    assert not AttendanceRecord.objects.filter(placement=placement).exists()
    assert WagePayment.objects.get(placement=placement).paid_fen == 0 and not Rating.objects.exists()


def test_appeal_with_nonsense_event_is_a_400(client, boss):
    client.force_login(boss.user)
    assert client.post("/e/credit/appeal/", {"event": "abc", "reason": "x"}).status_code == 400
    assert not Appeal.objects.exists()
