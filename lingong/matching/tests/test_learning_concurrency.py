"""Trained versions switched in at once: every one stored, exactly one in use. Run on SQLite and PostgreSQL
(DATABASE_URL), as lingong/jobs/tests/test_concurrency.py."""

from __future__ import annotations

import pytest
from django.utils import timezone

from lingong.jobs.tests.test_concurrency import attempts, race
from lingong.matching.acceptance import DECLARED
from lingong.matching.learning import _model_version_activate
from lingong.matching.models import AcceptanceModelVersion

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.concurrency, pytest.mark.xdist_group("concurrency")]


def version(name: str) -> AcceptanceModelVersion:
    return AcceptanceModelVersion(version=name, trained_at=timezone.now(), model=DECLARED.to_json(), metrics={"n": 0})


@pytest.mark.parametrize("round_", range(2))
def test_versions_switched_in_at_once_leave_one_in_use(round_):
    _model_version_activate(version("first"))
    n = min(attempts(), 20)
    ok, conflicts, errors = race([lambda i=i: _model_version_activate(version(f"v{i}")) for i in range(n)])
    assert (ok, conflicts, errors) == (n, 0, [])
    assert AcceptanceModelVersion.objects.count() == n + 1
    assert AcceptanceModelVersion.objects.filter(active=True).count() == 1
