"""Periodic work of the core app (huey discovers this module).

The demo routine is registered only where the demo is enabled (settings
`LINGONG_DEMO`, on in the embedded dev settings that `make run` uses, off in
production), and even there it acts only on a database seeded by `seed_demo`.
"""

from django.conf import settings

if getattr(settings, "LINGONG_DEMO", False):
    from lingong.core.demo.tasks import demo_routine_task  # noqa: F401
