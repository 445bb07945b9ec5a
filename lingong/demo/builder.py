"""Builds the demo district in memory, then writes it with bulk inserts.

Why not call the services? They are one row at a time with an audit trail
each: fine for people, far too slow for 25,000 workers. So this module uses
the services' own building blocks instead — `personal_protect` for ID numbers
and phones, `check_character` / `validate_resident_id` / `validate_uscc` for
identifiers, `job_posting_findings` for jobs, `shifts_overlap` for
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

import random
import time as clock
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import reset_queries, transaction
from django.utils import timezone

from lingong.core.models import Channel, Event
from lingong.jobs.models import (
    Application,
    Placement,
)
from lingong.stations.models import Station

from . import data
from .district import DistrictSteps
from .figures import demo_counts
from .jobs import JobsSteps
from .learning import LearningSteps
from .people import PeopleSteps
from .placements import PlacementsSteps
from .policy import PolicySteps
from .protection import ProtectionSteps
from .records import (
    _E,
    _J,
    _W,
    DemoResult,
    Scale,
    _km,
    _restamp,
)
from .training import demo_training_ensure


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


class _Builder(DistrictSteps, PeopleSteps, JobsSteps, PlacementsSteps, ProtectionSteps, PolicySteps, LearningSteps):
    """The build's state (one seeded random stream, the records so far) and its run, step by step.

    Each step lives in the module named for what it builds; they share this state.
    """

    def __init__(self, *, scale: Scale, seed: int, today: date, now: datetime | None = None) -> None:
        """One seeded stream for the district and one for the lives, so adding life never changes the district."""
        self.scale = scale
        self.rng = random.Random(seed)
        # The people's lives after the hires draw from their own stream: the district stays the same.
        self.life_rng = random.Random(seed * 7919 + 1)
        # Which kiosk, and the sessions at the kiosks: a stream of their own too.
        self.kiosk_rng = random.Random(seed * 104_729 + 3)
        # What workers were shown and answered (lingong/demo/learning.py): a stream of its own too.
        self.learning_rng = random.Random(seed * 15_485_863 + 7)
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
        """A local moment on a day: every date in the demo is counted from `today`, never written down."""
        return datetime.combine(day, time(), tzinfo=self.tz) + timedelta(minutes=minutes)

    def before_midnight(self, moment: datetime, *, slack_minutes: int = 1) -> datetime:
        """Nothing in the demo happens today or later: a seed gives the same data all day."""
        return min(moment, self.midnight - timedelta(minutes=slack_minutes))

    def pick(self, pairs):
        """A weighted choice from the one seeded stream (the order of draws is the seed's promise)."""
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def point(self, lat: float, lon: float, spread: float) -> tuple[float, float]:
        """A spot near a place, kept inside the district so distances and maps stay believable."""
        (lat_lo, lat_hi), (lon_lo, lon_hi) = data.DISTRICT_BOX
        lat = min(max(lat + self.rng.gauss(0, spread), lat_lo + 0.001), lat_hi - 0.001)
        lon = min(max(lon + self.rng.gauss(0, spread), lon_lo + 0.001), lon_hi - 0.001)
        return round(lat, 6), round(lon, 6)

    @staticmethod
    def dec(value: float) -> Decimal:
        """Coordinates as the model's Decimal, rounded as a form would store them."""
        return Decimal(f"{value:.6f}")

    def nearest_station(self, lat: float, lon: float) -> Station:
        """People register and jobs are handled at the station closest to them."""
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
        """Queue a timeline row; written in bulk and restamped later, as history happened in the past."""
        self.events.append((subject, verb, at, actor, from_state, to_state, station, channel, data_ or {}))

    # --- the run -------------------------------------------------------------------

    def run(self) -> None:
        """The steps in the order their rows depend on each other (people before jobs before placements)."""
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
            self.post_for_review,
            self.duty_roster,
            self.make_training,
            self.make_policy,
            self.make_exposures,
        )
        for step in steps:
            step()
            reset_queries()  # under DEBUG the query log would keep every bulk INSERT's text

    def make_training(self) -> None:
        """Training courses with sessions in the coming two weeks and a few bookings (lingong/demo/training.py)."""
        demo_training_ensure(now=self.now)

    def write_events(self) -> None:
        """Bulk-write the queued timeline rows, then give them their true past times."""
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
