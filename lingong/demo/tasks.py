"""Periodic work of the demo app (listed in lingong.operations.registry.TASK_MODULES).

The demo routine is registered only where the demo is enabled (settings
`LINGONG_DEMO`, on in the embedded dev settings that `make run` uses, off in
production), and even there it acts only on a database seeded by `seed_demo`.
The task itself lives in routine.py so that importing this module registers
nothing when the flag is off.
"""

from django.conf import settings

if getattr(settings, "LINGONG_DEMO", False):
    from lingong.demo.routine import demo_routine_task  # noqa: F401, PLC0415
