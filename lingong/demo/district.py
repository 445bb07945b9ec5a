"""Reference data, demo accounts and kiosks: what the district has before its people.

Permissions follow each account's role (lingong/accounts/roles.py); the demo makes no groups.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django_otp.plugins.otp_totp.models import TOTPDevice

from lingong.accounts.models import Role
from lingong.accounts.second_factor import DEVICE_NAME, second_factor_role
from lingong.core.models import Channel, Event
from lingong.employers.models import Employer
from lingong.jobs.models import (
    Application,
    Job,
    Placement,
)
from lingong.stations.models import Kiosk, Station
from lingong.stations.services import kiosk_register
from lingong.trades.models import JobType
from lingong.workers.models import Worker

from . import data
from .records import (
    DEMO_ACCOUNTS,
    DEMO_SECOND_FACTOR_KEY,
    STATION_WEIGHTS,
    _restamp,
)

# How the demo's workers sign in at a kiosk: mostly the ID card, some with the phone's codes.
KIOSK_SIGN_IN_WAYS = ("card", "personal_code", "qr", "typed")
KIOSK_SIGN_IN_WEIGHTS = (60, 15, 15, 10)


class DistrictSteps:
    """The first steps of the build: stations and trades read, staff accounts, kiosks."""

    def load_reference(self) -> None:
        """Stations and trades come from the migrations; the demo only reads them, so it fails early without them."""
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
            model: ContentType.objects.get_for_model(model)
            for model in (Worker, Employer, Job, Application, Placement, Kiosk)
        }

    # --- accounts ----------------------------------------------------------------

    def make_accounts(self) -> None:
        """The documented demo logins (README), so anyone can try every role at once."""
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
            if second_factor_role(user):
                TOTPDevice.objects.update_or_create(
                    user=user,
                    name=DEVICE_NAME,
                    defaults={"key": DEMO_SECOND_FACTOR_KEY.hex(), "confirmed": True},
                )
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
        if admin is not None:
            registered = []
            for station in self.station_list:
                for number in range(1, (3 if station.kind == Station.Kind.MARKET else 1) + 1):
                    code = f"{station.code}-{number}"
                    if Kiosk.objects.filter(code=code).exists():
                        continue
                    # The label is a number: it reads the same on a Chinese and on a Tibetan screen.
                    kiosk, _secret = kiosk_register(station=station, code=code, label=str(number), actor=admin)
                    registered.append(str(kiosk.pk))
            # The kiosks were installed when the stations opened, not today.
            installed = self.at(self.today - timedelta(days=400), 600)
            events = Event.objects.filter(
                verb="kiosk_register", subject_id__in=registered, subject_type=ContentType.objects.get_for_model(Kiosk)
            )
            _restamp(Event, [(pk, installed) for pk in events.values_list("pk", flat=True)], fields=("created_at",))
        self.kiosks_by_station: dict[int, list[Kiosk]] = {}
        for kiosk in Kiosk.objects.filter(is_active=True).select_related("station").order_by("code"):
            self.kiosks_by_station.setdefault(kiosk.station_id, []).append(kiosk)

    def kiosk_at(self, station) -> Kiosk | None:
        """One of the station's kiosks (drawn from the kiosks' own stream: the district stays the same)."""
        kiosks = self.kiosks_by_station.get(station.id) if station is not None else None
        return kiosks[self.kiosk_rng.randrange(len(kiosks))] if kiosks else None

    def kiosk_session(self, kiosk: Kiosk, w, at, *, way: str = "") -> None:
        """A worker signed in at a kiosk (`kiosk_services.kiosk_session_start`'s timeline event)."""
        if not way:
            way = self.kiosk_rng.choices(KIOSK_SIGN_IN_WAYS, weights=KIOSK_SIGN_IN_WEIGHTS)[0]
        self.event(
            kiosk, "kiosk_sign_in", at, actor=w.user, station=kiosk.station, channel=Channel.KIOSK, data_={"way": way}
        )
