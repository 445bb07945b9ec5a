"""Fill an empty database with a believable Chengguan (`make run` calls it with --if-empty)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lingong.demo.builder import build_demo
from lingong.demo.records import DEMO_ACCOUNTS, SCALES
from lingong.employers.models import Employer
from lingong.stats.services import stats_rollup_range
from lingong.workers.models import Worker

DEFAULT_SEED = 540102  # Chengguan's division code
FIGURES_AHEAD_DAYS = 35


class Command(BaseCommand):
    help = (
        "Create demo data: workers, employers, open jobs and three months of history (hours, wages, ratings, "
        "rights cases, follow-up calls), plus the demo staff, employer and worker accounts. Same seed, same data. "
        "With LINGONG_DEMO on (make run), a periodic task plays the seeded people's days forward."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            default="small",
            help="tiny: 40 workers, a few seconds; small: 300 workers, under a minute; district: 25,000 workers, 11,000 open positions.",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="The same seed gives the same data.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the database already has workers.")
        parser.add_argument(
            "--no-figures",
            dest="figures",
            action="store_false",
            help="Leave the dashboard's history uncounted (about half a small seed's time); "
            "`manage.py stats_rebuild` counts it later.",
        )

    def handle(self, *args, scale: str, seed: int, if_empty: bool, figures: bool = True, **options):
        if not getattr(settings, "LINGONG_DEMO", False):
            # Production settings: the demo's people, jobs and its admin / lingong-admin account never go there.
            raise CommandError(
                "The demo is for the embedded settings (make run) only; these settings have LINGONG_DEMO off."
            )
        if Worker.objects.exists():
            if if_empty:
                self.stdout.write("seed_demo: the database already has workers; nothing to do.")
                return
            raise CommandError(
                "The database already has workers: seed_demo fills an empty database. "
                "Use --if-empty to skip, or start from a fresh database."
            )
        today = timezone.localdate()
        self.stdout.write(
            f"seed_demo: building the demo district at {scale} scale (seed {seed}, today {today:%Y-%m-%d}) …"
        )
        try:
            result = build_demo(scale=SCALES[scale], seed=seed, today=today)
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        counts = result.counts
        self.stdout.write(self.style.SUCCESS(f"seed_demo: done in {result.seconds:.1f} s"))
        lines = [
            ("workers", counts["workers"]),
            (
                "employers",
                f"{counts['employers']} ({counts['enterprises']} enterprises, {counts['partners']} partners)",
            ),
            ("jobs", f"{counts['jobs']} ({counts['open_jobs']} open, {counts['trades_posted']} trades)"),
            ("open positions", counts["open_positions"]),
            ("applications", counts["applications"]),
            (
                "placements",
                f"{counts['placements']} (offline {counts['placements_offline']}, "
                f"of which kiosk {counts['placements_kiosk']}; online {counts['placements_online']})",
            ),
            ("timeline events", counts["events"]),
            ("attendance", f"{counts['attendance_days']} working days recorded"),
            (
                "wages",
                f"{counts['wages']} ({counts['wages_received']} received, {counts['wages_paid']} paid "
                f"waiting for the worker, {counts['wages_owed_not_due']} owed not yet due, "
                f"{counts['wages_overdue']} overdue, {counts['wages_escalated']} passed to rights; "
                f"paid {counts['wages_paid_fen'] / 100:.2f} yuan, "
                f"outstanding {counts['wages_outstanding_fen'] / 100:.2f} yuan)",
            ),
            ("ratings", counts["ratings"]),
            ("credit events", counts["credit_events"]),
            (
                "rights cases",
                f"{counts['rights_cases']} ({counts['rights_mediating']} in mediation, "
                f"{counts['rights_closed']} closed, "
                f"recovered {counts['rights_recovered_fen'] / 100:.2f} yuan)",
            ),
            (
                "follow-ups",
                f"{counts['followups_done']} done, {counts['followups_unreachable']} unreachable, "
                f"{counts['followups_due']} due",
            ),
            (
                "kiosks",
                f"{counts['kiosks']} ({counts['kiosk_sessions']} sessions, "
                f"{counts['placements_kiosk_device']} hires made at a kiosk)",
            ),
            ("staff users", counts["staff_users"]),
        ]
        for label, value in lines:
            self.stdout.write(f"  {label:<16} {value}")
        # The dashboard's figures of the whole history (the periodic rollup counts only today and yesterday),
        # and of the weeks ahead, where follow-up calls and pay days already fall.
        first = timezone.localdate(
            min(Worker.objects.earliest("created_at").created_at, Employer.objects.earliest("created_at").created_at)
        )
        last = today + timedelta(days=FIGURES_AHEAD_DAYS)
        if figures:
            stats_rollup_range(first=first, last=last)
            self.stdout.write(f"  {'figures':<16} counted from {first:%Y-%m-%d} to {last:%Y-%m-%d}")
        else:
            self.stdout.write(f"  {'figures':<16} not counted: manage.py stats_rebuild --from {first} --to {last}")
        accounts = ", ".join(f"{username} / {password}" for username, password, *_rest in DEMO_ACCOUNTS)
        self.stdout.write(f"  demo accounts    {accounts}")
