"""seed_demo at small scale: the promised counts, valid identities, the services' invariants; the seeded
district's life (wages, ratings, cases, calls, the sweeps days later) and its learning. (The same seed gives
the same district: test_demo_determinism.py.)

Every test here reads one seed, made once for the module (the `seeded_district` fixture): a seed is most of the
demo tests' time, and these tests run in one group so that the seed is made once in each run of the suite.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, time, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lingong.attendance.models import AttendanceRecord
from lingong.core.crypto import unseal
from lingong.core.idnumber import validate_resident_id
from lingong.core.masking import mask_id_number, mask_phone
from lingong.core.models import OFFLINE_CHANNELS, Event
from lingong.core.personal import personal_digest
from lingong.core.phone import validate_mobile_phone
from lingong.core.uscc import validate_uscc
from lingong.credit.models import CreditEvent, CreditKind, Rating, RatingSide
from lingong.credit.selectors import credit_explain, rating_summary
from lingong.demo.figures import demo_counts
from lingong.demo.life import demo_flag
from lingong.demo.records import DEMO_SECOND_FACTOR_KEY
from lingong.employers.models import Employer
from lingong.followups.models import FollowUpStatus
from lingong.followups.selectors import followup_list_for_station_day
from lingong.jobs.models import Application, Job, JobStatus, Placement, PlacementStatus
from lingong.jobs.services import job_expire_overdue, job_progress_sweep
from lingong.jobs.shifts import Shift, shifts_overlap
from lingong.matching.models import AcceptanceModelVersion, Exposure
from lingong.matching.selectors import worker_acceptance_estimate
from lingong.rights.models import CaseOutcome, CaseStatus, MediationResult, RightsCase
from lingong.rights.selectors import case_list_for_officer
from lingong.stations.models import Kiosk, Station
from lingong.stats.selectors import stats_district, stats_kiosks
from lingong.wages.models import LedgerKind, WagePayment, WageStatus
from lingong.wages.selectors import wage_list_for_worker, wage_list_unpaid_for_staff
from lingong.wages.services import wage_ledger_mismatches
from lingong.workers.models import Consent, Worker, WorkerTrade

from .conftest import SEED
from .life_checks import assert_nobody_punished, assert_roster_ahead, run_sweeps

pytestmark = [pytest.mark.django_db(transaction=False), pytest.mark.xdist_group("demo-seeded")]

HELD = (PlacementStatus.ACTIVE, PlacementStatus.COMPLETED)


def seed(*arguments: str, **options) -> str:
    out = StringIO()
    call_command("seed_demo", *arguments, scale="small", seed=SEED, stdout=out, **options)
    return out.getvalue()


class TestTheSeededDistrict:
    def test_small_scale_counts_accounts_and_invariants(self, seeded_district):
        output = seeded_district
        today = timezone.localdate()

        assert Worker.objects.count() == 300
        assert Employer.objects.count() == 60
        assert Employer.objects.filter(kind=Employer.Kind.ENTERPRISE).count() == 42
        open_jobs = Job.objects.filter(status=JobStatus.OPEN)
        assert open_jobs.count() == 120
        assert open_jobs.aggregate(n=Sum("headcount"))["n"] == 250
        assert WorkerTrade.objects.values("worker").distinct().count() == 300
        assert Consent.objects.count() == 300
        assert sorted(Kiosk.objects.values_list("code", flat=True)) == [
            "gama-gongsang-1",
            "gongdelin-1",
            "jinzhu-xilu-1",
            "market-1",
            "market-2",
            "market-3",
        ]
        assert Job.objects.values("job_type").distinct().count() >= 20
        assert "done in" in output and "open positions   250" in output
        assert "rights cases     2 (1 in mediation, 1 closed, recovered" in output

        # Demo accounts: known passwords, roles, stations; permissions follow the role.
        User = get_user_model()
        expected = {
            "admin": ("lingong-admin", "district_admin", None, True),
            "staff-market": ("lingong-staff", "station_staff", "market", True),
            "staff-jinzhu": ("lingong-staff", "station_staff", "jinzhu-xilu", True),
            "staff-gama": ("lingong-staff", "station_staff", "gama-gongsang", True),
            "staff-gongdelin": ("lingong-staff", "station_staff", "gongdelin", True),
            "rights": ("lingong-rights", "rights_officer", None, True),
            "auditor": ("lingong-audit", "auditor", None, True),
            "employer": ("lingong-employer", "employer", None, False),
            "worker": ("lingong-worker", "worker", None, False),
        }
        for username, (password, role, station, is_staff) in expected.items():
            user = User.objects.get(username=username)
            assert user.check_password(password), username
            assert (user.role, user.station.code if user.station else None, user.is_staff, user.is_superuser) == (
                role,
                station,
                is_staff,
                False,
            ), username
        assert User.objects.filter(is_staff=True).count() == 7
        # The staff who reveal, move money or decide have the published authenticator key; `demo_otp` shows its code.
        with_key = TOTPDevice.objects.filter(confirmed=True, key=DEMO_SECOND_FACTOR_KEY.hex())
        assert sorted(with_key.values_list("user__username", flat=True)) == [
            "admin",
            "rights",
            "staff-gama",
            "staff-gongdelin",
            "staff-jinzhu",
            "staff-market",
        ]
        codes = StringIO()
        call_command("demo_otp", stdout=codes)
        device = with_key.get(user__username="rights")
        code = re.search(r"^rights\s+(\d{6})", codes.getvalue(), re.MULTILINE).group(1)
        assert device.verify_token(code)  # the printed code is the one the app would show
        admin = User.objects.get(username="admin")
        # The admin only reads for every role (changes go through the services).
        assert admin.has_perm("jobs.view_placement") and not admin.has_perm("jobs.change_placement")
        staff = User.objects.get(username="staff-market")
        assert staff.has_perm("workers.view_worker") and not staff.has_perm("workers.change_worker")
        auditor = User.objects.get(username="auditor")
        assert auditor.has_perm("jobs.view_job") and not auditor.has_perm("jobs.change_job")
        demo_employer = Employer.objects.get(user__username="employer")
        assert demo_employer.kind == Employer.Kind.ENTERPRISE
        assert demo_employer.verification == Employer.Verification.VERIFIED
        assert demo_employer.jobs.filter(status=JobStatus.OPEN).count() >= 3
        demo_worker = Worker.objects.get(user__username="worker")
        assert demo_worker.name == "平措次仁"
        assert demo_worker.applications.filter(status="accepted_by_employer").exists()
        # Messages go out in each worker's language: Tibetan speakers who read little Chinese get Tibetan.
        assert not Worker.objects.filter(speaks_bo=False, language="bo").exists()
        assert not Worker.objects.filter(speaks_zh=False).exclude(language="bo").exists()
        assert Worker.objects.filter(language="bo").count() >= Worker.objects.count() // 5

        # Every ID number and phone: valid, protected as the services protect them, shown masked.
        phones = set()
        for worker in Worker.objects.all():
            number = unseal(worker.id_number_sealed, purpose="id_number")
            resident = validate_resident_id(number, today=today)
            assert (resident.birth_date, resident.sex) == (worker.birth_date, worker.sex)
            assert worker.id_number_masked == mask_id_number(number)
            assert worker.id_number_digest == personal_digest(number, kind="id_number")
            assert 16 <= worker.age_on(today) <= 62
            phone = validate_mobile_phone(unseal(worker.phone_sealed, purpose="phone"))
            assert worker.phone_masked == mask_phone(phone)
            phones.add(phone)
            if worker.name_bo:
                assert worker.name_bo.endswith("།")
        assert len(phones) == 300
        for employer in Employer.objects.all():
            if employer.kind == Employer.Kind.ENTERPRISE:
                assert validate_uscc(employer.uscc) == employer.uscc
            else:
                validate_resident_id(unseal(employer.id_number_sealed, purpose="id_number"), today=today)
            validate_mobile_phone(unseal(employer.contact_phone_sealed, purpose="phone"))

        # The counters the services keep.
        jobs = Job.objects.annotate(held=Count("placements", filter=Q(placements__status__in=HELD)))
        for job in jobs:
            assert job.places_filled == job.held, job.pk
            assert job.places_filled <= job.headcount, job.pk
            if job.status == JobStatus.OPEN:
                assert job.places_filled < job.headcount
            if job.status == JobStatus.CANCELLED:
                assert job.places_filled == 0
        assert not Placement.objects.exclude(application__status="placed").exists()
        assert not Placement.objects.exclude(application__worker=F("worker")).exists()

        # No worker holds two overlapping placements.
        held = defaultdict(list)
        for p in Placement.objects.filter(status__in=HELD):
            held[p.worker_id].append(Shift(p.start_date, p.end_date, p.start_time, p.end_time))
        for shifts in held.values():
            for i, a in enumerate(shifts):
                for b in shifts[i + 1 :]:
                    assert not shifts_overlap(a, b)

        # History: online and offline placements about like the seeds' 3957 : 4716, nothing in the future.
        placements = Placement.objects.count()
        offline = Placement.objects.filter(channel__in=OFFLINE_CHANNELS).count()
        assert placements > 300
        assert 0.35 < offline / placements < 0.55
        midnight = timezone.make_aware(datetime.combine(today, time()))
        for model in (Worker, Employer, Job, Application, Placement):
            assert not model.objects.filter(created_at__gte=midnight).exists(), model
        # What people did since midnight (today's check-ins) happened before now.
        assert not Event.objects.filter(created_at__gt=timezone.now()).exists()
        assert (
            Job.objects.filter(
                status__in=[JobStatus.COMPLETED, JobStatus.EXPIRED, JobStatus.CANCELLED], end_date__gte=today
            ).count()
            == 0
        )
        assert not Job.objects.filter(status=JobStatus.EXPIRED, places_filled__gt=0).exists()
        verbs = set(Event.objects.values_list("verb", flat=True))
        assert verbs >= {
            "worker_register",
            "employer_register",
            "employer_verify",
            "kiosk_register",
            "job_create",
            "job_publish",
            "job_fill",
            "job_start",
            "job_complete",
            "job_expire",
            "job_cancel",
            "application_create",
            "placement_create",
            "placement_cancel",
            "placement_complete",
            # what every placement gets (placement_protection_create), and confirmations of work started
            "confirmation_create",
            "agreement_create",
            "wage_create",
            "followup_schedule",
            "placement_confirm",
            "credit_event",
            # the people's lives after the hire (lingong.demo.life)
            "attendance_record",
            "wage_owed",
            "wage_paid",
            "wage_receipt_confirm",
            "rating_create",
            "followup_done",
            "wage_overdue",
            "wage_remind_employer",
            "wage_escalate",
            "case_open",
            "case_mediation_start",
            "case_decide",
            "case_close",
            "demo_seed",
        }, verbs
        assert not verbs & {"attendance_no_show", "placement_release", "confirmation_release", "penalty_create"}

        # The services' clock agrees: as of last midnight nothing is due to start, finish or expire.
        just_before = midnight - timedelta(minutes=1)
        assert job_progress_sweep(now=just_before) == {"started": 0, "placements_completed": 0, "jobs_completed": 0}
        assert job_expire_overdue(now=just_before) == 0

    def test_if_empty_does_nothing_the_second_time(self, seeded_district):
        before = (Worker.objects.count(), Job.objects.count(), Placement.objects.count(), Event.objects.count())

        output = seed(if_empty=True)

        assert "nothing to do" in output
        assert (Worker.objects.count(), Job.objects.count(), Placement.objects.count(), Event.objects.count()) == before
        with pytest.raises(CommandError):
            seed()
        assert Worker.objects.count() == before[0]

    def test_the_dashboard_figures_of_all_days_are_the_full_counts(self, seeded_district, make_user):
        """seed_demo counts the figures of its whole history, and they agree with the counts it prints (a full
        scan of each table): the demo's dashboard shows them at once."""
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
        # Every kiosk shows its sessions and hires: each hire made at a kiosk records its device.
        kiosks = stats_kiosks(user=admin, first=first, last=today)
        assert all(row["kiosk"] is not None for row in kiosks) and len(kiosks) == counts["kiosks"]
        assert sum(row["sessions"] for row in kiosks) == counts["kiosk_sessions"] == figures["kiosk_sessions"]
        assert sum(row["matches"] for row in kiosks) == counts["placements_kiosk"] == counts["placements_kiosk_device"]
        assert counts["kiosk_sessions"] > counts["placements_kiosk"] > 0
        assert re.search(r"kiosks +6 \(\d+ sessions, \d+ hires made at a kiosk\)", seeded_district)
        assert figures["cases_opened"] == RightsCase.objects.filter(opened_at__date__gte=first).count()
        assert "figures          counted from" in seeded_district


