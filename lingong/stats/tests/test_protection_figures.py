"""After the hire: working days and no-shows, agreements, wages, rights cases and follow-up calls, counted exactly.

Two hires of the test day for a day of work a week later: one worker comes and is paid,
the other does not come. A wage complaint is opened, mediated, recovered and closed today.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from lingong.agreements.models import Agreement
from lingong.agreements.services import agreement_sign_employer, agreement_sign_worker
from lingong.attendance.services import attendance_no_show_sweep
from lingong.attendance.tests.helpers import local, make_placement, start_day
from lingong.followups.models import FollowUp
from lingong.followups.services import followup_record_outcome
from lingong.rights.services import mediation_record, rights_case_close, rights_case_decide, rights_case_open
from lingong.stats.selectors import stats_district, stats_series, stats_station
from lingong.stats.services import stats_rollup_range
from lingong.testing.protection_fixtures import confirmed_the_evening_before, worked_and_paid
from lingong.wages.models import WageLedgerEntry, WagePayment

pytestmark = pytest.mark.django_db
PAD = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 30"><path d="M5 20 L40 5" stroke="black"/></svg>'


@pytest.fixture
def after_the_hire(today, stations, staff, employer, job_types, register_worker, make_user):
    officer = make_user("rights_officer")
    came, absent = register_worker(), register_worker()
    paid = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=came)
    missed = make_placement(employer=employer, job_type=job_types["cook"], staff=staff, worker=absent)
    day = start_day()
    agreement = Agreement.objects.get(placement=paid)
    agreement_sign_worker(agreement=agreement, actor=came.user, channel="kiosk", method="pad", signature_svg=PAD)
    agreement_sign_employer(agreement=agreement, actor=staff, channel="window")
    wage = worked_and_paid(paid, staff)
    confirmed_the_evening_before(missed)
    assert attendance_no_show_sweep(now=local(day, 10, 30)) == 1
    first_call = FollowUp.objects.get(placement=paid, kind="first_day")
    followup_record_outcome(followup=first_call, actor=staff, working=True, now=local(first_call.due_on, 11))
    case = rights_case_open(
        workers=[absent],
        employer=employer,
        kind="wage_arrears",
        amount_claimed_fen=30000,
        description="上次的工钱没给",
        channel="window",
        actor=staff,
        station=stations["gongdelin"],
    )
    mediation_record(case=case, held_on=today, attendees="双方", result="agreed", actor=officer)
    rights_case_decide(case=case, outcome="recovered", amount_recovered_fen=25000, actor=officer)
    rights_case_close(case=case, actor=officer)
    stats_rollup_range(first=today, last=day + timedelta(days=40))
    return {"day": day, "wage": wage, "first_call": first_call}


def test_the_figures_after_the_hire(after_the_hire, admin_user, today):
    day, wage = after_the_hire["day"], after_the_hire["wage"]
    figures = stats_district(user=admin_user, first=today, last=day + timedelta(days=40))
    assert wage.owed_fen == 30000  # one day at 300 yuan
    assert {
        name: figures[name]
        for name in (
            "placements",
            "attendance_days",
            "no_shows",
            "agreements_signed",
            "wages_owed_fen",
            "wages_paid_fen",
            "cases_opened",
            "cases_mediated",
            "cases_closed",
            "money_recovered_fen",
            "followups_done",
        )
    } == {
        "placements": 2,
        "attendance_days": 2,
        "no_shows": 1,
        "agreements_signed": 1,
        "wages_owed_fen": 30000,
        "wages_paid_fen": 30000,
        "cases_opened": 1,
        "cases_mediated": 1,
        "cases_closed": 1,
        "money_recovered_fen": 25000,
        "followups_done": 1,
    }
    assert figures["no_show_rate"] == Decimal("50.0")
    due = FollowUp.objects.exclude(status="cancelled")
    assert figures["followups_due"] == due.count()
    assert figures["followups_done_rate"] == (Decimal(100) / due.count()).quantize(Decimal("0.1"))
    # the ledger and the rollup agree
    ledger = WageLedgerEntry.objects.all()
    assert figures["wages_owed_fen"] == sum(e.amount_fen for e in ledger if e.kind in ("owed", "adjusted"))
    assert figures["wages_paid_fen"] == sum(e.amount_fen for e in ledger if e.kind == "paid")


def test_each_figure_falls_on_its_own_day(after_the_hire, admin_user, today):
    day = after_the_hire["day"]
    call_day = after_the_hire["first_call"].due_on

    def on(metric, first, last):
        return {d: v for d, v in stats_series(user=admin_user, metric=metric, first=first, last=last) if v}

    assert on("attendance_days", today, call_day) == {day: 2}
    assert on("no_shows", today, call_day) == {day: 1}
    assert on("wages_paid_fen", today, call_day) == {day: 30000}
    assert on("agreements_signed", today, call_day) == {today: 1}
    assert on("money_recovered_fen", today, call_day) == {today: 25000}
    assert on("followups_done", today, call_day) == {call_day: 1}


def test_wages_due_and_overdue_now(after_the_hire, admin_user, staff, stations, today):
    day = after_the_hire["day"]
    wage = after_the_hire["wage"]
    figures = stats_district(user=admin_user, first=wage.due_date, last=wage.due_date)
    due_that_day = WagePayment.objects.filter(due_date=wage.due_date).exclude(status="cancelled")
    assert figures["wages_due"] == due_that_day.count()
    assert figures["wages_due_paid_fen"] == 30000
    assert (figures["wages_overdue_now"], figures["wages_overdue_now_fen"]) == (0, 0)
    own = stats_station(user=staff, station_id=stations["gongdelin"].pk, first=today, last=day)
    assert (own["attendance_days"], own["no_shows"], own["cases_opened"]) == (2, 1, 1)
