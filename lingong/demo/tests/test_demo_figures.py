"""The demo district's dashboard: seed_demo counts the figures of its whole history, and they agree with the
counts it prints (a full scan of each table)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from lingong.demo.figures import demo_counts
from lingong.employers.models import Employer
from lingong.rights.models import RightsCase
from lingong.stats.selectors import stats_district
from lingong.workers.models import Worker

pytestmark = pytest.mark.django_db(transaction=False)


class TestTheDemoDashboard:
    def test_the_figures_of_all_days_are_the_full_counts(self, seeded_district, make_user):
        admin = make_user("district_admin")
        today = timezone.localdate()
        first = timezone.localdate(
            min(Worker.objects.earliest("created_at").created_at, Employer.objects.earliest("created_at").created_at)
        )
        figures = stats_district(user=admin, first=first, last=today + timedelta(days=35))
        counts = demo_counts()
        assert counts["placements"] > 0 and counts["workers"] > 0
        assert {
            "workers": figures["workers_registered"],
            "employers": figures["employers_registered"],
            "placements": figures["placements"],
            "placements_offline": figures["placements_offline"],
            "placements_online": figures["placements_online"],
            "placements_kiosk": figures["placements_kiosk"],
            "attendance_days": figures["attendance_days"],
            "wages_paid_fen": figures["wages_paid_fen"],
        } == {
            key: counts[key]
            for key in (
                "workers",
                "employers",
                "placements",
                "placements_offline",
                "placements_online",
                "placements_kiosk",
                "attendance_days",
                "wages_paid_fen",
            )
        }
        assert figures["workers_total"] == counts["workers"]
        assert figures["cases_opened"] == RightsCase.objects.filter(opened_at__date__gte=first).count()
        assert "figures          counted from" in seeded_district
