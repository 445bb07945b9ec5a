"""The hand-over from wages: an overdue or disputed wage opens one case, with the full evidence file."""

import subprocess
from datetime import timedelta

import pytest
from django.utils.translation import gettext

from lingong.attendance.services import attendance_record, placement_confirm
from lingong.attendance.tests.helpers import local, make_placement, start_day
from lingong.credit.models import CreditEvent
from lingong.rights.models import RightsCase
from lingong.rights.services import rights_case_evidence_export
from lingong.wages.models import WagePayment
from lingong.wages.services import wage_mark_paid, wage_overdue_sweep, wage_receipt_deny

pytestmark = pytest.mark.django_db


@pytest.fixture
def wage(employer, job_types, staff, register_worker):
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    day = start_day()
    placement_confirm(
        placement=placement, actor=placement.worker.user, channel="kiosk", now=local(day - timedelta(days=1), 19)
    )
    attendance_record(
        placement=placement,
        day=day,
        check_in_at=local(day, 9),
        check_out_at=local(day, 17),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    return WagePayment.objects.get(placement=placement)


def test_overdue_wage_opens_one_case_and_counts_against_the_employer(wage, employer, officer, tmp_path):
    due = start_day()
    for n in range(1, 6):
        wage_overdue_sweep(now=local(due + timedelta(days=n), 9))
    case = RightsCase.objects.get()
    assert (case.kind, case.source, case.amount_claimed_fen, case.placement_id, case.employer_id, case.status) == (
        "wage_arrears",
        "wages",
        30000,
        wage.placement_id,
        employer.pk,
        "open",
    )
    assert list(case.workers.values_list("pk", flat=True)) == [wage.placement.worker_id]
    assert list(CreditEvent.objects.filter(employer__isnull=False).values_list("employer_id", "kind", "weight")) == [
        (employer.pk, "wages_overdue", -10.0)
    ]
    pdf = rights_case_evidence_export(case=case, actor=officer, now=local(due + timedelta(days=6), 9))
    path = tmp_path / "evidence.pdf"
    path.write_bytes(pdf)

    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    # agreement text, attendance day, wage ledger and the timeline are all in the file
    assert "拉萨雪域餐饮有限公司" in text
    assert (due.isoformat()) in text
    assert f"{gettext('Due')} {due.isoformat()} · {gettext('Owed')} 300 元 · {gettext('Paid')} 0 元" in text
    assert f"{due.isoformat()} 09:00" in text and f"{due.isoformat()} 17:00" in text  # attendance: checked in and out
    assert "简易用工协议" in text  # the agreement's own text
    assert "已添加工钱证据" in text and "case_wage_evidence" not in text
    assert "No agreement was made" not in text


def test_denied_receipt_opens_a_case_but_no_credit_penalty_before_an_officer_decides(wage, staff):
    wage_mark_paid(
        wage=wage,
        amount_fen=30000,
        method="cash",
        paid_at=local(start_day(), 17),
        actor=staff,
        channel="window",
        now=local(start_day(), 18),
    )
    wage_receipt_deny(wage=wage, actor=wage.placement.worker.user, channel="kiosk", reason="没收到")
    case = RightsCase.objects.get()
    assert (case.amount_claimed_fen, case.channel, case.source) == (30000, "kiosk", "wages")
    assert CreditEvent.objects.filter(employer__isnull=False).count() == 0
