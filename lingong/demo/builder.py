"""Builds the demo district in memory, then writes it with bulk inserts.

Why not call the services? They are one row at a time with an audit trail
each: fine for people, far too slow for 25,000 workers. So this module uses
the services' own building blocks instead — `personal_protect` for ID numbers
and phones, `check_character` / `validate_resident_id` / `validate_uscc` for
identifiers, `job_posting_problems` for job texts, `shifts_overlap` for
placements — and keeps the services' invariants: a job's `places_filled` is
the number of its active or completed placements and never exceeds its
headcount; a worker never holds two overlapping placements (here: never two
on one day); every timestamp of the history lies before today's midnight.

After the bulk history, `_Builder.live` is different: the people's lives after
the hire (confirmations, hours, wages, ratings, credit, follow-up calls, two
wage-arrears cases) go through the services themselves, each at the moment it
happened, up to the present (see life.py); it costs seconds, not minutes,
because only placements under way and those finished in the last
`Scale.life_days` (up to `LIFE_MAX_DAYS` long) get it.

All randomness comes from one `random.Random(seed)` and all dates from the
`today` passed in, so a seed gives the same district on any day it is run
(shifted to that day). Ciphertexts differ between runs (random nonces);
everything a person can read is the same.
"""

from __future__ import annotations

import math
import random
import time as clock
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, reset_queries, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from lingong.accounts.models import Role
from lingong.core.idnumber import check_character, validate_resident_id, worker_age_check
from lingong.core.models import OFFLINE_CHANNELS, Channel, Event
from lingong.core.personal import personal_protect
from lingong.core.phone import validate_mobile_phone
from lingong.core.uscc import ALPHABET, organisation_check_character, uscc_check_character, validate_uscc
from lingong.employers.models import Employer
from lingong.jobs.models import (
    Application,
    ApplicationOrigin,
    ApplicationStatus,
    Job,
    JobKind,
    JobStatus,
    Placement,
    PlacementStatus,
)
from lingong.jobs.rules import job_posting_problems
from lingong.jobs.shifts import Shift, shifts_overlap
from lingong.stations.models import Kiosk, Station
from lingong.stations.services import kiosk_register
from lingong.trades.models import JobType, PayUnit
from lingong.workers.models import Consent, Worker, WorkerTrade, availability_bit

from . import data


@dataclass(frozen=True)
class Scale:
    workers: int
    employers: int
    open_jobs: int
    open_positions: int  # the sum of the headcounts of open jobs, exactly
    past_jobs_per_day: float  # jobs that started on each of the last `history_days` days
    current_jobs: int  # jobs under way or fully booked (neither open nor over)
    history_days: int = 90
    life_days: int = 30  # finished placements that get their hours, wages, ratings and calls (the older: history only)


SCALES: dict[str, Scale] = {
    "small": Scale(
        workers=300, employers=60, open_jobs=120, open_positions=250, past_jobs_per_day=3.0, current_jobs=15
    ),
    "district": Scale(
        workers=25_000,
        employers=1_000,
        open_jobs=5_000,
        open_positions=11_000,
        past_jobs_per_day=45.0,
        current_jobs=600,
        life_days=10,
    ),
}

# (username, password, role, station code), documented in README.md; permissions follow the role
# (lingong/accounts/roles.py).
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str | None], ...] = (
    ("admin", "lingong-admin", Role.DISTRICT_ADMIN, None),
    ("staff-market", "lingong-staff", Role.STATION_STAFF, "market"),
    ("staff-jinzhu", "lingong-staff", Role.STATION_STAFF, "jinzhu-xilu"),
    ("staff-gama", "lingong-staff", Role.STATION_STAFF, "gama-gongsang"),
    ("staff-gongdelin", "lingong-staff", Role.STATION_STAFF, "gongdelin"),
    ("rights", "lingong-rights", Role.RIGHTS_OFFICER, None),
    ("auditor", "lingong-audit", Role.AUDITOR, None),
    ("employer", "lingong-employer", Role.EMPLOYER, None),
    ("worker", "lingong-worker", Role.WORKER, None),
)
# Registrations per station in the seeds (零工市场 19593, 金珠西路 2270, 嘎玛贡桑 1189, 功德林 1060).
STATION_WEIGHTS = {"market": 19593, "jinzhu-xilu": 2270, "gama-gongsang": 1189, "gongdelin": 1060}
# Placements: offline (window + kiosk) 45 %, online (app + web) 55 %, like 3957 : 4716.
PLACEMENT_CHANNELS = ((Channel.WINDOW, 26), (Channel.KIOSK, 19), (Channel.APP, 40), (Channel.WEB, 15))
USCC_BODY = "".join(ch for ch in ALPHABET if ch.isalnum())
REQUIRED_SKILLS = {
    "electrician": "持低压电工作业证",
    "driver": "持B2驾驶证",
    "cook": "持健康证",
    "security_guard": "持保安员证",
    "childminder": "有育儿经验",
}
HEADCOUNTS = {
    JobKind.DAY_GIG: ((1, 46), (2, 26), (3, 12), (4, 6), (5, 4), (6, 3), (8, 2), (10, 1)),
    JobKind.SHORT_TERM: ((1, 32), (2, 26), (3, 14), (4, 9), (5, 8), (6, 5), (8, 3), (10, 2), (15, 1)),
    JobKind.LONG_TERM: ((1, 36), (2, 24), (3, 12), (4, 8), (5, 7), (6, 5), (8, 3), (10, 3), (12, 1), (20, 1)),
}
KINDS = (JobKind.DAY_GIG, JobKind.SHORT_TERM, JobKind.LONG_TERM)
# Applications that did not lead to a hire, by how the job ended.
CLOSED_AFTER_COMPLETION = (
    (ApplicationStatus.DECLINED, 50),
    (ApplicationStatus.WITHDRAWN, 25),
    (ApplicationStatus.EXPIRED, 25),
)
CLOSED_UNFILLED = ((ApplicationStatus.EXPIRED, 70), (ApplicationStatus.DECLINED, 20), (ApplicationStatus.WITHDRAWN, 10))
LIFE_MAX_DAYS = 14  # finished placements longer than this stay history (no hours, wages or calls)
KM_PER_DEG_LAT = 111.2
KM_PER_DEG_LON = 96.6  # at 29.65° N


@dataclass
class DemoResult:
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(eq=False)
class _W:
    """A worker while the district is built."""

    name: str
    name_bo: str
    sex: str
    birth: date
    division: str
    tibetan: bool
    profile: str
    station: Station
    channel: str
    created: datetime
    trades: list[tuple[JobType, int, bool]] = field(default_factory=list)
    mask: int = 0
    max_intensity: int = 3
    speaks_zh: bool = True
    speaks_bo: bool = False
    language: str = "zh-hans"  # the language they registered in, and get their messages in
    min_pay: int = 0
    travel_km: int = 10
    home_area: str = ""
    lat: float = 0.0
    lon: float = 0.0
    adult_from: date = date.min
    busy: set[int] = field(default_factory=set)
    shifts: list[Shift] = field(default_factory=list)
    user: Any = None
    obj: Worker | None = None


@dataclass(eq=False)
class _E:
    """An employer while the district is built."""

    kind: str  # a key of data.DEMAND
    obj: Employer
    created: datetime
    lat: float
    lon: float
    weight: float
    bo_flavour: bool


@dataclass(eq=False)
class _J:
    """A job while the district is built."""

    obj: Job
    emp: _E
    slug: str
    shift: Shift
    start_at: datetime
    end_at: datetime
    start_slot: int
    day_pay: int
    created: datetime = None  # type: ignore[assignment]
    published: datetime = None  # type: ignore[assignment]
    updated: datetime = None  # type: ignore[assignment]
    workers: set[int] = field(default_factory=set)  # ids (id()) of _W proposed for this job
    placed: int = 0
    last_placed: datetime | None = None
    held: list[Placement] = field(default_factory=list)  # its active or completed placements


def build_demo(*, scale: Scale, seed: int, today: date, now: datetime | None = None) -> DemoResult:
    """Fill an empty database with the demo district; the caller checks it is empty.

    The district's history ends at `today`'s midnight; what its people did since
    (check-ins of today's shifts) is played up to `now` (default: the clock).
    """
    started = clock.perf_counter()
    now = now or timezone.now()
    if timezone.localdate(now) != today:
        now = datetime.combine(today, time(10, 0), tzinfo=timezone.get_current_timezone())
    builder = _Builder(scale=scale, seed=seed, today=today, now=now)
    with transaction.atomic():
        builder.run()
    result = DemoResult(counts=demo_counts())
    result.seconds = clock.perf_counter() - started
    return result


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
        "staff_users": get_user_model().objects.filter(is_staff=True).count(),
        **life_counts(),
    }


def life_counts() -> dict[str, int]:
    """What the wage, credit, rights and follow-up screens show."""
    from lingong.attendance.models import AttendanceRecord
    from lingong.credit.models import CreditEvent, Rating
    from lingong.followups.models import FollowUp, FollowUpStatus
    from lingong.rights.models import CaseStatus, RightsCase
    from lingong.wages.models import WagePayment, WageStatus

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


