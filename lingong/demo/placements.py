"""Applications and placements, and the placements' life after the hire (played through life.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model

from lingong.accounts.models import Role
from lingong.agreements.terms import default_pay_due_date
from lingong.attendance import schedule
from lingong.attendance.services import placement_confirm
from lingong.core.models import OFFLINE_CHANNELS, Channel, Event
from lingong.credit.services import credit_record_placement_completed
from lingong.employers.models import Employer
from lingong.jobs.models import (
    Application,
    ApplicationOrigin,
    ApplicationStatus,
    JobKind,
    JobStatus,
    Placement,
    PlacementStatus,
)
from lingong.jobs.shifts import shifts_overlap
from lingong.lifecycle.placement import placement_protection_create
from lingong.trades.models import PayUnit

from . import life
from .records import (
    _J,
    _W,
    LIFE_MAX_DAYS,
    PLACEMENT_CHANNELS,
    _km,
)


class PlacementsSteps:
    """Fill jobs with fitting workers (no overlapping shifts), close them, then play what followed."""

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
        """The nearest fitting free worker (loosened when strict finds none, as staff would)."""
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
        """Mark the worker busy on the job's days: a worker never holds two placements on one day."""
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
        # The worker said yes at a kiosk: applied there, or (placed on the channel kiosk) took the offer there.
        kiosk = None
        if channel == Channel.KIOSK and (origin == ApplicationOrigin.WORKER or placement_status is not None):
            kiosk = self.kiosk_at(station)
        app = Application(
            job=job.obj,
            worker=w.obj,
            origin=origin,
            channel=channel,
            status=status,
            station=station,
            kiosk=kiosk,
            proposed_by=proposed_by,
        )
        if (
            origin == ApplicationOrigin.STAFF
            and job.obj.kind == JobKind.LONG_TERM
            and (job.start_at - created) > timedelta(days=2)
        ):
            app.interview_at = self.at(created.date() + timedelta(days=1), 600)
            app.interview_place = job.obj.address
        if kiosk is not None and origin == ApplicationOrigin.WORKER:
            self.kiosk_visits(kiosk, w, said_yes=created)
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
            kiosk=kiosk,
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
        if kiosk is not None and origin != ApplicationOrigin.WORKER:
            self.kiosk_visits(kiosk, w, said_yes=placed_at)
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

    def kiosk_visits(self, kiosk, w: _W, *, said_yes: datetime) -> None:
        """The worker signed in at the kiosk minutes before saying yes there, and often came to look before."""
        rng = self.kiosk_rng
        self.kiosk_session(kiosk, w, max(said_yes - timedelta(minutes=rng.randint(1, 6)), w.created))
        if rng.random() < 0.7:  # an earlier visit that only looked, within the days before
            earlier = said_yes - timedelta(minutes=rng.randint(60, 5 * 1440))
            if earlier > w.created:
                self.kiosk_session(kiosk, w, earlier)

    def place(self, job: _J, count: int, *, placement_status: str, upper: datetime) -> int:
        """Hire up to `count` workers for a job; returns how many were placed."""
        placed = 0
        for _ in range(count):
            w = self.find_worker(job)
            if w is None:
                break
            self.propose(job, w, status=ApplicationStatus.PLACED, upper=upper, placement_status=placement_status)
            placed += 1
        return placed

    def also_proposed(self, job: _J, statuses: tuple[tuple[str, int], ...], count: int, *, upper: datetime) -> None:
        """Other applicants who were declined, withdrew or expired, as real jobs have."""
        for _ in range(count):
            w = self.find_worker(job, strict=False)
            if w is None:
                return
            self.propose(job, w, status=self.pick(statuses), upper=upper)

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

    def protect_active_placements(self) -> None:
        """Give the placements still under way what every new placement gets.

        Confirmation, agreement, wage record and follow-up calls, as
        `placement_create` makes them; work already started counts as
        confirmed (by the district office, as the worker is at work).
        """

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
        # Only wages the confirmed hours make owed: a piece-rate wage owes nothing until its pieces are counted,
        # so it never falls overdue (on some days the only candidate was one).
        demo_employer = self.employers[0].obj.pk if self.employers else None
        owed_by_hours = [pc for pc in finished if pc[0].job.pay_unit != PayUnit.PIECE]
        arrears, employers = [], set()
        for placement, _created in sorted(
            owed_by_hours, key=lambda pc: (-default_pay_due_date(pc[0].job).toordinal(), pc[0].pk)
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
            for p, _c in owed_by_hours
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