class TestTheSeededDistrictLives:
    def test_the_seeded_district_has_wages_ratings_cases_and_calls(self, seeded_district):
        now = timezone.now()
        today = timezone.localdate()
        flag = demo_flag()
        User = get_user_model()

        # Two arrears cases, as the builder makes them: one in mediation, one closed with the money recovered.
        officer = User.objects.get(username="rights")
        cases = {c.placement_id: c for c in case_list_for_officer(user=officer)}
        assert sorted(cases) == sorted(flag.data["arrears"]) and len(cases) == 2
        mediating, closed = (cases[pk] for pk in flag.data["arrears"])
        assert (mediating.kind, mediating.status, mediating.assigned_to, mediating.source) == (
            "wage_arrears",
            CaseStatus.MEDIATING,
            officer,
            "wages",
        )
        assert list(mediating.mediations.values_list("result", flat=True)) == [MediationResult.ADJOURNED]
        wage = WagePayment.objects.get(placement_id=closed.placement_id)
        assert (closed.status, closed.outcome, wage.status) == (
            CaseStatus.CLOSED,
            CaseOutcome.RECOVERED,
            WageStatus.RECEIVED,
        )
        assert closed.amount_recovered_fen == wage.owed_fen == wage.paid_fen > 0
        assert WagePayment.objects.get(placement_id=mediating.placement_id).status == WageStatus.ESCALATED
        assert CreditEvent.objects.filter(kind=CreditKind.WAGES_OVERDUE).count() == 2
        assert CreditEvent.objects.filter(kind=CreditKind.CASE_UPHELD, employer=closed.employer).count() == 1
        # One wage paid late on purpose: overdue, reminded, not yet with rights.
        late = WagePayment.objects.get(placement_id__in=flag.data["late"])
        assert (late.status, late.reminders_sent > 0) == (WageStatus.OVERDUE, True)

        # Wages: most received, some owed and not yet due, ledgers agree, times in the past.
        assert WagePayment.objects.filter(status=WageStatus.RECEIVED).count() > 50
        assert WagePayment.objects.filter(
            status=WageStatus.OPEN, owed_fen__gt=F("paid_fen"), due_date__gte=today
        ).exists()
        assert wage_ledger_mismatches() == []
        paid = WagePayment.objects.filter(status=WageStatus.RECEIVED).first()
        entry = paid.entries.get(kind=LedgerKind.PAID)
        assert entry.occurred_at <= paid.received_at <= now
        assert wage_list_for_worker(worker=paid.placement.worker).exists()
        staff = User.objects.get(username="staff-market")
        assert wage_list_unpaid_for_staff(user=staff).exists()

        # Ratings both ways, with credit.
        assert Rating.objects.filter(side=RatingSide.WORKER).exists()
        assert Rating.objects.filter(side=RatingSide.EMPLOYER).exists()
        rated = Rating.objects.filter(side=RatingSide.WORKER).first().employer
        average, count = rating_summary(subject=rated)
        assert count >= 1 and 1 <= average <= 5
        assert credit_explain(subject=rated, check_access=False) is not None
        assert CreditEvent.objects.filter(kind=CreditKind.RATING).count() == Rating.objects.count()
        assert CreditEvent.objects.filter(kind=CreditKind.WAGES_PAID_ON_TIME).exists()
        assert CreditEvent.objects.filter(kind=CreditKind.COMPLETED).exists()

        # Follow-up calls: done before today, some due today or earlier still on the staff's list.
        from lingong.followups.models import FollowUp

        assert FollowUp.objects.filter(status=FollowUpStatus.DONE).count() > 20
        assert not FollowUp.objects.filter(status=FollowUpStatus.DONE, called_at__gt=now).exists()
        due = (
            FollowUp.objects.filter(status=FollowUpStatus.PENDING, due_on__lte=today).select_related("station").first()
        )
        assert due is not None
        station_staff = User.objects.get(role="station_staff", station=due.station, username__startswith="staff-")
        assert followup_list_for_station_day(user=station_staff, station=due.station, day=today).exists()

        # Nothing in the future; the timelines follow the clock.
        assert not RightsCase.objects.filter(opened_at__gt=now).exists()
        from lingong.core.models import Event

        assert not Event.objects.filter(created_at__gt=now).exists()

    def test_the_sweeps_do_not_punish_seeded_people_now_or_days_later(self, seeded_district):
        seeded_on = timezone.localdate()
        start = timezone.now()
        market = Station.objects.get(code="market")
        assert_roster_ahead(market, seeded_on)
        run_sweeps(start)
        assert_nobody_punished(seeded_on=seeded_on, now=start)

        for days in (1, 3, 10):
            at = start + timedelta(days=days)
            with time_machine.travel(at, tick=False):
                run_sweeps(at)
                assert_nobody_punished(seeded_on=seeded_on, now=at)
                assert_roster_ahead(market, timezone.localdate(at))  # the routine keeps the roster ahead
        assert wage_ledger_mismatches() == []
        # The days were lived: work checked in since seeding, wages paid since, at their times.
        last = demo_flag().data["last_placement"]
        assert AttendanceRecord.objects.filter(placement_id__lte=last, day__gt=seeded_on).exists()
        assert not AttendanceRecord.objects.filter(check_in_at__gt=start + timedelta(days=10)).exists()


