from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from lingong.accounts.models import SmsOutbox
from lingong.attendance.services import attendance_record, placement_confirm
from lingong.attendance.tests.helpers import local, make_placement, start_day
from lingong.core.errors import Conflict, NotAllowed
from lingong.core.models import Event
from lingong.wages.models import WageLedgerEntry, WagePayment
from lingong.wages.selectors import wage_list_for_worker, wage_totals_for_worker
from lingong.wages.services import (
    wage_adjust,
    wage_amount_for,
    wage_ledger_check,
    wage_ledger_mismatches,
    wage_mark_paid,
    wage_overdue_sweep,
    wage_receipt_confirm,
    wage_receipt_deny,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wage(employer, job_types, staff, register_worker):
    """One day worked at 300 yuan a day, due on the day (a day gig)."""
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


def state(wage):
    wage.refresh_from_db()
    return wage.status, wage.owed_fen, wage.paid_fen, WageLedgerEntry.objects.filter(wage=wage).count()


def test_pay_rules_in_fen():
    assert wage_amount_for(pay_fen=30000, pay_unit="day", days=3, minutes=0) == 90000
    assert wage_amount_for(pay_fen=2500, pay_unit="hour", days=1, minutes=90) == 3750
    assert wage_amount_for(pay_fen=333, pay_unit="hour", days=1, minutes=1) == 6  # 5.55 → 6
    assert wage_amount_for(pay_fen=500000, pay_unit="month", days=1, minutes=0) == 22989  # 5000 / 21.75
    assert wage_amount_for(pay_fen=500, pay_unit="piece", days=1, minutes=480) == 0


def test_paid_in_two_parts_then_received(wage, staff):
    assert state(wage) == ("open", 30000, 0, 1)
    day = start_day()
    wage_mark_paid(
        wage=wage,
        amount_fen=10000,
        method="cash",
        paid_at=local(day, 17),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    assert state(wage) == ("open", 30000, 10000, 2)
    wage_mark_paid(
        wage=wage,
        amount_fen=20000,
        method="mobile",
        paid_at=local(day, 18),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    assert state(wage) == ("paid", 30000, 30000, 3)
    wage_receipt_confirm(wage=wage, actor=wage.placement.worker.user, channel="kiosk", now=local(day, 19))
    assert state(wage) == ("received", 30000, 30000, 3)
    assert wage_ledger_check(wage=wage).ok
    assert wage_ledger_mismatches() == []
    totals = wage_totals_for_worker(worker=wage.placement.worker)
    assert (totals.owed_fen, totals.paid_fen, totals.outstanding_fen) == (30000, 30000, 0)
    assert [w.pk for w in wage_list_for_worker(worker=wage.placement.worker)] == [wage.pk]


def test_overpaying_or_paying_for_someone_else_is_refused(wage, register_worker):
    with pytest.raises(Conflict) as caught:
        wage_mark_paid(
            wage=wage,
            amount_fen=30001,
            method="cash",
            paid_at=local(start_day(), 17),
            actor=wage.placement.job.created_by or wage.placement.application.proposed_by,
            channel="web",
            now=local(start_day(), 18),
        )
    assert caught.value.code == "overpaid"
    with pytest.raises(NotAllowed):
        wage_mark_paid(
            wage=wage,
            amount_fen=100,
            method="cash",
            paid_at=local(start_day(), 17),
            actor=register_worker().user,
            channel="web",
            now=local(start_day(), 18),
        )
    assert state(wage) == ("open", 30000, 0, 1)


def test_adjusting_below_what_was_paid_is_refused(wage, staff):
    wage_mark_paid(
        wage=wage,
        amount_fen=30000,
        method="cash",
        paid_at=local(start_day(), 17),
        actor=staff,
        channel="window",
        now=local(start_day(), 18),
    )
    with pytest.raises(Conflict):
        wage_adjust(wage=wage, amount_fen=-100, reason="扣款", actor=staff, channel="window")
    assert state(wage) == ("paid", 30000, 30000, 2)
    wage_adjust(wage=wage, amount_fen=5000, reason="加班补贴", actor=staff, channel="window")
    assert state(wage) == ("open", 35000, 30000, 3)
    assert wage_ledger_check(wage=wage).ok


def test_overdue_reminders_then_a_rights_case(wage, django_capture_on_commit_callbacks):
    due = start_day()
    assert wage_overdue_sweep(now=local(due, 23)) == {"overdue": 0, "reminded": 0, "escalated": 0}
    results = []
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(1, 5):
            results.append(wage_overdue_sweep(now=local(due + timedelta(days=n), 9)))
        results.append(wage_overdue_sweep(now=local(due + timedelta(days=4), 15)))
    assert results == [
        {"overdue": 1, "reminded": 1, "escalated": 0},
        {"overdue": 0, "reminded": 1, "escalated": 0},
        {"overdue": 0, "reminded": 1, "escalated": 0},
        {"overdue": 0, "reminded": 0, "escalated": 1},
        {"overdue": 0, "reminded": 0, "escalated": 0},
    ]
    wage.refresh_from_db()
    assert (wage.status, wage.reminders_sent, wage.overdue_since) == ("escalated", 3, due + timedelta(days=1))
    assert SmsOutbox.objects.filter(phone_masked="138****8000").count() == 3
    event = Event.objects.get(verb="wage_escalated")
    assert event.data["reason"] == "overdue"
    assert event.data["evidence"]["owed_fen"] == 30000
    assert [a["status"] for a in event.data["evidence"]["attendance"]] == ["confirmed"]
    assert event.data["evidence"]["agreement"]["version"] == 1


def test_a_denied_receipt_goes_to_rights_protection(wage, staff):
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
    assert state(wage)[0] == "escalated"
    assert Event.objects.get(verb="wage_escalated").data["reason"] == "receipt_denied"


def test_the_database_refuses_bad_amounts_and_changed_entries(wage):
    with pytest.raises(IntegrityError), transaction.atomic():
        WagePayment.objects.filter(pk=wage.pk).update(paid_fen=30001)
    with pytest.raises(IntegrityError), transaction.atomic():
        WageLedgerEntry.objects.create(
            wage=wage, kind="paid", amount_fen=-5, method="cash", occurred_at=local(start_day(), 9), reason="x"
        )
    entry = WageLedgerEntry.objects.get()
    with pytest.raises(Exception) as caught, transaction.atomic():
        WageLedgerEntry.objects.filter(pk=entry.pk).update(amount_fen=1)
    assert "append-only" in str(caught.value)
    assert state(wage) == ("open", 30000, 0, 1)
    assert connection.vendor in ("sqlite", "postgresql")


def test_the_check_finds_totals_that_disagree_with_the_entries(wage):
    WagePayment.objects.filter(pk=wage.pk).update(owed_fen=40000)
    [check] = wage_ledger_mismatches()
    assert (check.wage_id, check.owed_fen, check.owed_from_entries, check.ok) == (wage.pk, 40000, 30000, False)
