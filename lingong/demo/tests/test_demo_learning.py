"""The demo shows learning: its workers' lists and answers are recorded, and a model trained on them is in use."""

from __future__ import annotations

import pytest

from lingong.matching.models import AcceptanceModelVersion, Exposure
from lingong.matching.selectors import worker_acceptance_estimate
from lingong.workers.models import Worker

pytestmark = pytest.mark.django_db


class TestTheDemosLearning:
    def test_exposures_answers_and_a_trained_model(self, seeded_district_without_figures):
        surfaces = set(Exposure.objects.values_list("surface", flat=True))
        assert surfaces == {"kiosk", "app", "window", "dispatch"}
        assert 300 <= Exposure.objects.count() <= 2000
        answers = set(Exposure.objects.values_list("answer", flat=True))
        assert {"applied", "accepted", "declined", "none"} <= answers
        [version] = AcceptanceModelVersion.objects.all()
        assert version.active and version.answers >= 200 and version.metrics["n"] > 0
        held_out = version.metrics
        assert held_out["lists"] > 0 and 0 < held_out["hit_rate_at_3"] <= held_out["hit_rate_at_10"] <= 1
        assert version.model["coef"][0] > 0  # more pay above what was declared: a likelier yes

    def test_a_demo_workers_estimate_rests_on_their_answers(self, seeded_district_without_figures):
        showcase = Worker.objects.get(pk=Exposure.objects.order_by("pk").values_list("worker_id", flat=True)[0])
        estimate = worker_acceptance_estimate(worker=showcase)
        version = AcceptanceModelVersion.objects.get(active=True).version
        assert estimate.model_version == version and estimate.answers > 0
