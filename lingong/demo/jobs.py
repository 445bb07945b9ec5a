"""Jobs: past, current and open postings with their pay, places and shifts, then written in bulk."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import cached_property

from django.conf import settings

from lingong.core.models import Channel
from lingong.employers.models import Employer
from lingong.jobs.models import (
    Application,
    ApplicationStatus,
    Job,
    JobKind,
    JobStatus,
    Placement,
    PlacementStatus,
)
from lingong.jobs.rules import MinimumWage, minimum_pay_fen, working_hours
from lingong.jobs.services import job_create, job_posting_findings
from lingong.jobs.shifts import Shift
from lingong.trades.models import JobType, PayUnit

from . import data, life
from .records import (
    _E,
    _J,
    CLOSED_AFTER_COMPLETION,
    CLOSED_UNFILLED,
    HEADCOUNTS,
    KINDS,
    REQUIRED_SKILLS,
    _restamp,
    _time,
)


class JobsSteps:
    """Post the district's jobs over the history window and keep the open positions to the scale's target."""

    # --- jobs ----------------------------------------------------------------------------

    @cached_property
    def wage(self) -> MinimumWage:
        standard = settings.LINGONG_MINIMUM_WAGE
        return MinimumWage(monthly_fen=standard["monthly_fen"], hourly_fen=standard["hourly_fen"])

    def pick_employer(self, *, before: datetime) -> _E:
        """An employer already registered at that moment, weighted by how much it hires."""
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
        """A job that passes the posting rules, with its shift and pay; places are filled later."""
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
        findings = job_posting_findings(obj)
        if findings:
            raise RuntimeError(
                f"demo job fails a posting check: {[f.code for f in findings]} in {title} / {description}"
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
            day_pay = int(round(day_pay * 0.6, -3))
        # Never below the minimum wage (the posting checks would refuse it): rounded up to whole 10 yuan.
        floor = minimum_pay_fen(pay_unit=PayUnit.DAY, hours=working_hours((0, round(hours * 60))), standard=self.wage)
        day_pay = max(day_pay, -(-floor // 1000) * 1000)
        unit = job_type.default_pay_unit
        if unit == PayUnit.PIECE and job_type.slug in data.PIECE_RATES and rng.random() < 0.6:
            lo, hi, _what = data.PIECE_RATES[job_type.slug]
            return PayUnit.PIECE, int(round(rng.uniform(lo, hi) / 50) * 50), day_pay
        if unit == PayUnit.HOUR and kind != JobKind.LONG_TERM:
            return PayUnit.HOUR, max(self.wage.hourly_fen, int(round(day_pay / 8, -2))), day_pay
        if kind == JobKind.LONG_TERM and (unit == PayUnit.MONTH or rng.random() < 0.6):
            return PayUnit.MONTH, int(round(day_pay * 26, -4)), day_pay
        return PayUnit.DAY, day_pay, day_pay

    def job_place(self, emp: _E, slug: str) -> tuple[str, float, float, str]:
        """Where the work is: the employer's premises or a site nearby, with its station."""
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
        """A title as employers write them (trade, duration, fast jobs marked)."""
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
        """How long before the start a job of this kind is usually posted."""
        rng = self.rng
        if fast:
            return rng.randint(30, 600)
        if kind == JobKind.DAY_GIG:
            return rng.randint(120, 3 * 1440)
        if kind == JobKind.SHORT_TERM:
            return rng.randint(1440, 5 * 1440)
        return rng.randint(3 * 1440, 20 * 1440)

    def make_jobs(self) -> None:
        """Past, current and open jobs, in that order, as they would have been posted."""
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

    def write_jobs(self) -> None:
        """Bulk-write jobs with their places filled and their true posting dates."""
        Job.objects.bulk_create([j.obj for j in self.jobs], batch_size=1000)
        Application.objects.bulk_create([a for a, _c, _u in self.applications], batch_size=1000)
        Placement.objects.bulk_create([p for p, _c, _u in self.placements], batch_size=1000)
        _restamp(Job, [(j.obj.pk, j.created, j.updated) for j in self.jobs])
        _restamp(Application, [(a.pk, c, u) for a, c, u in self.applications])
        _restamp(Placement, [(p.pk, c, u) for p, c, u in self.placements])

    # --- postings the checks held (docs/posting-checks.md) ------------------------------

    def post_for_review(self) -> None:
        """Two of the demo employer's postings wait in the market's review list, as the checks hold some each day:
        an age limit and a pay far above the trade's. Posted through the service, so the checks decide."""
        record = self.employers[0] if self.employers else None
        if record is None or record.obj.user_id is None:
            return
        employer = record.obj
        mover = JobType.objects.get(slug="mover")
        for days_ahead, description, pay_fen in (
            (2, "搬运家具，年龄18-50岁", 30000),
            (3, "搬运建材，日结", mover.typical_pay_high_fen * 4),
        ):
            start = self.today + timedelta(days=days_ahead)
            with life.moment(self.midnight - timedelta(hours=2)):
                job = job_create(
                    employer=employer,
                    job_type=mover,
                    title=mover.name_zh,
                    headcount=2,
                    pay_fen=pay_fen,
                    pay_unit=PayUnit.DAY,
                    start_date=start,
                    end_date=start,
                    start_time=_time("09:00"),
                    end_time=_time("18:00"),
                    address=employer.address,
                    lat=self.dec(record.lat),
                    lon=self.dec(record.lon),
                    description=description,
                    actor=employer.user,
                    channel=Channel.WEB,
                    today=self.today,
                )
            if job.status != JobStatus.HELD:
                raise RuntimeError(f"the demo's posting for review was not held: {job.status}")
