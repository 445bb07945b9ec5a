"""The embedded default: SQLite under var/, generated secrets, debug on."""

from .base import *  # noqa: F401,F403

DEBUG = True

# `make run` serves the demo: the seeded people keep living their placements (lingong.demo.life).
LINGONG_DEMO = True
