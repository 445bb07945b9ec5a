"""`make run`: the embedded default. SQLite under var/, generated secrets, the demo, DEBUG off.

It serves as production does (gunicorn, static files from whitenoise, the task
consumer beside it) with no other server; `make dev` keeps runserver and DEBUG.
"""

from .base import *  # noqa: F401,F403

DEBUG = False

# `make run` serves the demo: the seeded people keep living their placements (lingong.demo.life).
LINGONG_DEMO = True
