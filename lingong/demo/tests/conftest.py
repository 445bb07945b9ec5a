from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from lingong.testing.clock import TEST_NOW

SEED = 7


@pytest.fixture(autouse=True)
def _demo_on(settings):
    """The demo builds only where LINGONG_DEMO is on (the embedded settings of `make run`)."""
    settings.LINGONG_DEMO = True


@pytest.fixture(scope="module")
def seeded_district(django_db_setup, django_db_blocker):
    """The small district (seed 7) built once for the tests of a module, five minutes before the test day's 10:00,
    with the dashboard's figures of its history counted.

    A seed takes 30-40 s, most of the demo tests' time: one module reads it (test_seed_demo.py, one xdist group).
    It is made in a transaction that each test's own transaction nests in (a savepoint, rolled back after the
    test) and rolled back after the module, as Django's TestCase.setUpTestData does. Returns seed_demo's output.
    """
    with (
        django_db_blocker.unblock(),
        time_machine.travel(TEST_NOW - timedelta(minutes=5), tick=True),
        override_settings(LINGONG_DEMO=True),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("seed_demo", scale="small", seed=SEED, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
