"""What the demo's workers were shown and what they answered, and the acceptance model trained on it.

The lists are the real ones (`jobs_for_worker` on the demo's open jobs) recorded by the real service
(`exposures_record`) and moved back to the past days they stand for; the answers come from a hidden rule per
worker (pay above what they declared and a short way make a yes likelier, some workers pickier than others);
the model is trained by `acceptance_model_train`, as the nightly task does. So the console's worker pages show a
learned estimate on the demo. Answers are written on the exposures only: the demo's applications, and every
figure counted from them, stay as the district made them.
"""

from __future__ import annotations

import math
import random
from datetime import timedelta

from lingong.matching.acceptance import FEATURES
from lingong.matching.learning import Shown, acceptance_model_train, exposures_record
from lingong.matching.loader import match_index_reset
from lingong.matching.models import Exposure, ExposureAnswer, ExposureSurface
from lingong.matching.selectors import jobs_for_worker

LEARNING_WORKERS = 60  # workers whose lists are played (the showcase worker first)
LISTS_PER_WORKER = 3
LIST_LENGTH = 8
PROPOSALS_PER_WORKER = 2
PAY, KM = FEATURES.index("pay_log_ratio"), FEATURES.index("km_share")


class LearningSteps:
    """Mixed into the demo's builder (lingong/demo/builder.py): `self.workers`, `self.now`, `self.learning_rng`."""

    def make_exposures(self) -> None:
        rng: random.Random = self.learning_rng
        surfaces = (ExposureSurface.KIOSK, ExposureSurface.APP, ExposureSurface.WINDOW)
        for record in self.workers[:LEARNING_WORKERS]:
            worker = record.obj
            fitting = jobs_for_worker(worker=worker, limit=LIST_LENGTH + PROPOSALS_PER_WORKER + 4, now=self.now)
            if len(fitting) < 3:
                continue
            pickiness = rng.gauss(0.0, 0.8)  # the worker's own taste, which the declared profile does not tell
            for _n in range(LISTS_PER_WORKER):
                shown = sorted(rng.sample(fitting, min(LIST_LENGTH, len(fitting))), key=fitting.index)
                moment = self.now - timedelta(days=rng.uniform(0.5, 40))
                self._list_play(worker, shown, rng.choice(surfaces), moment, pickiness, rng)
            for match in fitting[-PROPOSALS_PER_WORKER:]:
                moment = self.now - timedelta(days=rng.uniform(0.5, 40))
                self._proposal_play(worker, match.job.pk, moment, pickiness, rng)
        acceptance_model_train(now=self.now)
        match_index_reset()  # built inside the demo's transaction: the next query builds from what was committed

    def _recorded(self, worker, shown: list[Shown], surface: str, moment) -> list[Exposure]:
        """Record a list now, through the service, then move it to the moment it stands for."""
        exposures_record(shown=shown, surface=surface, now=self.now)
        recorded = list(Exposure.objects.filter(worker=worker, shown_at=self.now).order_by("rank"))
        Exposure.objects.filter(pk__in=[e.pk for e in recorded]).update(shown_at=moment)
        return recorded

    @staticmethod
    def _would_take(exposure: Exposure, pickiness: float) -> float:
        """The hidden rule: the probability this worker takes this job."""
        x = exposure.features
        if len(x) != len(FEATURES):
            return 0.0
        return 1.0 / (1.0 + math.exp(-(3.5 * x[PAY] - 2.5 * x[KM] + 0.6 - pickiness)))

    def _list_play(self, worker, matches, surface: str, moment, pickiness: float, rng: random.Random) -> None:
        recorded = self._recorded(worker, [Shown(m.job.pk, worker.pk, m.score) for m in matches], surface, moment)
        for exposure in recorded:  # the worker reads from the top and applies to the first that suits them
            if rng.random() < self._would_take(exposure, pickiness + 1.0):
                minutes = rng.randint(2, 600)
                Exposure.objects.filter(pk=exposure.pk).update(
                    answer=ExposureAnswer.APPLIED, answered_at=moment + timedelta(minutes=minutes)
                )
                return
            if rng.random() < 0.2:
                Exposure.objects.filter(pk=exposure.pk).update(
                    answer=ExposureAnswer.OPENED, answered_at=moment + timedelta(minutes=1)
                )

    def _proposal_play(self, worker, job_id: int, moment, pickiness: float, rng: random.Random) -> None:
        [exposure] = self._recorded(worker, [Shown(job_id, worker.pk)], ExposureSurface.DISPATCH, moment)
        draw = rng.random()
        answer = (
            ExposureAnswer.ACCEPTED
            if draw < self._would_take(exposure, pickiness)
            else ExposureAnswer.IGNORED
            if draw > 0.85
            else ExposureAnswer.DECLINED
        )
        Exposure.objects.filter(pk=exposure.pk).update(answer=answer, answered_at=moment + timedelta(hours=3))
