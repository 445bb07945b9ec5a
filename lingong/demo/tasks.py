"""The demo's periodic work, listed in the task registry (lingong/operations/registry.py).

The routine is registered only where the demo is enabled (settings
`LINGONG_DEMO`, on in the embedded dev settings that `make run` uses, off in
production and tests), and even there it acts only on a database seeded by
`seed_demo`.
"""

from django.conf import settings

if getattr(settings, "LINGONG_DEMO", False):
    from lingong.demo.routine import demo_routine_task  # noqa: F401
