"""The demo is the same district for the same seed and another for another seed.

Built at a tiny scale: the same steps run as at the small scale, in a fraction of its time. Each build is rolled
back, so the next starts from the empty database that seed_demo requires.
"""

from __future__ import annotations

import pytest
from django.db import transaction

from lingong.demo.builder import build_demo
from lingong.demo.records import SCALES
from lingong.employers.models import Employer
from lingong.jobs.models import Job, Placement
from lingong.testing.clock import TEST_NOW, TEST_TODAY
from lingong.workers.models import Worker

from .conftest import SEED

pytestmark = pytest.mark.django_db(transaction=False)

TINY = SCALES["tiny"]


def fingerprint() -> dict[str, list]:
    """What a person can read, in creation order (ids differ between runs, ciphertexts too)."""
    return {
        "workers": list(
            Worker.objects.order_by("id").values_list(
                "name",
                "name_bo",
                "id_number_masked",
                "phone_masked",
                "birth_date",
                "registered_station__code",
                "availability_mask",
                "home_area",
            )
        ),
        "employers": list(Employer.objects.order_by("id").values_list("name", "uscc", "id_number_masked", "address")),
        "jobs": list(
            Job.objects.order_by("id").values_list(
                "title", "employer__name", "headcount", "places_filled", "status", "start_date", "pay_fen", "created_at"
            )
        ),
        "placements": list(
            Placement.objects.order_by("id").values_list("worker__id_number_masked", "job__title", "channel", "status")
        ),
    }


def built(seed: int) -> dict[str, list]:
    """The fingerprint of the tiny district of `seed`, built at the test day's 10:00 and rolled back."""
    with transaction.atomic():
        build_demo(scale=TINY, seed=seed, today=TEST_TODAY, now=TEST_NOW)
        seen = fingerprint()
        transaction.set_rollback(True)
    assert not Worker.objects.exists()
    return seen


def test_same_seed_gives_the_same_district():
    first = built(SEED)
    assert len(first["workers"]) == TINY.workers
    assert first["placements"]  # a district with a history, not an empty one

    assert built(SEED) == first
    assert built(SEED + 1)["workers"] != first["workers"]
