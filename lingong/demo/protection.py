"""Wage sweeps and the wage-arrears rights cases: the protection the district's history shows."""

from __future__ import annotations

from datetime import date, time, timedelta

from django.utils import timezone

from lingong.core.models import Channel
from lingong.rights.models import MediationResult, RightsCase
from lingong.rights.services import (
    mediation_record,
    rights_case_assign,
    rights_case_close,
    rights_case_decide,
)
from lingong.wages.models import PaymentMethod, WagePayment
from lingong.wages.services import (
    wage_mark_paid,
    wage_overdue_sweep,
    wage_receipt_confirm,
)

from . import life
from .roster import demo_roster_extend


class ProtectionSteps:
    """Run the daily wage sweep for past days and carry two arrears cases through mediation."""

    def duty_roster(self) -> None:
        """The rights windows' roster for the coming two weeks (the routine keeps it ahead)."""
        admin = self.accounts.get("admin")
        if admin is None:
            return
        with life.moment(self.now):
            demo_roster_extend(today=self.today, actor=admin)

    def wage_sweeps(self, *, since: date) -> None:
        """The daily wage sweep (09:00) as it ran on each past day, and today if 09:00 has passed."""

        day = since
        while day <= self.today:
            at = life.local_at(day, time(9, 0))
            if at > self.now:
                break
            with life.moment(at):
                wage_overdue_sweep(now=at)
            day += timedelta(days=1)

    def arrears_cases(self, arrears: list[int], *, cast) -> None:
        """The first case is in mediation; the second was mediated, paid at the station and closed."""

        officer = cast.officer
        if officer is None:
            return
        for index, placement_id in enumerate(arrears):
            case = RightsCase.objects.filter(placement_id=placement_id, source="wages").first()
            if case is None:
                continue
            opened = timezone.localtime(case.opened_at)
            steps_at = life.local_at(opened.date() + timedelta(days=1), time(10, 30))
            if steps_at + timedelta(days=3) > self.now:
                continue
            with life.moment(opened + timedelta(hours=1)):
                rights_case_assign(
                    case=case,
                    officer=officer,
                    actor=officer,
                    reason="值班律师转交维权专员跟进" if case.assigned_to_id else "",
                )
            wage = WagePayment.objects.get(placement_id=placement_id)
            owed = wage.owed_fen - wage.paid_fen
            if index == 0:
                with life.moment(steps_at):
                    mediation_record(
                        case=case,
                        held_on=steps_at.date(),
                        actor=officer,
                        attendees="工人、雇主、维权专员",
                        result=MediationResult.ADJOURNED,
                        note="雇主说下周凑齐工资，约好再谈。",
                    )
                continue
            with life.moment(steps_at):
                mediation_record(
                    case=case,
                    held_on=steps_at.date(),
                    actor=officer,
                    amount_agreed_fen=owed,
                    attendees="工人、雇主、维权专员",
                    result=MediationResult.AGREED,
                    note="雇主同意次日在驿站付清全部工资。",
                )
            paid_at = steps_at + timedelta(days=1, hours=5)
            staff = cast.staff.get(case.placement.job.station_id)
            with life.moment(paid_at):
                wage = wage_mark_paid(
                    wage=wage,
                    amount_fen=owed,
                    method=PaymentMethod.CASH,
                    paid_at=paid_at,
                    actor=staff,
                    channel=Channel.WINDOW,
                    now=paid_at,
                )
            with life.moment(paid_at + timedelta(minutes=10)):
                wage_receipt_confirm(
                    wage=wage,
                    actor=case.placement.worker.user,
                    channel=Channel.WINDOW,
                    now=paid_at + timedelta(minutes=10),
                )
            decided_at = paid_at + timedelta(hours=1)
            with life.moment(decided_at):
                case = rights_case_decide(
                    case=case,
                    outcome="recovered",
                    amount_recovered_fen=owed,
                    actor=officer,
                    note="调解后雇主在驿站现金付清。",
                    now=decided_at,
                )
            closed_at = decided_at + timedelta(days=1)
            with life.moment(closed_at):
                rights_case_close(case=case, actor=officer, now=closed_at)
