"""The figures seed_demo prints: counted from the database, so they show what was really written."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count, Q, Sum
from django.utils import timezone

from lingong.attendance.models import AttendanceRecord
from lingong.core.models import OFFLINE_CHANNELS, Channel, Event
from lingong.credit.models import CreditEvent, Rating
from lingong.employers.models import Employer
from lingong.followups.models import FollowUp, FollowUpStatus
from lingong.jobs.models import (
    Application,
    Job,
    JobStatus,
    Placement,
)
from lingong.rights.models import CaseStatus, RightsCase
from lingong.stations.models import Kiosk
from lingong.wages.models import WagePayment, WageStatus
from lingong.workers.models import Worker


def demo_counts() -> dict[str, int]:
    """The figures seed_demo prints (and its test checks)."""
    jobs = Job.objects.aggregate(
        total=Count("id"),
        open=Count("id", filter=Q(status=JobStatus.OPEN)),
        open_positions=Sum("headcount", filter=Q(status=JobStatus.OPEN), default=0),
    )
    placements = Placement.objects.aggregate(
        total=Count("id"),
        offline=Count("id", filter=Q(channel__in=OFFLINE_CHANNELS)),
        kiosk=Count("id", filter=Q(channel=Channel.KIOSK)),
    )
    return {
        "workers": Worker.objects.count(),
        "employers": Employer.objects.count(),
        "enterprises": Employer.objects.filter(kind=Employer.Kind.ENTERPRISE).count(),
        "partners": Employer.objects.filter(is_partner=True).count(),
        "jobs": jobs["total"],
        "open_jobs": jobs["open"],
        "open_positions": jobs["open_positions"],
        "trades_posted": Job.objects.values("job_type").distinct().count(),
        "applications": Application.objects.count(),
        "placements": placements["total"],
        "placements_offline": placements["offline"],
        "placements_online": placements["total"] - placements["offline"],
        "placements_kiosk": placements["kiosk"],
        "events": Event.objects.count(),
        "kiosks": Kiosk.objects.count(),
        "kiosk_sessions": Event.objects.filter(verb="kiosk_sign_in").count(),
        "placements_kiosk_device": Placement.objects.filter(channel=Channel.KIOSK, kiosk__isnull=False).count(),
        "staff_users": get_user_model().objects.filter(is_staff=True).count(),
        **life_counts(),
    }


def life_counts() -> dict[str, int]:
    """What the wage, credit, rights and follow-up screens show."""

    today = timezone.localdate()
    wages = WagePayment.objects.aggregate(
        total=Count("id"),
        received=Count("id", filter=Q(status=WageStatus.RECEIVED)),
        paid=Count("id", filter=Q(status=WageStatus.PAID)),
        open_owed=Count("id", filter=Q(status=WageStatus.OPEN, owed_fen__gt=0)),
        overdue=Count("id", filter=Q(status=WageStatus.OVERDUE)),
        escalated=Count("id", filter=Q(status=WageStatus.ESCALATED)),
        paid_total=Sum("paid_fen", default=0),
        outstanding_total=Sum(models.F("owed_fen") - models.F("paid_fen"), default=0),
    )
    return {
        "attendance_days": AttendanceRecord.objects.count(),
        "wages": wages["total"],
        "wages_received": wages["received"],
        "wages_paid": wages["paid"],
        "wages_owed_not_due": wages["open_owed"],
        "wages_overdue": wages["overdue"],
        "wages_escalated": wages["escalated"],
        "wages_paid_fen": wages["paid_total"],
        "wages_outstanding_fen": wages["outstanding_total"],
        "ratings": Rating.objects.count(),
        "credit_events": CreditEvent.objects.count(),
        "rights_cases": RightsCase.objects.count(),
        "rights_mediating": RightsCase.objects.filter(status=CaseStatus.MEDIATING).count(),
        "rights_closed": RightsCase.objects.filter(status=CaseStatus.CLOSED).count(),
        "rights_recovered_fen": RightsCase.objects.aggregate(n=Sum("amount_recovered_fen", default=0))["n"],
        "followups_done": FollowUp.objects.filter(status=FollowUpStatus.DONE).count(),
        "followups_unreachable": FollowUp.objects.filter(status=FollowUpStatus.UNREACHABLE).count(),
        "followups_due": FollowUp.objects.filter(status=FollowUpStatus.PENDING, due_on__lte=today).count(),
    }