class TestTheDemosLearning:
    """Its workers' lists and answers are recorded, and a model trained on them is in use."""

    def test_exposures_answers_and_a_trained_model(self, seeded_district):
        surfaces = set(Exposure.objects.values_list("surface", flat=True))
        assert surfaces == {"kiosk", "app", "window", "dispatch"}
        assert 300 <= Exposure.objects.count() <= 2000
        answers = set(Exposure.objects.values_list("answer", flat=True))
        assert {"applied", "accepted", "declined", "none"} <= answers
        [version] = AcceptanceModelVersion.objects.all()
        assert version.active and version.answers >= 200 and version.metrics["n"] > 0
        held_out = version.metrics
        assert held_out["lists"] > 0 and 0 < held_out["hit_rate_at_3"] <= held_out["hit_rate_at_10"] <= 1
        assert version.model["coef"][0] > 0  # more pay above what was declared: a likelier yes

    def test_a_demo_workers_estimate_rests_on_their_answers(self, seeded_district):
        showcase = Worker.objects.get(pk=Exposure.objects.order_by("pk").values_list("worker_id", flat=True)[0])
        estimate = worker_acceptance_estimate(worker=showcase)
        version = AcceptanceModelVersion.objects.get(active=True).version
        assert estimate.model_version == version and estimate.answers > 0
