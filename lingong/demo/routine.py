"""The demo's periodic task: seeded people live their day (imported only when LINGONG_DEMO is on)."""

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from .life import demo_routine_play


@db_periodic_task(crontab(minute="*/5"))
@lock_task("demo-routine")  # one run at a time: a slow run must not overlap the next
def demo_routine_task() -> int:
    """Every 5 minutes, well inside the no-show sweep's hour of grace; a no-op without the demo flag."""
    return demo_routine_play(now=timezone.now())
