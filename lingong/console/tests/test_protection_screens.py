"""The console's protection screens: at risk, follow-up calls, appeals and disputes to decide."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from lingong.attendance.models import AttendanceRecord, PlacementConfirmation
from lingong.attendance.services import attendance_dispute, attendance_record
from lingong.credit.models import CreditEvent
from lingong.credit.services import appeal_create, credit_event_record
from lingong.followups.models import FollowUp
from lingong.jobs.models import Job, Placement
from lingong.rights.models import RightsCase
from lingong.rights.tests.factories import make_placement

pytestmark = pytest.mark.django_db


def _t(msgid: str) -> str:
    with translation.override("zh-hans"):
        return escape(gettext(msgid))


@pytest.fixture
def worker(register_worker):
    return register_worker()


@pytest.fixture
def auditor(make_user):
    return make_user("auditor")


@pytest.fixture
def placement(employer, job_types, staff, worker):
    return make_placement(
        employer=employer,
        job_type=job_types["mover"],
        staff=staff,
        worker=worker,
        start=timezone.localdate() + timedelta(days=1),
    )


@pytest.fixture
def at_risk(placement):
    now = timezone.now()
    PlacementConfirmation.objects.filter(placement=placement).update(
        remind_at=now - timedelta(hours=1), deadline=now + timedelta(hours=1)
    )
    return placement


# --- at risk ------------------------------------------------------------------------------


def test_at_risk_list_shows_masked_phone_and_confirm(client, staff, at_risk, worker):
    client.force_login(staff)
    page = client.get("/console/at-risk/").content.decode()
    assert f'data-placement="{at_risk.pk}"' in page
    assert worker.phone_masked in page and "13900000001" not in page
    assert f'action="/console/workers/{worker.pk}/reveal/"' in page
    response = client.post(f"/console/placements/{at_risk.pk}/confirm/")
    assert response.status_code == 302 and response["Location"] == "/console/at-risk/"
    confirmation = PlacementConfirmation.objects.get(placement=at_risk)
    assert (confirmation.status, confirmation.channel) == ("confirmed", "window")
    assert f'data-placement="{at_risk.pk}"' not in client.get("/console/at-risk/").content.decode()


def test_at_risk_other_station_and_auditor(client, other_staff, auditor, at_risk):
    client.force_login(other_staff)
    assert f'data-placement="{at_risk.pk}"' not in client.get("/console/at-risk/").content.decode()
    assert client.post(f"/console/placements/{at_risk.pk}/confirm/").status_code == 403
    client.force_login(auditor)
    page = client.get("/console/at-risk/").content.decode()
    assert f'data-placement="{at_risk.pk}"' in page and f"/console/placements/{at_risk.pk}/confirm/" not in page
    assert client.post(f"/console/placements/{at_risk.pk}/confirm/").status_code == 403
    assert PlacementConfirmation.objects.get(placement=at_risk).status == "pending"


def test_confirm_unknown_placement_is_not_found(client, staff):
    client.force_login(staff)
    assert client.post("/console/placements/999999/confirm/").status_code == 404


# --- follow-up calls --------------------------------------------------------------------------


@pytest.fixture
def followup(placement):
    call = FollowUp.objects.filter(placement=placement).order_by("due_on").first()
    FollowUp.objects.filter(pk=call.pk).update(due_on=timezone.localdate())
    call.refresh_from_db()
    return call


def test_followup_outcome_with_a_case(client, staff, followup):
    client.force_login(staff)
    assert f'data-followup="{followup.pk}"' in client.get("/console/followups/").content.decode()
    response = client.post(
        f"/console/followups/{followup.pk}/",
        {
            "reached": "yes",
            "working": "yes",
            "paid_as_agreed": "no",
            "satisfied": "no",
            "note": "老板没给钱",
            "open_case": "on",
            "case_kind": "wage_arrears",
            "amount_claimed_yuan": "300",
            "case_description": "",
        },
    )
    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.status, followup.working, followup.paid_as_agreed, followup.note) == (
        "done",
        True,
        False,
        "老板没给钱",
    )
    case = RightsCase.objects.get()
    assert (followup.rights_case_id, case.kind, case.amount_claimed_fen) == (case.pk, "wage_arrears", 30000)


@pytest.mark.parametrize(
    "data, message",
    [
        (
            {"reached": "no", "open_case": "on", "case_kind": "wage_arrears"},
            "A case can only be opened after speaking with the worker.",
        ),
        (
            {"reached": "yes", "case_kind": "wage_arrears", "amount_claimed_yuan": "abc"},
            "Please give the amount in yuan, for example 300 or 300.50.",
        ),
        ({"reached": "yes", "open_case": "on", "case_kind": "wage_arrears"}, "Please describe the problem."),
    ],
)
def test_followup_bad_input_changes_nothing(client, staff, followup, data, message):
    client.force_login(staff)
    response = client.post(f"/console/followups/{followup.pk}/", data)
    assert response.status_code == 400 and _t(message) in response.content.decode()
    followup.refresh_from_db()
    assert (followup.status, followup.attempts) == ("pending", 0)
    assert not RightsCase.objects.exists()


def test_followup_refused_to_other_station_and_auditor(client, other_staff, auditor, followup):
    for user in (other_staff, auditor):
        client.force_login(user)
        response = client.post(
            f"/console/followups/{followup.pk}/", {"reached": "no", "case_kind": "other", "note": "关机"}
        )
        assert response.status_code == 403
        assert _t("You are not allowed to do this.") in response.content.decode()  # said in words, on the page
    assert client.get("/console/followups/").status_code == 200
    followup.refresh_from_db()
    assert (followup.status, followup.attempts, followup.note) == ("pending", 0, "")
    followup.refresh_from_db()
    assert followup.status == "pending"


# --- appeals and disputes ---------------------------------------------------------------------


@pytest.fixture
def appeal(placement, worker):
    event, _ = credit_event_record(subject=worker, kind="no_show", source=placement)
    return appeal_create(credit_event=event, reason="我去了，二维码扫不了", actor=worker.user)


def test_decide_an_appeal(client, staff, appeal):
    client.force_login(staff)
    assert f'data-appeal="{appeal.pk}"' in client.get("/console/decisions/").content.decode()
    bad = client.post(f"/console/appeals/{appeal.pk}/decide/", {"decision": "uphold", "note": ""})
    assert bad.status_code == 400
    appeal.refresh_from_db()
    assert appeal.status == "pending"
    response = client.post(f"/console/appeals/{appeal.pk}/decide/", {"decision": "uphold", "note": "雇主证实他来了"})
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.status, appeal.decision_note, appeal.decided_by_id) == ("upheld", "雇主证实他来了", staff.pk)
    assert CreditEvent.objects.get(pk=appeal.credit_event_id).void_reason == "雇主证实他来了"


def test_appeal_refused_to_other_station_and_auditor(client, other_staff, auditor, appeal):
    client.force_login(other_staff)
    assert f'data-appeal="{appeal.pk}"' not in client.get("/console/decisions/").content.decode()
    assert client.post(f"/console/appeals/{appeal.pk}/decide/", {"decision": "reject", "note": "不"}).status_code == 403
    client.force_login(auditor)
    assert client.get("/console/decisions/").status_code == 200
    assert client.post(f"/console/appeals/{appeal.pk}/decide/", {"decision": "reject", "note": "不"}).status_code == 403
    appeal.refresh_from_db()
    assert appeal.status == "pending"


@pytest.fixture
def dispute(placement, staff, worker):
    day = timezone.localdate() - timedelta(days=1)
    Job.objects.filter(pk=placement.job_id).update(start_date=day, end_date=day)
    Placement.objects.filter(pk=placement.pk).update(start_date=day, end_date=day)
    placement.refresh_from_db()
    start = timezone.make_aware(timezone.datetime.combine(day, placement.start_time))
    record = attendance_record(
        placement=placement,
        day=day,
        check_in_at=start,
        check_out_at=start + timedelta(hours=4),
        actor=staff,
        channel="window",
    )
    return attendance_dispute(record=record, side="worker", actor=worker.user, channel="kiosk", reason="我干了八个小时")


def test_decide_a_dispute(client, staff, dispute):
    client.force_login(staff)
    assert f'data-dispute="{dispute.pk}"' in client.get("/console/decisions/").content.decode()
    bad = client.post(f"/console/disputes/{dispute.pk}/decide/", {"worked": "yes", "hours": "", "note": "看了照片"})
    assert bad.status_code == 400 and _t("Please give the hours worked.") in bad.content.decode()
    dispute.refresh_from_db()
    assert dispute.status == "disputed"
    response = client.post(
        f"/console/disputes/{dispute.pk}/decide/", {"worked": "yes", "hours": "7.5", "note": "看了照片"}
    )
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert (dispute.status, dispute.minutes, dispute.decision_note) == ("confirmed", 450, "看了照片")


def test_dispute_refused_to_other_station_and_auditor(client, other_staff, auditor, dispute):
    client.force_login(auditor)
    page = client.get("/console/decisions/").content.decode()
    assert f'data-dispute="{dispute.pk}"' in page and f"/console/disputes/{dispute.pk}/decide/" not in page
    for user in (other_staff, auditor):
        client.force_login(user)
        assert (
            client.post(f"/console/disputes/{dispute.pk}/decide/", {"worked": "no", "note": "没来"}).status_code == 403
        )
    assert AttendanceRecord.objects.get(pk=dispute.pk).status == "disputed"


def test_console_links_the_new_screens(client, staff):
    client.force_login(staff)
    page = client.get("/console/").content.decode()
    for url in ("/console/at-risk/", "/console/followups/", "/console/decisions/"):
        assert f'href="{url}"' in page


def test_nonsense_input_is_a_400_and_changes_nothing(client, staff, followup, appeal, dispute):
    client.force_login(staff)
    assert client.post(f"/console/followups/{followup.pk}/", {"reached": "maybe", "case_kind": "x"}).status_code == 400
    assert client.post(f"/console/appeals/{appeal.pk}/decide/", {"decision": "both", "note": "x"}).status_code == 400
    assert (
        client.post(
            f"/console/disputes/{dispute.pk}/decide/", {"worked": "yes", "hours": "abc", "note": "x"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"/console/disputes/{dispute.pk}/decide/", {"worked": "yes", "hours": "99", "note": "x"}
        ).status_code
        == 400
    )
    followup.refresh_from_db()
    appeal.refresh_from_db()
    dispute.refresh_from_db()
    assert (followup.status, appeal.status, dispute.status) == ("pending", "pending", "disputed")


def test_staff_record_that_the_worker_received_the_wage_by_phone(
    client, staff, auditor, employer, job_types, register_worker
):
    from datetime import timedelta

    from lingong.attendance.services import attendance_record, placement_confirm
    from lingong.attendance.tests.helpers import local, make_placement, start_day
    from lingong.wages.models import WagePayment
    from lingong.wages.services import wage_mark_paid

    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    day = start_day()
    placement_confirm(placement=placement, actor=staff, channel="window", now=local(day - timedelta(days=1), 19))
    attendance_record(
        placement=placement,
        day=day,
        check_in_at=local(day, 9),
        check_out_at=local(day, 17),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    wage = WagePayment.objects.get(placement=placement)
    wage_mark_paid(
        wage=wage,
        amount_fen=wage.owed_fen,
        method="cash",
        paid_at=local(day, 17),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    client.force_login(auditor)
    assert client.post(f"/console/wages/{wage.pk}/received/").status_code == 403
    wage.refresh_from_db()
    assert wage.status == "paid"
    client.force_login(staff)
    page = client.get(f"/console/workers/{placement.worker_id}/").content.decode()
    assert f"/console/wages/{wage.pk}/received/" in page
    response = client.post(f"/console/wages/{wage.pk}/received/")
    assert response.status_code == 302 and response["Location"] == f"/console/workers/{placement.worker_id}/"
    wage.refresh_from_db()
    assert (wage.status, wage.received_channel) == ("received", "window")
