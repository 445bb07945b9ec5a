"""Settings of a real huey consumer started by a test (lingong.testing.consumer).

Everything as under test settings, except: tasks are queued, not run at once;
the queue is the test's own (a temporary SQLite file, or REDIS_URL under its
own name); the database is the test's database (LINGONG_TEST_DB_NAME).
"""

import os

from .test import *  # noqa: F401,F403
from .test import DATABASES, HUEY

HUEY = {**HUEY, "immediate": False, "name": os.environ.get("LINGONG_HUEY_NAME", HUEY["name"])}
if "filename" in HUEY:
    HUEY["filename"] = os.environ["LINGONG_HUEY_FILE"]
HUEY["consumer"] = {**HUEY["consumer"], "max_delay": 0.5}
DATABASES["default"]["NAME"] = os.environ["LINGONG_TEST_DB_NAME"]
