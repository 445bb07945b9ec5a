"""`make dev`: the embedded default for development. runserver, DEBUG on, static files from the source tree."""

from .base import *  # noqa: F401,F403
from .base import LOGGING, STORAGES

DEBUG = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# The demo, as under `make run`: the seeded people keep living their placements (lingong.demo.life).
LINGONG_DEMO = True
LOGGING["handlers"]["console"]["formatter"] = "text"  # a person reads this terminal