class _Builder:
    def __init__(self, *, scale: Scale, seed: int, today: date, now: datetime | None = None) -> None:
        self.scale = scale
        self.rng = random.Random(seed)
        # The people's lives after the hires draw from their own stream: the district stays the same.
        self.life_rng = random.Random(seed * 7919 + 1)
        self.today = today
        self.tz = timezone.get_current_timezone()
        self.midnight = self.at(today, 0)
        self.now = now or self.midnight
        self.id_numbers: set[str] = set()
        self.phones: set[str] = set()
        self.usccs: set[str] = set()
        self.employer_names: set[str] = set()
        self.usernames: set[str] = set()
        self.events: list[tuple] = []
        self.workers: list[_W] = []
        self.employers: list[_E] = []
        self.jobs: list[_J] = []
        self.applications: list[tuple[Application, datetime, datetime]] = []
        self.placements: list[tuple[Placement, datetime, datetime]] = []

    # --- small helpers -----------------------------------------------------------

    def at(self, day: date, minutes: int) -> datetime:
        return datetime.combine(day, time(), tzinfo=self.tz) + timedelta(minutes=minutes)

    def before_midnight(self, moment: datetime, *, slack_minutes: int = 1) -> datetime:
        """Nothing in the demo happens today or later: a seed gives the same data all day."""
        return min(moment, self.midnight - timedelta(minutes=slack_minutes))

    def pick(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def point(self, lat: float, lon: float, spread: float) -> tuple[float, float]:
        (lat_lo, lat_hi), (lon_lo, lon_hi) = data.DISTRICT_BOX
        lat = min(max(lat + self.rng.gauss(0, spread), lat_lo + 0.001), lat_hi - 0.001)
        lon = min(max(lon + self.rng.gauss(0, spread), lon_lo + 0.001), lon_hi - 0.001)
        return round(lat, 6), round(lon, 6)

    @staticmethod
    def dec(value: float) -> Decimal:
        return Decimal(f"{value:.6f}")

    def nearest_station(self, lat: float, lon: float) -> Station:
        return min(self.station_list, key=lambda s: _km(lat, lon, float(s.lat), float(s.lon)))

    def event(
        self,
        subject,
        verb: str,
        at: datetime,
        *,
        actor=None,
        from_state: str = "",
        to_state: str = "",
        station=None,
        channel: str = Channel.SYSTEM,
        data_: dict | None = None,
    ) -> None:
        self.events.append((subject, verb, at, actor, from_state, to_state, station, channel, data_ or {}))

    # --- identities ------------------------------------------------------------

    def person_name(self, *, tibetan: bool, sex: str) -> tuple[str, str]:
        rng = self.rng
        if not tibetan:
            given = data.HAN_GIVEN_MALE if sex == "male" else data.HAN_GIVEN_FEMALE
            return rng.choice(data.HAN_SURNAMES) + rng.choice(given), ""
        if sex == "male":
            first_pool = second_pool = self.male_elements
            two = rng.random() < 0.55
        else:
            first_pool, second_pool = self.female_first, self.female_second
            two = rng.random() < 0.6
            if rng.random() < 0.01:
                element = rng.choice(second_pool)
                return data.AJA[0] + element[0], _bo_name([data.AJA[1], element[1]])
        if not two:
            element = rng.choice(second_pool if sex == "female" and rng.random() < 0.8 else first_pool)
            return element[0], _bo_name([element[1]])
        first = rng.choice(first_pool)
        second = rng.choice(second_pool)
        while second is first:
            second = rng.choice(second_pool)
        return first[0] + second[0], _bo_name([first[1], second[1]])

    def birth_for_age(self, age: int) -> date:
        return _years_before(self.today, age) - timedelta(days=self.rng.randrange(365))

    def adult_age(self) -> int:
        """16-62, mostly 40-50 (the seeds' 四五十岁左右的就业人员), a few juveniles."""
        r = self.rng.random()
        if r < 0.025:
            return self.rng.randint(16, 17)
        if r < 0.155:
            return self.rng.randint(18, 29)
        if r < 0.355:
            return self.rng.randint(30, 39)
        if r < 0.855:
            return self.rng.randint(40, 50)
        return self.rng.randint(51, 62)

    def division(self, *, tibetan: bool, birth: date) -> str:
        if not tibetan:
            return self.pick(data.HAN_DIVISIONS)
        return self.pick(data.TIBETAN_DIVISIONS_OLD if birth.year < 1995 else data.TIBETAN_DIVISIONS_NEW)

    def id_number(self, *, division: str, birth: date, sex: str) -> str:
        """A valid GB 11643 number; the validator of the services has the last word."""
        odd_even = "13579" if sex == "male" else "02468"
        while True:
            first17 = f"{division}{birth:%Y%m%d}{self.rng.randrange(100):02d}{self.rng.choice(odd_even)}"
            number = first17 + check_character(first17)
            if number not in self.id_numbers:
                break
        resident = validate_resident_id(number, today=self.today)
        if resident.birth_date != birth or resident.sex != sex:
            raise RuntimeError(f"generated ID number {number} does not say what was meant")
        self.id_numbers.add(number)
        return resident.number

    def phone(self) -> str:
        while True:
            number = self.rng.choice(data.MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.phones:
                break
        self.phones.add(number)
        return validate_mobile_phone(number)

    def uscc(self, *, individual_business: bool) -> str:
        head = "92" if individual_business else "91"
        office = "540102" if individual_business or self.rng.random() < 0.8 else "540100"
        while True:
            body = "MA6" + "".join(self.rng.choice(USCC_BODY) for _ in range(5))
            first17 = head + office + body + organisation_check_character(body)
            code = first17 + uscc_check_character(first17)
            if code not in self.usccs:
                break
        self.usccs.add(code)
        return validate_uscc(code)

    def hex_token(self, length: int) -> str:
        return f"{self.rng.getrandbits(4 * length):0{length}x}"

    # --- the run -------------------------------------------------------------------

    def run(self) -> None:
        steps = (
            self.load_reference,
            self.make_accounts,
            self.make_kiosks,
            self.make_employers,
            self.make_workers,
            self.make_jobs,
            self.write_jobs,
            self.write_events,
            self.protect_active_placements,
            self.live,
        )
        for step in steps:
            step()
            reset_queries()  # under DEBUG the query log would keep every bulk INSERT's text

    def load_reference(self) -> None:
        self.station_list = list(Station.objects.filter(is_active=True).order_by("code"))
        if not self.station_list:
            raise RuntimeError("No stations: run `manage.py migrate` first.")
        self.stations = {s.code: s for s in self.station_list}
        trades = list(JobType.objects.filter(is_active=True).order_by("sort_order", "slug"))
        if not trades:
            raise RuntimeError("No trades: run `manage.py migrate` first (trades/0002 loads job_types.json).")
        self.trades = {t.slug: t for t in trades}
        self.trade_list = trades
        related: dict[int, list[int]] = {t.id: [] for t in trades}
        for from_id, to_id in JobType.related.through.objects.order_by("from_jobtype_id", "to_jobtype_id").values_list(
            "from_jobtype_id", "to_jobtype_id"
        ):
            if from_id in related and to_id in related:
                related[from_id].append(to_id)
        self.related = related
        self.demand = {}
        for kind, pairs in data.DEMAND.items():
            known = tuple((self.trades[slug], w) for slug, w in pairs if slug in self.trades)
            self.demand[kind] = known or tuple((t, 1) for t in trades)
        self.station_weights = tuple((s, STATION_WEIGHTS.get(s.code, 1000)) for s in self.station_list)
        elements = data.TIBETAN_ELEMENTS
        self.male_elements = [e for e in elements if e[2] in "mu"]
        self.female_first = [e for e in elements if e[2] in "fu"]
        self.female_second = [e for e in elements if e[2] == "f"]
        self.content_types = {
            model: ContentType.objects.get_for_model(model) for model in (Worker, Employer, Job, Application, Placement)
        }

    # --- accounts ----------------------------------------------------------------

    def make_accounts(self) -> None:
        User = get_user_model()
        hashes = {password: make_password(password) for password in sorted({a[1] for a in DEMO_ACCOUNTS})}
        self.accounts = {}
        for username, password, role, station_code in DEMO_ACCOUNTS:
            station = self.stations.get(station_code) if station_code else None
            if station_code and station is None:
                continue
            user, _created = User.objects.get_or_create(username=username)
            user.password = hashes[password]
            user.role = role
            user.station = station
            user.is_staff = role not in (Role.WORKER, Role.EMPLOYER)
            user.is_superuser = False
            user.is_active = True
            user.save()
            self.accounts[username] = user
            self.usernames.add(username)
        self.staff_by_station = {
            self.stations[code].id: self.accounts[username]
            for username, _password, _role, code in DEMO_ACCOUNTS
            if code in self.stations and username in self.accounts
        }

    def make_kiosks(self) -> None:
        """就业一体机: three at the market, one at each station, registered by the district admin."""
        admin = self.accounts.get("admin")
        if admin is None:
            return
        registered = []
        for station in self.station_list:
            for number in range(1, (3 if station.kind == Station.Kind.MARKET else 1) + 1):
                code = f"{station.code}-{number}"
                if Kiosk.objects.filter(code=code).exists():
                    continue
                kiosk, _secret = kiosk_register(station=station, code=code, label=f"{number}号一体机", actor=admin)
                registered.append(str(kiosk.pk))
        # The kiosks were installed when the stations opened, not today.
        installed = self.at(self.today - timedelta(days=400), 600)
        events = Event.objects.filter(
            verb="kiosk_register", subject_id__in=registered, subject_type=ContentType.objects.get_for_model(Kiosk)
        )
        _restamp(Event, [(pk, installed) for pk in events.values_list("pk", flat=True)], fields=("created_at",))

    # --- employers -----------------------------------------------------------------

    def make_employers(self) -> None:
        count = self.scale.employers
        enterprises = round(count * 0.7)
        featured = list(data.FEATURED_ENTERPRISES)
        objs = []
        for index in range(count):
            if index < enterprises:
                record = self.enterprise(featured.pop(0) if featured else None)
            else:
                record = self.individual()
            self.employers.append(record)
            objs.append(record.obj)
        demo = self.employers[0]
        demo.obj.user = self.accounts.get("employer")
        Employer.objects.bulk_create(objs, batch_size=500)
        stamps = []
        for record in self.employers:
            e = record.obj
            staff = self.staff_by_station.get(e.station_id)
            self.event(
                e,
                "employer_register",
                record.created,
                actor=staff if e.channel == Channel.WINDOW else None,
                to_state=Employer.Verification.PENDING,
                station=e.station,
                channel=e.channel,
            )
            if e.verified_at:
                note = "营业执照信息与登记不一致" if e.verification == Employer.Verification.REJECTED else ""
                self.event(
                    e,
                    "employer_verify",
                    e.verified_at,
                    actor=e.verified_by,
                    from_state=Employer.Verification.PENDING,
                    to_state=e.verification,
                    station=e.verified_by.station if e.verified_by else None,
                    channel=Channel.WINDOW,
                    data_={"note": note},
                )
            stamps.append((e.pk, record.created, e.verified_at or record.created))
        _restamp(Employer, stamps)

    def enterprise(self, featured) -> _E:
        rng = self.rng
        if featured:
            name, kind, street_name = featured
            spec = next(k for k in data.ENTERPRISE_KINDS if k[0] == kind)
        else:
            spec = self.pick(tuple((k, k[1]) for k in data.ENTERPRISE_KINDS))
            kind = spec[0]
            name = self.enterprise_name(spec[2])
            street_name = rng.choice(spec[3])
        self.employer_names.add(name)
        street = next(s for s in data.STREETS if s[0] == street_name)
        lat, lon = self.point(street[1], street[2], 0.0015)
        tibetan = rng.random() < 0.65
        contact, _bo = self.person_name(tibetan=tibetan, sex=rng.choice(("male", "female")))
        if featured:
            verification, partner, days_ago = Employer.Verification.VERIFIED, True, rng.randint(300, 500)
        else:
            r = rng.random()
            verification = (
                Employer.Verification.VERIFIED
                if r < 0.86
                else Employer.Verification.PENDING
                if r < 0.96
                else Employer.Verification.REJECTED
            )
            partner = verification == Employer.Verification.VERIFIED and rng.random() < 0.7
            days_ago = rng.randint(1, 14) if verification == Employer.Verification.PENDING else rng.randint(30, 600)
        channel = self.pick(((Channel.WINDOW, 40), (Channel.WEB, 35), (Channel.APP, 25)))
        uscc = self.uscc(individual_business=name.startswith("城关区"))
        obj = Employer(
            kind=Employer.Kind.ENTERPRISE,
            name=name,
            uscc=uscc,
            contact_name=contact,
            address=f"拉萨市城关区{street_name}{rng.randint(1, 260)}号",
            is_partner=partner,
            channel=channel,
        )
        return self.employer_common(
            obj,
            kind=kind,
            lat=lat,
            lon=lon,
            verification=verification,
            days_ago=days_ago,
            bo_flavour=("藏餐" in name or "甜茶" in name),
        )

    def enterprise_name(self, patterns: tuple[str, ...]) -> str:
        for _attempt in range(40):
            name = self.rng.choice(patterns).format(b=self.rng.choice(data.BRANDS))
            if name not in self.employer_names:
                return name
        while True:
            name = self.rng.choice(patterns).format(b=self.rng.choice(data.BRANDS) + self.rng.choice(data.BRANDS))
            if name not in self.employer_names:
                return name

    def individual(self) -> _E:
        rng = self.rng
        kind = self.pick(data.INDIVIDUAL_KINDS)
        tibetan = rng.random() < 0.65
        sex = rng.choice(("male", "female"))
        name, _bo = self.person_name(tibetan=tibetan, sex=sex)
        birth = self.birth_for_age(rng.randint(28, 66))
        number = self.id_number(division=self.division(tibetan=tibetan, birth=birth), birth=birth, sex=sex)
        if kind == "household":
            community = rng.choice(data.COMMUNITIES)
            lat, lon = self.point(community[1], community[2], 0.002)
            address = (
                f"拉萨市城关区{community[0]}{rng.choice(data.RESIDENTIAL_COMPOUNDS)}"
                f"{rng.randint(1, 20)}栋{rng.randint(1, 4)}单元"
            )
        else:
            street = rng.choice(data.STREETS)
            lat, lon = self.point(street[1], street[2], 0.002)
            address = f"拉萨市城关区{street[0]}{rng.randint(1, 260)}号"
        r = rng.random()
        verification = (
            Employer.Verification.VERIFIED
            if r < 0.8
            else Employer.Verification.PENDING
            if r < 0.95
            else Employer.Verification.REJECTED
        )
        days_ago = rng.randint(1, 14) if verification == Employer.Verification.PENDING else rng.randint(20, 500)
        channel = self.pick(((Channel.WINDOW, 45), (Channel.APP, 40), (Channel.KIOSK, 15)))
        obj = Employer(kind=Employer.Kind.INDIVIDUAL, name=name, contact_name=name, address=address, channel=channel)
        obj.id_number_sealed, obj.id_number_digest, obj.id_number_masked = personal_protect(number, kind="id_number")
        return self.employer_common(
            obj, kind=kind, lat=lat, lon=lon, verification=verification, days_ago=days_ago, bo_flavour=tibetan
        )

    def employer_common(self, obj: Employer, *, kind, lat, lon, verification, days_ago, bo_flavour) -> _E:
        rng = self.rng
        offline = obj.channel in OFFLINE_CHANNELS
        minutes = rng.randint(540, 1050) if offline else rng.randint(420, 1380)
        created = self.at(self.today - timedelta(days=days_ago), minutes)
        created = self.before_midnight(created, slack_minutes=30)
        obj.contact_phone_sealed, obj.contact_phone_digest, obj.contact_phone_masked = personal_protect(
            self.phone(), kind="phone"
        )
        obj.lat, obj.lon = self.dec(lat), self.dec(lon)
        obj.station = self.nearest_station(lat, lon)
        obj.verification = verification
        if verification != Employer.Verification.PENDING:
            obj.verified_by = self.staff_by_station.get(obj.station.id)
            obj.verified_at = self.before_midnight(created + timedelta(minutes=rng.randint(20, 2880)))
        weight = 0.0
        if verification != Employer.Verification.REJECTED:
            weight = data.POSTING_WEIGHT[kind] * rng.lognormvariate(0, 0.5)
        return _E(kind=kind, obj=obj, created=created, lat=lat, lon=lon, weight=weight, bo_flavour=bo_flavour)

    # --- workers -----------------------------------------------------------------------

    def make_workers(self) -> None:
        featured = data.FEATURED_WORKERS
        for index in range(self.scale.workers):
            self.workers.append(self.worker(featured[index] if index < len(featured) else None))
        User = get_user_model()
        demo_user = self.accounts.get("worker")
        new_users = []
        for index, w in enumerate(self.workers):
            if index == 0 and demo_user is not None:
                demo_user.first_name = w.name
                demo_user.date_joined = w.created
                demo_user.save(update_fields=["first_name", "date_joined"])
                w.user = demo_user
                continue
            while True:
                username = f"worker-{self.hex_token(12)}"
                if username not in self.usernames:
                    break
            self.usernames.add(username)
            # An unusable password, as worker_register sets (workers sign in with card or phone).
            w.user = User(
                username=username,
                password="!" + self.hex_token(40),
                role=Role.WORKER,
                first_name=w.name[:150],
                date_joined=w.created,
            )
            new_users.append(w.user)
        User.objects.bulk_create(new_users, batch_size=1000)

        objs = []
        for w in self.workers:
            number = self.id_number(division=w.division, birth=w.birth, sex=w.sex)
            worker_age_check(validate_resident_id(number, today=self.today), today=self.today)
            id_sealed, id_digest, id_masked = personal_protect(number, kind="id_number")
            phone_sealed, phone_digest, phone_masked = personal_protect(self.phone(), kind="phone")
            w.obj = Worker(
                user=w.user,
                name=w.name,
                name_bo=w.name_bo,
                id_number_sealed=id_sealed,
                id_number_digest=id_digest,
                id_number_masked=id_masked,
                phone_sealed=phone_sealed,
                phone_digest=phone_digest,
                phone_masked=phone_masked,
                birth_date=w.birth,
                sex=w.sex,
                speaks_zh=w.speaks_zh,
                speaks_bo=w.speaks_bo,
                language=w.language,
                availability_mask=w.mask,
                home_area=w.home_area,
                home_lat=self.dec(w.lat),
                home_lon=self.dec(w.lon),
                travel_km=w.travel_km,
                min_day_pay_fen=w.min_pay,
                max_intensity=w.max_intensity,
                registered_station=w.station,
                channel=w.channel,
            )
            objs.append(w.obj)
        Worker.objects.bulk_create(objs, batch_size=1000)

        trades, consents = [], []
        version = settings.CONSENT_NOTICE_VERSION
        for w in self.workers:
            for job_type, level, certified in w.trades:
                trades.append(WorkerTrade(worker=w.obj, job_type=job_type, level=level, certified=certified))
            staff = self.staff_by_station.get(w.station.id) if w.channel == Channel.WINDOW else None
            read_aloud = (w.channel == Channel.WINDOW and self.rng.random() < 0.85) or (
                w.channel == Channel.KIOSK and self.rng.random() < 0.3
            )
            consents.append(
                Consent(
                    worker=w.obj,
                    notice_version=version,
                    channel=w.channel,
                    station=w.station,
                    recorded_by=staff,
                    read_aloud=read_aloud,
                )
            )
            self.event(
                w.obj,
                "worker_register",
                w.created,
                actor=staff,
                to_state="active",
                station=w.station,
                channel=w.channel,
                data_={"juvenile": w.created.date() < w.adult_from},
            )
        WorkerTrade.objects.bulk_create(trades, batch_size=2000)
        Consent.objects.bulk_create(consents, batch_size=1000)
        _restamp(Worker, [(w.obj.pk, w.created, w.created) for w in self.workers])
        _restamp(
            Consent, [(c.pk, w.created) for c, w in zip(consents, self.workers, strict=True)], fields=("given_at",)
        )

        self.by_trade: dict[int, list[_W]] = {t.id: [] for t in self.trade_list}
        for w in self.workers:
            for job_type, _level, _certified in w.trades:
                self.by_trade[job_type.id].append(w)

    def worker(self, featured) -> _W:
        rng = self.rng
        if featured:
            name, name_bo, sex, age, division, station_code, channel, profile, slugs = featured
            tibetan = True
            birth = self.birth_for_age(age)
            station = self.stations.get(station_code) or self.station_list[0]
        else:
            sex = rng.choice(("male", "female"))
            tibetan = rng.random() < 0.72
            age = self.adult_age()
            while True:  # a 16th birthday today or yesterday leaves no day to register: draw again
                birth = self.birth_for_age(age)
                if (self.today - _years_after(birth, 16)).days >= 2:
                    break
            name, name_bo = self.person_name(tibetan=tibetan, sex=sex)
            division = self.division(tibetan=tibetan, birth=birth)
            profile = self.profile(sex=sex, age=age, tibetan=tibetan)
            station = self.pick(self.station_weights)
            channel = (
                self.pick(((Channel.APP, 60), (Channel.WEB, 15), (Channel.KIOSK, 15), (Channel.WINDOW, 10)))
                if profile == "student"
                else self.pick(((Channel.WINDOW, 35), (Channel.KIOSK, 30), (Channel.APP, 25), (Channel.WEB, 10)))
            )
            slugs = None
        # Registered some time in the last 18 months (more recently, more people), after turning 16.
        days_ago = rng.randint(150, 400) if featured else int(rng.triangular(1, 540, 45))
        days_ago = min(days_ago, (self.today - _years_after(birth, 16)).days - 1)
        offline = channel in OFFLINE_CHANNELS
        created = self.at(
            self.today - timedelta(days=max(days_ago, 1)), rng.randint(540, 1050) if offline else rng.randint(420, 1380)
        )
        w = _W(
            name=name,
            name_bo=name_bo,
            sex=sex,
            birth=birth,
            division=division,
            tibetan=tibetan,
            profile=profile,
            station=station,
            channel=channel,
            created=self.before_midnight(created, slack_minutes=20),
        )
        w.adult_from = _years_after(birth, 18)
        juvenile = self.today < w.adult_from
        # Strength and languages.
        if juvenile:
            w.max_intensity = 2 if rng.random() < 0.6 else 1
        elif profile in ("student", "mother") or (sex == "female" and profile != "labourer" and rng.random() < 0.75):
            w.max_intensity = 2
        else:
            w.max_intensity = 3
        if age > 55:
            w.max_intensity = min(w.max_intensity, 2)
        if tibetan:
            w.speaks_bo = True
            w.speaks_zh = rng.random() < (0.95 if age < 30 else 0.8 if age < 45 else 0.6 if age < 55 else 0.4)
            # Tibetan speakers who read little Chinese, and most from 40 on, registered in Tibetan.
            w.language = "bo" if not w.speaks_zh or age >= 40 else "zh-hans"
        else:
            w.speaks_zh = True
            w.speaks_bo = rng.random() < (0.25 if division == "540102" else 0.06)
        # Trades: 1-3, the profile's first trades most often, none heavier than the worker accepts.
        if slugs is None:
            candidates = [
                s for s in data.PROFILES[profile] if s in self.trades and self.trades[s].intensity <= w.max_intensity
            ]
            if not candidates:
                candidates = [t.slug for t in self.trade_list if t.intensity <= w.max_intensity] or list(self.trades)
            slugs = []
            for _ in range(min(self.pick(((1, 40), (2, 40), (3, 20))), len(candidates))):
                remaining = [s for s in candidates if s not in slugs]
                slugs.append(self.pick(tuple((s, len(candidates) - candidates.index(s)) for s in remaining)))
        for slug in slugs:
            if slug not in self.trades:
                continue
            level = self.pick(((1, 22), (2, 34), (3, 26), (4, 12), (5, 6)))
            if juvenile:
                level = min(level, 2)
            elif age >= 35 and rng.random() < 0.3:
                level = min(level + 1, 5)
            certified = rng.random() < ((0.15 + 0.12 * level) if slug in data.CERTIFIED_TRADES else 0.05)
            w.trades.append((self.trades[slug], level, certified))
        if not w.trades:
            w.trades.append((self.trade_list[0], 1, False))
        w.max_intensity = max(w.max_intensity, max(t.intensity for t, _l, _c in w.trades))
        w.mask = self.availability(profile)
        low = w.trades[0][0].typical_pay_low_fen or 15000
        w.min_pay = 0 if rng.random() < 0.3 else int(round(low * rng.uniform(0.75, 1.0), -3))
        if featured:
            w.travel_km = rng.choice((10, 12, 15))
        elif profile in ("student", "mother"):
            w.travel_km = rng.choice((3, 5, 5, 8))
        else:
            w.travel_km = rng.choice((3, 5, 5, 8, 8, 10, 10, 10, 12, 15))
        # Home: half live around the station they registered at, the others in a community
        # of its area (the market, being the market, draws from the whole district).
        if rng.random() < 0.5:
            w.lat, w.lon = self.point(float(station.lat), float(station.lon), 0.006)
            community = min(data.COMMUNITIES, key=lambda c: _km(w.lat, w.lon, c[1], c[2]))
        else:
            local = [c for c in data.COMMUNITIES if c[3] == station.code]
            pool = local if local and station.code != "market" and rng.random() < 0.8 else data.COMMUNITIES
            community = rng.choice(pool)
            w.lat, w.lon = self.point(community[1], community[2], 0.003)
        w.home_area = community[0]
        return w

    def profile(self, *, sex: str, age: int, tibetan: bool) -> str:
        r = self.rng.random()
        if age <= 23 and r < 0.6:
            return "student"
        if sex == "female":
            if 25 <= age <= 42 and r < 0.3:
                return "mother"
            return self.pick((("service_f", 80), ("labourer", 12), ("guard", 8)))
        return self.pick(
            (("labourer", 45), ("skilled", 15 if tibetan else 35), ("service_m", 22), ("guard", 15 if age >= 28 else 0))
        )

    def availability(self, profile: str) -> int:
        rng = self.rng

        def bits(days, slots) -> int:
            return sum(availability_bit(d, s) for d in days for s in slots)

        if profile == "student":  # evenings on school days, all weekend
            return bits(range(5), (2,)) | bits((5, 6), (0, 1, 2))
        if profile == "mother":  # while the children are at school
            return bits(range(5), (0, 1) if rng.random() < 0.6 else (0,))
        days = list(range(7))
        if rng.random() < 0.4:
            days.remove(rng.randrange(7))
        slots = [0, 1]
        if rng.random() < (0.35 if profile in ("service_m", "guard") else 0.15):
            slots.append(2)
        if rng.random() < 0.06:
            slots = [0]
        return bits(days, slots)

    # --- jobs ----------------------------------------------------------------------------

    def pick_employer(self, *, before: datetime) -> _E:
        if not hasattr(self, "_employer_cum"):
            total, cum = 0.0, []
            for e in self.employers:
                total += e.weight
                cum.append(total)
            self._employer_cum = cum
        for _attempt in range(200):
            e = self.rng.choices(self.employers, cum_weights=self._employer_cum)[0]
            if e.created < before:
                return e
        eligible = [e for e in self.employers if e.created < before and e.weight > 0]
        return self.rng.choice(eligible) if eligible else self.employers[0]

    def new_job(
        self,
        emp: _E,
        kind: str,
        start: date,
        *,
        latest_end: date | None = None,
        min_end: date | None = None,
        fast: bool | None = None,
    ) -> _J:
        rng = self.rng
        job_type = self.pick(self.demand[emp.kind])
        slug = job_type.slug
        (start_s, end_s) = self.pick(data.HOURS.get(slug, data.DEFAULT_HOURS))
        start_time, end_time = _time(start_s), _time(end_s)
        if kind == JobKind.LONG_TERM:
            end = start + timedelta(days=rng.randint(29, 179))
        elif kind == JobKind.SHORT_TERM:
            end = start + timedelta(days=rng.randint(1, 13))
        else:
            end = start
        if min_end and end < min_end:
            end = min_end + timedelta(days=rng.randint(0, 20))
        if latest_end and end > latest_end:
            end = max(latest_end, start)
            if kind == JobKind.LONG_TERM and (end - start).days < 29:
                kind = JobKind.SHORT_TERM if end > start else JobKind.DAY_GIG
            elif kind == JobKind.SHORT_TERM and end == start:
                kind = JobKind.DAY_GIG
        if fast is None:
            fast = kind == JobKind.DAY_GIG and rng.random() < 0.2
        shift = Shift(start, end, start_time, end_time)
        start_minutes, end_minutes = shift.daily_minutes
        hours = (end_minutes - start_minutes) / 60
        headcount = self.pick(HEADCOUNTS[kind])
        pay_unit, pay_fen, day_pay = self.pay(job_type, kind, hours)
        address, lat, lon, meeting_point = self.job_place(emp, slug)
        if fast:
            channel = self.pick(((Channel.APP, 70), (Channel.WEB, 30)))
        elif emp.obj.kind == Employer.Kind.ENTERPRISE:
            channel = self.pick(((Channel.WINDOW, 35), (Channel.WEB, 30), (Channel.APP, 35)))
        else:
            channel = self.pick(((Channel.WINDOW, 45), (Channel.APP, 40), (Channel.KIOSK, 15)))
        station = emp.obj.station
        created_by = self.staff_by_station.get(station.id) if channel == Channel.WINDOW else emp.obj.user
        title = self.job_title(job_type, kind, fast, hours, (end - start).days + 1)
        description = rng.choice(data.DUTIES.get(slug, ("",))) + rng.choice(data.PAY_NOTES)
        required = REQUIRED_SKILLS.get(slug, "") if rng.random() < 0.5 else ""
        problems = job_posting_problems(title, description, required, meeting_point)
        if problems:
            raise RuntimeError(f"demo job text breaks a posting rule: {problems} in {title} / {description}")
        needs_bo = rng.random() < (0.5 if emp.bo_flavour else 0.08)
        needs_zh = rng.random() < (0.3 if emp.kind in ("hotel", "supermarket") else 0.1)
        obj = Job(
            employer=emp.obj,
            job_type=job_type,
            title=title,
            description=description,
            headcount=headcount,
            pay_fen=pay_fen,
            pay_unit=pay_unit,
            kind=kind,
            start_date=start,
            end_date=end,
            start_time=start_time,
            end_time=end_time,
            address=address,
            meeting_point=meeting_point,
            lat=self.dec(lat),
            lon=self.dec(lon),
            required_skills=required,
            needs_zh=needs_zh,
            needs_bo=needs_bo,
            intensity=job_type.intensity,
            is_fast_channel=fast,
            station=station,
            channel=channel,
            created_by=created_by,
        )
        start_at = self.at(start, start_minutes)
        end_at = self.at(end, end_minutes)
        slot = next(i for i, (lo, hi) in enumerate(((0, 720), (720, 1080), (1080, 1440))) if lo <= start_minutes < hi)
        return _J(
            obj=obj, emp=emp, slug=slug, shift=shift, start_at=start_at, end_at=end_at, start_slot=slot, day_pay=day_pay
        )

    def pay(self, job_type: JobType, kind: str, hours: float) -> tuple[str, int, int]:
        """(unit, pay in fen, the day's pay in fen): day work 150-400 yuan, from the trade's typical pay."""
        rng = self.rng
        low = job_type.typical_pay_low_fen or 15000
        high = max(job_type.typical_pay_high_fen or 30000, low)
        day_pay = int(round(rng.uniform(low, high), -3))  # whole 10 yuan
        if hours <= 5:  # half a day
            day_pay = max(8000, int(round(day_pay * 0.6, -3)))
        unit = job_type.default_pay_unit
        if unit == PayUnit.PIECE and job_type.slug in data.PIECE_RATES and rng.random() < 0.6:
            lo, hi, _what = data.PIECE_RATES[job_type.slug]
            return PayUnit.PIECE, int(round(rng.uniform(lo, hi) / 50) * 50), day_pay
        if unit == PayUnit.HOUR and kind != JobKind.LONG_TERM:
            return PayUnit.HOUR, max(1500, int(round(day_pay / 8, -2))), day_pay
        if kind == JobKind.LONG_TERM and (unit == PayUnit.MONTH or rng.random() < 0.6):
            return PayUnit.MONTH, int(round(day_pay * 26, -4)), day_pay
        return PayUnit.DAY, day_pay, day_pay

    def job_place(self, emp: _E, slug: str) -> tuple[str, float, float, str]:
        rng = self.rng
        on_site = (
            emp.kind in ("restaurant", "hotel", "supermarket")
            or (emp.kind == "logistics" and slug != "mover")
            or emp.kind == "household"
        )
        if on_site:
            lat, lon = self.point(emp.lat, emp.lon, 0.0003)
            meeting = rng.choice(("", "", "员工通道", "后门", "前台")) if emp.kind != "household" else ""
            if meeting:
                meeting = emp.obj.address.removeprefix("拉萨市城关区") + meeting
            return emp.obj.address, lat, lon, meeting
        if rng.random() < 0.6:
            community = rng.choice(data.COMMUNITIES)
            compound = rng.choice(data.RESIDENTIAL_COMPOUNDS)
            address = f"拉萨市城关区{community[0]}{compound}{rng.randint(1, 20)}栋"
            lat, lon = self.point(community[1], community[2], 0.002)
        else:
            street = rng.choice(data.STREETS)
            compound = rng.choice(data.RESIDENTIAL_COMPOUNDS)
            address = f"拉萨市城关区{street[0]}{rng.randint(1, 260)}号"
            lat, lon = self.point(street[1], street[2], 0.002)
        street, cross = rng.sample(data.STREETS, 2)
        meeting = rng.choice(data.MEETING_POINTS).format(
            street=street[0],
            cross=cross[0],
            n=rng.randint(1, 260),
            compound=compound,
            station=self.nearest_station(lat, lon).name_zh,
        )
        return address, lat, lon, meeting

    def job_title(self, job_type: JobType, kind: str, fast: bool, hours: float, days: int) -> str:
        name = job_type.name_zh
        prefix = "急招" if fast else self.rng.choice(("", "招聘", ""))
        if kind == JobKind.DAY_GIG:
            suffix = "（半天）" if hours <= 5 else "（日结）"
        elif kind == JobKind.SHORT_TERM:
            suffix = f"（{days}天）"
        else:
            suffix = "（长期）"
        return f"{prefix}{name}{suffix}"

    def schedule(self, job: _J, *, lead_minutes: int, not_before: datetime | None = None) -> None:
        """When the job was posted: `lead_minutes` before its start, before today, after its employer."""
        created = job.start_at - timedelta(minutes=lead_minutes)
        created = self.before_midnight(created, slack_minutes=self.rng.randint(5, 600))
        floor = max(job.emp.created, not_before or job.emp.created) + timedelta(minutes=30)
        if created < floor:
            created = floor
        job.created = created
        job.published = self.before_midnight(created + timedelta(minutes=self.rng.randint(1, 15)))
        if job.published < job.created:
            job.published = job.created

    def lead(self, kind: str, fast: bool) -> int:
        rng = self.rng
        if fast:
            return rng.randint(30, 600)
        if kind == JobKind.DAY_GIG:
            return rng.randint(120, 3 * 1440)
        if kind == JobKind.SHORT_TERM:
            return rng.randint(1440, 5 * 1440)
        return rng.randint(3 * 1440, 20 * 1440)

    def fits(self, w: _W, job: _J) -> bool:
        """Would the matching propose this worker? And is the worker free then?"""
        o = job.obj
        if id(w) in job.workers or w.created >= job.created:
            return False
        if w.max_intensity < o.intensity or (o.needs_bo and not w.speaks_bo) or (o.needs_zh and not w.speaks_zh):
            return False
        if o.start_date < w.adult_from and (
            o.intensity >= 3 or job.end_at.date() > job.shift.end_date or o.kind == JobKind.LONG_TERM
        ):
            return False  # juvenile workers: no heavy work, no nights, nothing long
        if not (w.mask >> (o.start_date.weekday() * 3 + job.start_slot)) & 1:
            return False
        if job.day_pay < w.min_pay:
            return False
        if _km(w.lat, w.lon, float(o.lat), float(o.lon)) > w.travel_km + 3:
            return False
        first, last = o.start_date.toordinal(), job.end_at.date().toordinal()
        if any(day in w.busy for day in range(first, last + 1)):
            return False
        return not any(shifts_overlap(job.shift, other) for other in w.shifts)

    def find_worker(self, job: _J, *, strict: bool = True) -> _W | None:
        rng = self.rng
        demo = self.workers[0] if self.workers else None
        pool = self.by_trade.get(job.obj.job_type_id, [])
        related = self.related.get(job.obj.job_type_id, [])
        if (
            demo is not None
            and pool
            and demo in pool
            and len(demo.shifts) < 25
            and rng.random() < 0.3
            and self.fits(demo, job)
        ):
            return demo
        for _attempt in range(40):
            r = rng.random()
            if r < 0.85 and pool:
                w = pool[rng.randrange(len(pool))]
            elif r < 0.95 and related:
                other = self.by_trade.get(rng.choice(related)) or self.workers
                w = other[rng.randrange(len(other))]
            else:
                w = self.workers[rng.randrange(len(self.workers))]
            if not strict:
                if id(w) not in job.workers and w.created < job.created:
                    return w
            elif self.fits(w, job):
                return w
        return None

    def occupy(self, w: _W, job: _J) -> None:
        for day in range(job.obj.start_date.toordinal(), job.end_at.date().toordinal() + 1):
            w.busy.add(day)
        w.shifts.append(job.shift)

    def propose(self, job: _J, w: _W, *, status: str, upper: datetime, placement_status: str | None = None) -> None:
        """One application (and a placement when it was placed), with believable times."""
        rng = self.rng
        job.workers.add(id(w))
        if placement_status is None:
            channel = self.pick(((Channel.APP, 45), (Channel.WEB, 15), (Channel.KIOSK, 20), (Channel.WINDOW, 20)))
        else:
            channel = self.pick(PLACEMENT_CHANNELS)
        if job.obj.is_fast_channel and rng.random() < 0.6:
            origin = ApplicationOrigin.DISPATCH
        elif channel == Channel.WINDOW:
            origin = self.pick(
                ((ApplicationOrigin.STAFF, 70), (ApplicationOrigin.EMPLOYER, 15), (ApplicationOrigin.WORKER, 15))
            )
        elif channel == Channel.KIOSK:
            origin = self.pick(((ApplicationOrigin.WORKER, 85), (ApplicationOrigin.STAFF, 15)))
        else:
            origin = self.pick(((ApplicationOrigin.WORKER, 60), (ApplicationOrigin.EMPLOYER, 40)))
        if status == ApplicationStatus.ACCEPTED_BY_WORKER and origin == ApplicationOrigin.EMPLOYER:
            origin = ApplicationOrigin.WORKER
        if status == ApplicationStatus.ACCEPTED_BY_EMPLOYER:
            origin = ApplicationOrigin.EMPLOYER
        station = None
        if channel in OFFLINE_CHANNELS:
            station = w.station if rng.random() < 0.7 else job.obj.station
        proposed_by = {
            ApplicationOrigin.STAFF: self.staff_by_station.get((station or job.obj.station).id),
            ApplicationOrigin.EMPLOYER: job.emp.obj.user,
            ApplicationOrigin.WORKER: w.user,
        }.get(origin)
        # Proposed after the job was published and the worker registered, before the job starts
        # (`upper`) and before today; placed a little later, still before today.
        last_moment = self.midnight - timedelta(seconds=1)
        lower = max(job.published, w.created) + timedelta(minutes=5)
        upper = min(upper, self.midnight - timedelta(minutes=2))
        if upper <= lower:
            created = min(lower, self.midnight - timedelta(seconds=30))
        else:
            created = lower + timedelta(seconds=rng.randint(0, int((upper - lower).total_seconds())))
        app = Application(
            job=job.obj,
            worker=w.obj,
            origin=origin,
            channel=channel,
            status=status,
            station=station,
            proposed_by=proposed_by,
        )
        if (
            origin == ApplicationOrigin.STAFF
            and job.obj.kind == JobKind.LONG_TERM
            and (job.start_at - created) > timedelta(days=2)
        ):
            app.interview_at = self.at(created.date() + timedelta(days=1), 600)
            app.interview_place = job.obj.address
        if placement_status is None:
            updated = (
                created
                if status == ApplicationStatus.PROPOSED
                else self.before_midnight(created + timedelta(minutes=rng.randint(10, 1440)))
            )
            self.applications.append((app, created, max(updated, created)))
            self.event(
                app,
                "application_create",
                created,
                actor=proposed_by,
                to_state=ApplicationStatus.PROPOSED,
                station=station,
                channel=channel,
                data_={"origin": origin},
            )
            return
        placed_at = created + timedelta(minutes=rng.randint(2, 240))
        if placed_at > upper:
            placed_at = max(created + timedelta(seconds=10), upper)
        placed_at = min(placed_at, last_moment)
        placement = Placement(
            job=job.obj,
            worker=w.obj,
            application=app,
            status=placement_status,
            channel=channel,
            station=station or job.obj.station,
            start_date=job.obj.start_date,
            end_date=job.obj.end_date,
            start_time=job.obj.start_time,
            end_time=job.obj.end_time,
        )
        if placement_status == PlacementStatus.COMPLETED:
            placement_updated = self.before_midnight(job.end_at + timedelta(minutes=rng.randint(0, 10)))
        elif placement_status == PlacementStatus.CANCELLED:
            placement_updated = self.before_midnight(placed_at + timedelta(minutes=rng.randint(30, 1440)))
        else:
            placement_updated = placed_at
        self.applications.append((app, created, placed_at))
        self.placements.append((placement, placed_at, max(placement_updated, placed_at)))
        self.event(
            app,
            "application_create",
            created,
            actor=proposed_by,
            to_state=ApplicationStatus.PROPOSED,
            station=station,
            channel=channel,
            data_={"origin": origin},
        )
        self.event(
            placement,
            "placement_create",
            placed_at,
            actor=proposed_by,
            to_state=PlacementStatus.ACTIVE,
            station=placement.station,
            channel=channel,
        )
        if placement_status == PlacementStatus.CANCELLED:
            self.event(
                placement,
                "placement_cancel",
                placement_updated,
                from_state=PlacementStatus.ACTIVE,
                to_state=PlacementStatus.CANCELLED,
                channel=Channel.WINDOW,
                actor=self.staff_by_station.get(job.obj.station.id),
                data_={"reason": "雇主临时取消"},
            )
        if placement_status != PlacementStatus.CANCELLED:
            job.placed += 1
            job.last_placed = max(job.last_placed or placed_at, placed_at)
            job.held.append(placement)
            self.occupy(w, job)

    def place(self, job: _J, count: int, *, placement_status: str, upper: datetime) -> int:
        placed = 0
        for _ in range(count):
            w = self.find_worker(job)
            if w is None:
                break
            self.propose(job, w, status=ApplicationStatus.PLACED, upper=upper, placement_status=placement_status)
            placed += 1
        return placed

    def also_proposed(self, job: _J, statuses: tuple[tuple[str, int], ...], count: int, *, upper: datetime) -> None:
        for _ in range(count):
            w = self.find_worker(job, strict=False)
            if w is None:
                return
            self.propose(job, w, status=self.pick(statuses), upper=upper)

    def make_jobs(self) -> None:
        self.make_past_jobs()
        self.make_current_jobs()
        self.make_open_jobs()

    def make_past_jobs(self) -> None:
        """The last three months: completed, expired and cancelled jobs, with their hires."""
        rng = self.rng
        for days_ago in range(self.scale.history_days, 0, -1):
            day = self.today - timedelta(days=days_ago)
            rate = self.scale.past_jobs_per_day * (1.15 if day.weekday() < 5 else 0.75) * rng.uniform(0.75, 1.25)
            count = int(rate) + (rng.random() < rate - int(rate))
            for _ in range(count):
                emp = self.pick_employer(before=self.at(day - timedelta(days=20), 0))
                kind = self.pick(tuple(zip(KINDS, data.KIND_MIX[emp.kind], strict=True)))
                job = self.new_job(emp, kind, day, latest_end=self.today - timedelta(days=1))
                if job.end_at > self.midnight:
                    continue  # last night's night shift is still on: not history yet
                self.schedule(job, lead_minutes=self.lead(job.obj.kind, job.obj.is_fast_channel))
                r = rng.random()
                status = JobStatus.COMPLETED if r < 0.72 else JobStatus.EXPIRED if r < 0.88 else JobStatus.CANCELLED
                headcount = job.obj.headcount
                upper = job.start_at - timedelta(minutes=20)
                if status == JobStatus.COMPLETED:
                    wanted = headcount if rng.random() < 0.8 else rng.randint(1, headcount)
                    if self.place(job, wanted, placement_status=PlacementStatus.COMPLETED, upper=upper) == 0:
                        status = JobStatus.EXPIRED
                elif status == JobStatus.CANCELLED and rng.random() < 0.2:
                    self.place(job, 1, placement_status=PlacementStatus.CANCELLED, upper=upper)
                closed = CLOSED_AFTER_COMPLETION if status == JobStatus.COMPLETED else CLOSED_UNFILLED
                self.also_proposed(job, closed, self.pick(((0, 45), (1, 30), (2, 18), (3, 7))), upper=upper)
                self.finish(job, status)

    def make_current_jobs(self) -> None:
        """Jobs under way today, and jobs of the coming days already fully booked."""
        rng = self.rng
        for _ in range(self.scale.current_jobs):
            under_way = rng.random() < 0.6
            if under_way:
                started = rng.randint(1, 40)
                start = self.today - timedelta(days=started)
                emp = self.pick_employer(before=self.at(start - timedelta(days=20), 0))
                kind = JobKind.LONG_TERM if started > 12 or rng.random() < 0.5 else JobKind.SHORT_TERM
                job = self.new_job(emp, kind, start, min_end=self.today)
            else:
                start = self.today + timedelta(days=rng.randint(0, 6))
                emp = self.pick_employer(before=self.at(self.today - timedelta(days=3), 0))
                kind = self.pick(tuple(zip(KINDS, data.KIND_MIX[emp.kind], strict=True)))
                job = self.new_job(emp, kind, start)
            self.schedule(job, lead_minutes=self.lead(job.obj.kind, job.obj.is_fast_channel))
            upper = min(job.start_at - timedelta(minutes=20), self.midnight)
            wanted = rng.randint(1, job.obj.headcount) if under_way else job.obj.headcount
            placed = self.place(job, wanted, placement_status=PlacementStatus.ACTIVE, upper=upper)
            if placed == 0:
                continue  # nobody found: leave it out rather than pretend
            if not under_way:
                job.obj.headcount = placed  # booked out: the employer asked for as many as came
            self.also_proposed(
                job,
                ((ApplicationStatus.DECLINED, 60), (ApplicationStatus.WITHDRAWN, 40)),
                self.pick(((0, 60), (1, 30), (2, 10))),
                upper=upper,
            )
            self.finish(job, JobStatus.IN_PROGRESS if under_way else JobStatus.FILLED)

    def make_open_jobs(self) -> None:
        """Open jobs: today's and this week's day gigs, short and long jobs; headcounts sum to the target."""
        rng = self.rng
        jobs: list[_J] = []
        demo_employer = self.employers[0]
        for index in range(self.scale.open_jobs):
            emp = demo_employer if index < 3 and demo_employer.weight > 0 else None
            kind = None
            if emp is None:
                r = rng.random()
                if r < 0.35:
                    start = self.today
                elif r < 0.7:
                    start = self.today + timedelta(days=1)
                else:
                    start = self.today + timedelta(days=rng.randint(2, 6))
                emp = self.pick_employer(before=self.at(start - timedelta(days=3), 0))
                kind = self.pick(tuple(zip(KINDS, data.KIND_MIX[emp.kind], strict=True)))
            else:
                start = self.today + timedelta(days=index)
                kind = (JobKind.DAY_GIG, JobKind.SHORT_TERM, JobKind.LONG_TERM)[index]
            if kind == JobKind.SHORT_TERM:
                start = self.today + timedelta(days=rng.randint(0, 10))
            min_end = None
            if kind == JobKind.LONG_TERM:
                if rng.random() < 0.15:  # still recruiting for a job that has begun
                    start = self.today - timedelta(days=rng.randint(1, 30))
                    min_end = self.today + timedelta(days=29)
                else:
                    start = self.today + timedelta(days=rng.randint(1, 30))
            job = self.new_job(emp, kind, start, min_end=min_end)
            self.schedule(
                job,
                lead_minutes=self.lead(job.obj.kind, job.obj.is_fast_channel),
                not_before=self.midnight - timedelta(days=7) if start >= self.today else None,
            )
            jobs.append(job)
        self.fit_headcounts(jobs, self.scale.open_positions)
        demo_worker = self.workers[0] if self.workers else None
        for job in jobs:
            headcount = job.obj.headcount
            begun = job.obj.start_date < self.today
            upper = self.midnight if begun else min(job.start_at - timedelta(minutes=20), self.midnight)
            # Hires only for jobs that start after today: once a hired job's first shift has begun,
            # job_progress_sweep moves it to in progress, and it would no longer be open.
            if headcount > 1 and job.obj.start_date > self.today and rng.random() < 0.35:
                self.place(job, rng.randint(1, headcount - 1), placement_status=PlacementStatus.ACTIVE, upper=upper)
            waiting = (
                (ApplicationStatus.PROPOSED, 40),
                (ApplicationStatus.ACCEPTED_BY_WORKER, 35),
                (ApplicationStatus.ACCEPTED_BY_EMPLOYER, 25),
            )
            self.also_proposed(job, waiting, self.pick(((0, 35), (1, 30), (2, 20), (3, 15))), upper=upper)
            self.also_proposed(
                job,
                ((ApplicationStatus.DECLINED, 60), (ApplicationStatus.WITHDRAWN, 40)),
                self.pick(((0, 75), (1, 25))),
                upper=upper,
            )
            self.finish(job, JobStatus.OPEN)
        # The demo worker has an invitation waiting, so the worker door has something to show.
        if demo_worker is not None:
            trade_ids = {t.id for t, _l, _c in demo_worker.trades}
            for job in jobs:
                if (
                    job.obj.job_type_id in trade_ids
                    and id(demo_worker) not in job.workers
                    and (demo_worker.created < job.created)
                ):
                    self.propose(job, demo_worker, status=ApplicationStatus.ACCEPTED_BY_EMPLOYER, upper=self.midnight)
                    break

    def fit_headcounts(self, jobs: list[_J], target: int) -> None:
        """Nudge headcounts (by one place at a time) until they sum to the target exactly."""
        if not jobs:
            return
        rng = self.rng
        total = sum(j.obj.headcount for j in jobs)
        if target < len(jobs):
            raise RuntimeError("open positions must be at least the number of open jobs")
        while total != target:
            job = jobs[rng.randrange(len(jobs))]
            if total < target and job.obj.headcount < 30:
                job.obj.headcount += 1
                total += 1
            elif total > target and job.obj.headcount > 1:
                job.obj.headcount -= 1
                total -= 1

    def finish(self, job: _J, status: str) -> None:
        """Set the final state of a job and its timeline (services' verbs only)."""
        rng = self.rng
        o = job.obj
        o.status = status
        o.places_filled = job.placed
        o.published_at = job.published
        if job.placed > o.headcount:
            raise RuntimeError("a demo job got more placements than places")
        staff = self.staff_by_station.get(o.station_id or o.station.id)
        actor = o.created_by
        self.event(
            o, "job_create", job.created, actor=actor, to_state=JobStatus.DRAFT, station=o.station, channel=o.channel
        )
        self.event(
            o,
            "job_publish",
            job.published,
            actor=actor,
            from_state=JobStatus.DRAFT,
            to_state=JobStatus.OPEN,
            station=o.station,
            channel=o.channel,
        )
        updated = job.published
        if status == JobStatus.EXPIRED:
            updated = self.before_midnight(job.end_at + timedelta(minutes=rng.randint(1, 15)))
            self.event(o, "job_expire", updated, from_state=JobStatus.OPEN, to_state=JobStatus.EXPIRED)
        elif status == JobStatus.CANCELLED:
            updated = self.before_midnight(job.published + timedelta(minutes=rng.randint(30, 1440)))
            updated = max(updated, job.published)
            self.event(
                o,
                "job_cancel",
                updated,
                actor=staff if o.channel == Channel.WINDOW else actor,
                from_state=JobStatus.OPEN,
                to_state=JobStatus.CANCELLED,
                station=o.station,
                channel=o.channel,
            )
        else:
            # The course of time, as jobs.services.job_progress_sweep records it.
            full = job.placed == o.headcount
            if full:
                updated = job.last_placed or job.published
                self.event(
                    o,
                    "job_fill",
                    updated,
                    from_state=JobStatus.OPEN,
                    to_state=JobStatus.FILLED,
                    station=o.station,
                    channel=o.channel,
                )
            if status in (JobStatus.IN_PROGRESS, JobStatus.COMPLETED):
                updated = self.before_midnight(max(job.start_at, updated) + timedelta(minutes=rng.randint(0, 10)))
                self.event(
                    o,
                    "job_start",
                    updated,
                    from_state=JobStatus.FILLED if full else JobStatus.OPEN,
                    to_state=JobStatus.IN_PROGRESS,
                    station=o.station,
                )
            if status == JobStatus.COMPLETED:
                updated = self.before_midnight(max(job.end_at, updated) + timedelta(minutes=rng.randint(0, 10)))
                for placement in job.held:
                    self.event(
                        placement,
                        "placement_complete",
                        updated,
                        from_state=PlacementStatus.ACTIVE,
                        to_state=PlacementStatus.COMPLETED,
                        station=placement.station,
                    )
                self.event(
                    o,
                    "job_complete",
                    updated,
                    from_state=JobStatus.IN_PROGRESS,
                    to_state=JobStatus.COMPLETED,
                    station=o.station,
                )
        job.updated = max(updated, job.created)
        self.jobs.append(job)

    def write_jobs(self) -> None:
        Job.objects.bulk_create([j.obj for j in self.jobs], batch_size=1000)
        Application.objects.bulk_create([a for a, _c, _u in self.applications], batch_size=1000)
        Placement.objects.bulk_create([p for p, _c, _u in self.placements], batch_size=1000)
        _restamp(Job, [(j.obj.pk, j.created, j.updated) for j in self.jobs])
        _restamp(Application, [(a.pk, c, u) for a, c, u in self.applications])
        _restamp(Placement, [(p.pk, c, u) for p, c, u in self.placements])

    def protect_active_placements(self) -> None:
        """Give the placements still under way what every new placement gets.

        Confirmation, agreement, wage record and follow-up calls, as
        `placement_create` makes them; work already started counts as
        confirmed (by the district office, as the worker is at work).
        """
        from lingong.attendance.services import placement_confirm, placement_protection_create

        admin = self.accounts.get("admin")
        for placement, created, _updated in self.placements:
            if placement.status != PlacementStatus.ACTIVE:
                continue
            before = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            placement_protection_create(placement=placement, actor=None, channel=placement.channel, now=created)
            if placement.start_date <= self.today and admin is not None:
                placement_confirm(placement=placement, actor=admin, channel=Channel.WINDOW, now=created)
            # The services stamp their timeline "now"; the demo's history happened when the hire did.
            Event.objects.filter(pk__gt=before).update(created_at=created)

    # --- after the hires: the people's lives (life.py) -----------------------------------

    def live(self) -> None:
        """Hours, wages, credit, ratings, calls and two wage-arrears cases, each at its true time.

        Placements finished in the last `life_days` get what every placement
        gets (confirmation, agreement, wage record, follow-up calls) when they
        were made; then `life.placement_play` plays every seeded placement up to
        `now`, the daily wage sweep runs for each past day, and a rights officer
        handles the two arrears cases.
        """
        from lingong.agreements.terms import default_pay_due_date
        from lingong.attendance import schedule
        from lingong.attendance.services import placement_protection_create
        from lingong.credit.services import credit_record_placement_completed

        from . import life

        admin = self.accounts.get("admin")
        if admin is None or not self.placements:
            return
        self.employer_accounts()
        window_start = self.today - timedelta(days=self.scale.life_days)
        # Long jobs finished earlier stay history: every working day costs a ledger entry through the services.
        finished = [
            (p, created)
            for p, created, _u in self.placements
            if p.status == PlacementStatus.COMPLETED
            and p.end_date >= window_start
            and (p.end_date - p.start_date).days < LIFE_MAX_DAYS
        ]
        for placement, created in finished:
            with life.moment(created):
                placement_protection_create(placement=placement, actor=None, channel=placement.channel, now=created)
            done_at = schedule.last_end(schedule.shift_of(placement)) + timedelta(minutes=5)
            with life.moment(done_at):
                credit_record_placement_completed(placement=placement, now=done_at)
        # Two employers who did not pay: wages due 12-30 days ago, two different employers, not the demo's.
        demo_employer = self.employers[0].obj.pk if self.employers else None
        arrears, employers = [], set()
        for placement, _created in sorted(
            finished, key=lambda pc: (-default_pay_due_date(pc[0].job).toordinal(), pc[0].pk)
        ):
            due = default_pay_due_date(placement.job)
            employer_id = placement.job.employer_id
            if (
                self.today - timedelta(days=30) <= due <= self.today - timedelta(days=12)
                and employer_id != demo_employer
                and employer_id not in employers
            ):
                arrears.append(placement.pk)
                employers.add(employer_id)
            if len(arrears) == 2:
                break
        # And one paid late: due two or three days ago, overdue and reminded, not yet passed to rights.
        late = [
            p.pk
            for p, _c in finished
            if self.today - timedelta(days=3) <= default_pay_due_date(p.job) <= self.today - timedelta(days=2)
            and p.job.employer_id != demo_employer
            and p.job.employer_id not in employers
        ][:1]
        with life.moment(self.midnight - timedelta(minutes=1)):
            flag = life.demo_flag_write(
                admin=admin,
                last_placement=max(p.pk for p, _c, _u in self.placements),
                arrears=arrears,
                late=late,
                seeded_on=self.today,
            )
        cast = life.Cast()
        for placement in life.seeded_placements(flag=flag, today=self.today):
            life.placement_play(placement, now=self.now, cast=cast, flag_data=flag.data, seeded_on=self.today)
        self.wage_sweeps(since=window_start)
        self.arrears_cases(arrears, cast=cast)

    def employer_accounts(self) -> None:
        """Employers who registered online have an account (they confirm hours, pay and rate themselves)."""
        User = get_user_model()
        users, employers = [], []
        for record in self.employers:
            e = record.obj
            if e.user_id is not None or e.channel not in (Channel.WEB, Channel.APP):
                continue
            while True:
                username = f"employer-{self.life_rng.getrandbits(48):012x}"
                if username not in self.usernames:
                    break
            self.usernames.add(username)
            e.user = User(
                username=username,
                password="!" + f"{self.life_rng.getrandbits(160):040x}",
                role=Role.EMPLOYER,
                first_name=e.contact_name[:150],
                date_joined=record.created,
            )
            users.append(e.user)
            employers.append(e)
        User.objects.bulk_create(users, batch_size=1000)
        for e in employers:
            e.user_id = e.user.pk
        Employer.objects.bulk_update(employers, ["user"], batch_size=1000)

    def wage_sweeps(self, *, since: date) -> None:
        """The daily wage sweep (09:00) as it ran on each past day, and today if 09:00 has passed."""
        from lingong.wages.services import wage_overdue_sweep

        from . import life

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
        from lingong.rights.models import MediationResult, RightsCase
        from lingong.rights.services import (
            mediation_record,
            rights_case_assign,
            rights_case_close,
            rights_case_decide,
        )
        from lingong.wages.models import PaymentMethod, WagePayment
        from lingong.wages.services import wage_mark_paid, wage_receipt_confirm

        from . import life

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
                rights_case_assign(case=case, officer=officer, actor=officer)
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

    def write_events(self) -> None:
        events, stamps = [], []
        types = {model: ct for model, ct in self.content_types.items()}
        for subject, verb, at, actor, from_state, to_state, station, channel, payload in self.events:
            events.append(
                Event(
                    subject_type=types[type(subject)],
                    subject_id=str(subject.pk),
                    verb=verb,
                    from_state=from_state,
                    to_state=to_state,
                    actor=actor,
                    station=station,
                    channel=channel,
                    data=payload,
                )
            )
            stamps.append(at)
        Event.objects.bulk_create(events, batch_size=2000)
        _restamp(Event, [(e.pk, at) for e, at in zip(events, stamps, strict=True)], fields=("created_at",))


# --- module helpers ------------------------------------------------------------------


def _bo_name(parts: list[str]) -> str:
    """Syllables joined by tsheg, closed by shad (with a tsheg after ང, as in ཚེ་རིང་།)."""
    text = "་".join(parts)
    return text + ("་།" if text.endswith("ང") else "།")


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # born on 29 February: of age on 1 March
        return date(day.year + years, 3, 1)


def _time(text: str) -> time:
    hours, minutes = (int(part) for part in text.split(":"))
    return time(0, minutes) if hours == 24 else time(hours, minutes)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return math.hypot((lat1 - lat2) * KM_PER_DEG_LAT, (lon1 - lon2) * KM_PER_DEG_LON)


def _restamp(
    model: type[models.Model], rows: list[tuple], *, fields: tuple[str, ...] = ("created_at", "updated_at")
) -> None:
    """Give bulk-created rows their past timestamps (auto_now_add would say "now").

    One UPDATE per row by primary key through executemany: fast on SQLite and
    PostgreSQL alike, and values are adapted as the ORM adapts them.
    """
    if not rows:
        return
    ops = connection.ops
    table = ops.quote_name(model._meta.db_table)
    columns = [model._meta.get_field(name).column for name in fields]
    assignments = ", ".join(f"{ops.quote_name(column)} = %s" for column in columns)
    sql = f"UPDATE {table} SET {assignments} WHERE {ops.quote_name(model._meta.pk.column)} = %s"
    params = [[ops.adapt_datetimefield_value(value) for value in row[1 : 1 + len(fields)]] + [row[0]] for row in rows]
    with connection.cursor() as cursor:
        for start in range(0, len(params), 5000):
            cursor.executemany(sql, params[start : start + 5000])
