"""Workers and employers: identities (names, ID numbers, phones, USCCs) and their profiles."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model

from lingong.accounts.models import Role
from lingong.core.idnumber import (
    check_character,
    validate_resident_id,
    worker_age_check,
)
from lingong.core.models import OFFLINE_CHANNELS, Channel
from lingong.core.personal import personal_protect
from lingong.core.phone import validate_mobile_phone
from lingong.core.uscc import (
    organisation_check_character,
    uscc_check_character,
    validate_uscc,
)
from lingong.employers.models import Employer
from lingong.workers.models import Consent, Worker, WorkerTrade, availability_bit

from . import data
from .records import (
    _E,
    _W,
    USCC_BODY,
    _bo_name,
    _km,
    _restamp,
    _years_after,
    _years_before,
)


class PeopleSteps:
    """Build the district's employers and workers, with valid, unique, protected identities."""

    # --- identities ------------------------------------------------------------

    def person_name(self, *, tibetan: bool, sex: str) -> tuple[str, str]:
        """A Chinese and a Tibetan name that fit the person's sex and language, as the kiosk would take them."""
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
        """A birthday giving exactly this age on `today`, so ages stay true on any day the seed is run."""
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
        """The six-digit home division of the ID number: local for Tibetans, from elsewhere for many others."""
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
        """A unique valid mobile number (uniqueness is a rule of the services too)."""
        while True:
            number = self.rng.choice(data.MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self.phones:
                break
        self.phones.add(number)
        return validate_mobile_phone(number)

    def uscc(self, *, individual_business: bool) -> str:
        """A unique valid unified social credit code, with its check characters, for an employer."""
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
        """Random hex from the seeded stream, so even tokens repeat with the seed."""
        return f"{self.rng.getrandbits(4 * length):0{length}x}"

    # --- employers -----------------------------------------------------------------

    def make_employers(self) -> None:
        """Enterprises and individual employers in the proportions of the seeds, the demo's own employer first."""
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
        """An enterprise employer with a valid USCC and a name from its trade's patterns."""
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
        """A unique enterprise name: the registry refuses two employers of one name."""
        for _attempt in range(40):
            name = self.rng.choice(patterns).format(b=self.rng.choice(data.BRANDS))
            if name not in self.employer_names:
                return name
        while True:
            name = self.rng.choice(patterns).format(b=self.rng.choice(data.BRANDS) + self.rng.choice(data.BRANDS))
            if name not in self.employer_names:
                return name

    def individual(self) -> _E:
        """A private person who hires (households, small shops): no USCC, a verified ID."""
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
        """What every employer has, whatever its kind: place, verification, channel, record."""
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
        """Workers with protected identities, trades and availability, bulk-written with their true dates."""
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
            if w.channel == Channel.KIOSK and (kiosk := self.kiosk_at(w.station)) is not None:
                self.kiosk_session(kiosk, w, w.created, way="register")  # registered there: signed in there
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
        """One worker: age, language, trades and reach drawn from the profile the district shows."""
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
        """Which kind of worker (labourer, skilled, carer, ...) decides trades, hours and pay wanted."""
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
        """The weekly availability bits a worker of this profile declares at registration."""
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
