"""seed_demo at small scale: the promised counts, valid identities, the services' invariants, determinism."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from lingong.core.crypto import unseal
from lingong.core.idnumber import validate_resident_id
from lingong.core.masking import mask_id_number, mask_phone
from lingong.core.models import OFFLINE_CHANNELS, Event
from lingong.core.personal import personal_digest
from lingong.core.phone import validate_mobile_phone
from lingong.core.uscc import validate_uscc
from lingong.demo.figures import demo_counts
from lingong.demo.records import DEMO_SECOND_FACTOR_KEY
from lingong.employers.models import Employer
from lingong.jobs.models import Application, Job, JobStatus, Placement, PlacementStatus
from lingong.jobs.services import job_expire_overdue, job_progress_sweep
from lingong.jobs.shifts import Shift, shifts_overlap
from lingong.rights.models import RightsCase
from lingong.stations.models import Kiosk
from lingong.stats.selectors import stats_district, stats_kiosks
from lingong.workers.models import Consent, Worker, WorkerTrade

from .conftest import SEED

pytestmark = pytest.mark.django_db(transaction=False)

HELD = (PlacementStatus.ACTIVE, PlacementStatus.COMPLETED)


def seed(*arguments: str, **options) -> str:
    out = StringIO()
    call_command("seed_demo", *arguments, scale="small", seed=SEED, stdout=out, **options)
    return out.getvalue()


def fingerprint() -> dict[str, list]:
    """What a person can read, in creation order (ids differ between runs, ciphertexts too)."""
    return {
        "workers": list(
            Worker.objects.order_by("id").values_list(
                "name",
                "name_bo",
                "id_number_masked",
                "phone_masked",
                "birth_date",
                "registered_station__code",
                "availability_mask",
                "home_area",
            )
        ),
        "employers": list(Employer.objects.order_by("id").values_list("name", "uscc", "id_number_masked", "address")),
        "jobs": list(
            Job.objects.order_by("id").values_list(
                "title", "employer__name", "headcount", "places_filled", "status", "start_date", "pay_fen", "created_at"
            )
        ),
        "placements": list(
            Placement.objects.order_by("id").values_list("worker__id_number_masked", "job__title", "channel", "status")
        ),
    }


def flush_demo() -> None:
    """Back to the state after migrate (stations and trades stay)."""
    from lingong.agreements.models import Agreement
    from lingong.attendance.models import AttendanceRecord, PlacementConfirmation
    from lingong.credit.models import CreditEvent, Penalty, Rating
    from lingong.followups.models import FollowUp
    from lingong.rights.models import Mediation, RightsCase
    from lingong.training.models import TrainingBooking, TrainingCourse, TrainingSession
    from lingong.wages.models import WageLedgerEntry, WagePayment

    TrainingBooking.objects.all().delete()
    TrainingSession.objects.all().delete()
    TrainingCourse.objects.all().delete()
    FollowUp.objects.all().delete()
    Mediation.objects.all().delete()
    RightsCase.objects.all().delete()
    Rating.objects.all().delete()
    CreditEvent.objects.all().delete()
    Penalty.objects.all().delete()
    AttendanceRecord.objects.all().delete()
    PlacementConfirmation.objects.all().delete()
    Event.objects.all().delete()
    WageLedgerEntry.objects.all().delete()
    WagePayment.objects.all().delete()
    Agreement.objects.all().delete()
    Placement.objects.all().delete()
    Application.objects.all().delete()
    Job.objects.all().delete()
    Worker.objects.all().delete()
    Employer.objects.all().delete()
    get_user_model().objects.all().delete()


@pytest.mark.xdist_group("demo-seeded")
class TestTheSeededDistrict:
    """One seed for these tests (the `seeded_district` fixture)."""

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

    def test_same_seed_gives_the_same_district(self, seeded_district):
        first = fingerprint()
        flush_demo()
        assert not Worker.objects.exists()

        seed("--no-figures")  # the figures are not in the fingerprint: counting them again would only take time
        assert fingerprint() == first
        assert Worker.objects.count() == 300

        flush_demo()
        call_command("seed_demo", "--no-figures", scale="small", seed=SEED + 1, stdout=StringIO())
        assert fingerprint()["workers"] != first["workers"]

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


def test_the_demo_refuses_settings_without_the_demo_flag(settings, db):
    """Production settings: no demo people, no admin / lingong-admin."""
    from django.core.management.base import CommandError

    from lingong.accounts.models import User

    settings.LINGONG_DEMO = False
    with pytest.raises(CommandError):
        call_command("seed_demo", scale="small", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()
    with pytest.raises(CommandError):
        call_command("demo_otp", stdout=StringIO())  # nor its second-step codes
