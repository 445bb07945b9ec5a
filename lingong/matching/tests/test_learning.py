"""Learning what workers accept: exposures recorded where lists are shown, answers settled from the
applications, the training labels, the nightly training and its versions, the loader, the console's estimate."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import override

from lingong.jobs.models import Application
from lingong.jobs.services import application_accept, application_create, application_decline
from lingong.jobs.tests.factories import post_job
from lingong.kiosk.tests.conftest import kiosk, kiosk_and_secret, kiosk_client  # noqa: F401  (fixtures)
from lingong.matching import loader
from lingong.matching.acceptance import DECLARED, FEATURES
from lingong.matching.learning import (
    ANSWER_WINDOW,
    LIST_REPEAT_WITHIN,
    MIN_ANSWERS,
    _model_version_activate,
    acceptance_model_train,
    exposure_answers_settle,
    exposure_labels,
    jobs_shown_to_worker,
)
from lingong.matching.models import AcceptanceModelVersion, DispatchStandby, Exposure
from lingong.matching.selectors import worker_acceptance_estimate
from lingong.matching.services import dispatch_run, fast_channel_offer, job_place_offer_on
from lingong.portal.tests.conftest import employer_account  # noqa: F401  (fixture)
from lingong.testing.clock import days, local

from .learning_helpers import HOME, answered_exposures

pytestmark = pytest.mark.django_db


@pytest.fixture
def mover(register_worker):
    return register_worker(trades=("mover",), **HOME)


def movers_jobs(employer, job_types, staff, n=3, **extra):
    return [post_job(employer=employer, job_type=job_types["mover"], actor=staff, **extra) for _ in range(n)]


# --- recording --------------------------------------------------------------------------------------------------


def test_the_kiosk_home_records_each_job_shown_once_in_one_ranked_list(
    kiosk_client,  # noqa: F811
    mover,
    employer,
    job_types,
    staff,
):
    jobs = movers_jobs(employer, job_types, staff)
    kiosk_client.force_login(mover.user)
    html = kiosk_client.get("/kiosk/home/").content.decode()
    shown = list(Exposure.objects.order_by("rank"))
    assert [(e.worker_id, e.surface, e.answer) for e in shown] == [(mover.pk, "kiosk", "none")] * 3
    assert sorted(e.job_id for e in shown) == sorted(j.pk for j in jobs)
    assert [e.rank for e in shown] == [1, 2, 3] and len({e.list_key for e in shown}) == 1
    # The order recorded is the order on the screen.
    positions = [html.index(f"/kiosk/jobs/{e.job_id}/apply/") for e in shown]
    assert positions == sorted(positions)
    first = shown[0]
    assert len(first.features) == len(FEATURES) and first.features[FEATURES.index("own_trade")] == 1.0
    assert first.model_version == "declared" and 0 < first.probability < 1 and first.score > 0
    # Applying answers that exposure (settled from the application), and the applied job is not recorded again.
    kiosk_client.post(f"/kiosk/jobs/{first.job_id}/apply/")
    kiosk_client.get("/kiosk/home/")
    assert Exposure.objects.count() == 5 and Exposure.objects.filter(job_id=first.job_id).count() == 1
    assert exposure_answers_settle(now=timezone.now()) == 1
    first.refresh_from_db()
    assert first.answer == "applied" and Application.objects.get().created_at <= first.answered_at <= timezone.now()
    assert exposure_answers_settle(now=timezone.now()) == 0


def test_a_list_that_keeps_pending_applications_reads_them_once_and_records_only_the_rest(
    mover, employer, job_types, staff
):
    jobs = movers_jobs(employer, job_types, staff)
    application_create(job=jobs[0], worker=mover, origin="worker", channel="web", actor=mover.user)
    with CaptureQueriesContext(connection) as captured:
        matches = jobs_shown_to_worker(worker=mover, surface="kiosk", include_pending=True)
    assert {m.job.pk: m.applied for m in matches} == {jobs[0].pk: True, jobs[1].pk: False, jobs[2].pk: False}
    # the worker's applications are read once (the index's own refresh counts them, apart)
    read = [q["sql"] for q in captured.captured_queries if 'FROM "jobs_application"' in q["sql"]]
    assert len([sql for sql in read if "COUNT(" not in sql]) == 1
    assert sorted(Exposure.objects.values_list("job_id", flat=True)) == sorted([jobs[1].pk, jobs[2].pk])


def test_the_same_list_drawn_again_within_ten_minutes_is_one_showing(
    kiosk_client,  # noqa: F811
    mover,
    employer,
    job_types,
    staff,
    django_capture_on_commit_callbacks,
):
    movers_jobs(employer, job_types, staff)
    kiosk_client.force_login(mover.user)

    def home_drawn() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            assert kiosk_client.get("/kiosk/home/").status_code == 200
        return Exposure.objects.values("list_key").distinct().count()

    assert home_drawn() == 1
    assert home_drawn() == 1 and Exposure.objects.count() == 3  # back on the home after a tap: the same showing
    # A list that changed is another showing: a job more.
    movers_jobs(employer, job_types, staff, n=1)
    assert home_drawn() == 2 and Exposure.objects.count() == 7


def test_a_list_is_shown_again_after_ten_minutes_or_when_its_rows_were_rolled_back(
    mover, employer, job_types, staff, django_capture_on_commit_callbacks
):
    movers_jobs(employer, job_types, staff, n=2)
    now = timezone.now()

    def shown(at, *, surface="app") -> int:
        with django_capture_on_commit_callbacks(execute=True):
            jobs_shown_to_worker(worker=mover, surface=surface, now=at)
        return Exposure.objects.filter(surface=surface).values("list_key").distinct().count()

    assert shown(now) == 1
    assert shown(now + LIST_REPEAT_WITHIN - timedelta(seconds=1)) == 1
    assert shown(now + LIST_REPEAT_WITHIN) == 2  # ten minutes after the first showing, not after the repeat
    assert shown(now + LIST_REPEAT_WITHIN, surface="kiosk") == 1  # another surface, another showing
    # A clock set back (a replay of older lists) is not "lately".
    assert shown(now - timedelta(minutes=1)) == 3
    # Rows rolled back were never recorded: the same list is recorded when next shown.
    later = now + timedelta(hours=1)
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs_shown_to_worker(worker=mover, surface="window", now=later)
        raise RuntimeError("the request failed after the list was drawn")
    assert shown(later, surface="window") == 1


def test_the_worker_app_records_its_list_and_opening_a_job_answers_opened(client, mover, employer, job_types, staff):
    job, other = movers_jobs(employer, job_types, staff, n=2)
    client.force_login(mover.user)
    assert client.get("/w/").status_code == 200
    assert Exposure.objects.filter(surface="app", worker=mover).count() == 2
    assert client.get(f"/w/jobs/{job.pk}/").status_code == 200
    assert dict(Exposure.objects.values_list("job_id", "answer")) == {job.pk: "opened", other.pk: "none"}
    # Applying later turns "opened" into "applied".
    client.post(f"/w/jobs/{job.pk}/apply/")
    exposure_answers_settle(now=timezone.now())
    assert dict(Exposure.objects.values_list("job_id", "answer")) == {job.pk: "applied", other.pk: "none"}


def test_another_workers_opening_or_application_does_not_answer_someone_elses_exposure(
    client, mover, register_worker, employer, job_types, staff
):
    [job] = movers_jobs(employer, job_types, staff, n=1)
    jobs_shown_to_worker(worker=mover, surface="kiosk")
    [exposure] = Exposure.objects.all()
    intruder = register_worker(trades=("mover",), **HOME)
    client.force_login(intruder.user)
    assert client.get(f"/w/jobs/{job.pk}/").status_code == 200  # the intruder had no exposure of it: nothing
    client.post(f"/w/jobs/{job.pk}/apply/")
    assert exposure_answers_settle(now=timezone.now()) == 0
    exposure.refresh_from_db()
    assert (exposure.answer, exposure.answered_at) == ("none", None)
    # An opening long after the list was shown is not an answer to it either.
    with time_machine.travel(timezone.now() + ANSWER_WINDOW + timedelta(minutes=1)):
        client.force_login(mover.user)
        client.get(f"/w/jobs/{job.pk}/")
    exposure.refresh_from_db()
    assert exposure.answer == "none"


def test_the_employers_candidate_list_is_recorded_and_an_invitation_is_a_choice(
    client,
    mover,
    register_worker,
    employer_account,  # noqa: F811
    job_types,
):
    account = employer_account()
    other = register_worker(trades=("mover",), **HOME)
    job = post_job(employer=account, job_type=job_types["mover"], actor=account.user, channel="web")
    client.force_login(account.user)
    assert client.get(f"/e/jobs/{job.pk}/").status_code == 200
    assert set(Exposure.objects.values_list("worker_id", "surface")) == {
        (mover.pk, "employer_list"),
        (other.pk, "employer_list"),
    }
    application_create(job=job, worker=mover, origin="employer", channel="web", actor=account.user)
    exposure_answers_settle(now=timezone.now())
    assert dict(Exposure.objects.values_list("worker_id", "answer")) == {mover.pk: "chosen", other.pk: "none"}


def test_an_employer_reloading_a_jobs_candidates_records_them_once(
    client,
    mover,
    employer_account,  # noqa: F811
    job_types,
    django_capture_on_commit_callbacks,
):
    account = employer_account()
    job = post_job(employer=account, job_type=job_types["mover"], actor=account.user, channel="web")
    client.force_login(account.user)
    for _reload in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(f"/e/jobs/{job.pk}/").status_code == 200
    assert list(Exposure.objects.values_list("worker_id", "surface")) == [(mover.pk, "employer_list")]


def test_dispatch_and_fast_channel_proposals_are_recorded_and_their_answers_settled(
    register_worker, employer, job_types, staff
):
    day = days(8)
    workers = [register_worker(trades=("mover",), **HOME) for _ in range(3)]
    post_job(employer=employer, job_type=job_types["mover"], actor=staff, start=day, headcount=3)
    now = local(day, 7)
    with time_machine.travel(now, tick=False):
        assert dispatch_run(day=day, actor=None, now=now).proposed == 3
    proposals = {e.worker_id: e for e in Exposure.objects.filter(surface="dispatch")}
    assert set(proposals) == {w.pk for w in workers}
    assert all(
        len(e.features) == len(FEATURES) and e.score > 0 and e.model_version == "declared" for e in proposals.values()
    )
    yes, no, silent = (Application.objects.get(worker=w) for w in workers)
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        application_accept(application=yes, side="worker", actor=yes.worker.user, channel="kiosk")
        application_decline(application=no, side="worker", actor=no.worker.user, channel="kiosk")
        Application.objects.filter(pk=silent.pk).update(status="expired")
        assert exposure_answers_settle(now=timezone.now()) == 3
    answers = dict(Exposure.objects.values_list("worker_id", "answer"))
    assert answers == {yes.worker_id: "accepted", no.worker_id: "declined", silent.worker_id: "ignored"}

    fast = post_job(employer=employer, job_type=job_types["mover"], actor=staff, is_fast_channel=True)
    assert sum(fast_channel_offer(job=fast, tier=tier) for tier in range(3)) == 3
    assert Exposure.objects.filter(surface="fast_channel", job=fast).count() == 3


def test_a_promoted_standby_and_a_freed_places_offer_are_recorded_as_proposals(
    register_worker, employer, job_types, staff, django_capture_on_commit_callbacks
):
    first, second, third = (register_worker(trades=("mover",), **HOME) for _ in range(3))
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, headcount=1)
    proposal = application_create(job=job, worker=first, origin="dispatch", channel="system", actor=None)
    DispatchStandby.objects.create(job=job, worker=second, rank=1, probability=0.5, score=0.5)
    with django_capture_on_commit_callbacks(execute=True):
        application_decline(application=proposal, side="worker", actor=first.user, channel="kiosk")
    [standby] = Exposure.objects.filter(surface="standby")
    assert (standby.worker_id, standby.job_id, len(standby.features)) == (second.pk, job.pk, len(FEATURES))
    assert standby.model_version == "declared" and 0 < standby.probability < 1
    [offered] = job_place_offer_on(job=job)
    assert offered.worker == third
    assert Exposure.objects.filter(surface="dispatch", worker=third, job=job).count() == 1


# --- labels -------------------------------------------------------------------------------------------------------

NOW = datetime(2026, 1, 10, 3, tzinfo=timezone.get_fixed_timezone(480))
F = [0.1] * len(FEATURES)


def row(id_, surface, answer, *, list_key="", job=None, worker=1, hours_ago=72, features=F):
    return {
        "id": id_,
        "worker_id": worker,
        "job_id": job or id_,
        "surface": surface,
        "list_key": list_key,
        "rank": id_,
        "shown_at": NOW - timedelta(hours=hours_ago),
        "features": features,
        "score": 0.5,
        "answer": answer,
    }


def labels(rows):
    return {x.exposure_id: x.label for x in exposure_labels(rows, now=NOW)}


def test_labels_of_proposals_accepted_one_declined_or_ignored_zero_unanswered_unused():
    assert labels(
        [
            row(1, "dispatch", "accepted"),
            row(2, "fast_channel", "declined"),
            row(3, "standby", "ignored"),
            row(4, "dispatch", "none"),
        ]
    ) == {1: 1, 2: 0, 3: 0}


def test_labels_of_lists_applied_one_nothing_applied_zero_and_the_rest_of_an_answered_list_censored():
    rows = [
        # list a: the worker applied to job 2; jobs 1 and 3 only ranked lower for them: not used
        row(1, "kiosk", "none", list_key="a"),
        row(2, "kiosk", "applied", list_key="a"),
        row(3, "kiosk", "opened", list_key="a"),
        # list b: nothing applied, the answer window is over: every job 0 (opened or not)
        row(4, "app", "none", list_key="b"),
        row(5, "app", "opened", list_key="b"),
        # list c: shown an hour ago, nothing yet: not known
        row(6, "api", "none", list_key="c", hours_ago=1),
        # a window recommendation the worker declined: 0
        row(7, "window", "declined", list_key="d"),
        # an employer's list: the employer's choice, not the worker's
        row(8, "employer_list", "chosen", list_key="e"),
        # no features (the job had left the index): not used
        row(9, "kiosk", "applied", list_key="f", features=[]),
    ]
    assert labels(rows) == {2: 1, 4: 0, 5: 0, 7: 0}


def test_a_pair_shown_in_many_lists_counts_once_and_its_yes_stands():
    rows = [
        row(1, "kiosk", "none", list_key="a", job=50, hours_ago=100),
        row(2, "kiosk", "applied", list_key="b", job=50, hours_ago=80),
        row(3, "kiosk", "none", list_key="c", job=50, hours_ago=60),
        row(4, "kiosk", "none", list_key="d", job=60, hours_ago=100),
        row(5, "kiosk", "none", list_key="e", job=60, hours_ago=60),
    ]
    assert labels(rows) == {2: 1, 5: 0}


# --- training ------------------------------------------------------------------------------------------------------


def test_training_with_enough_answers_stores_an_active_version_with_held_out_metrics(
    register_worker, employer, job_types, staff, caplog
):
    now = timezone.now()
    answered_exposures(register_worker=register_worker, employer=employer, job_types=job_types, staff=staff, now=now)
    with caplog.at_level(logging.INFO, logger="lingong.matching.learning"):
        version = acceptance_model_train(now=now)
    assert version.active and version.answers == 225 >= MIN_ANSWERS
    assert version.version == f"{timezone.localtime(now):%Y-%m-%dT%H:%M}#225"
    held = version.metrics
    assert 0 < held["n"] < 225 and held["fitted_on"] == 225 - held["n"]
    assert held["auc"] > 0.75 and 0 < held["log_loss"] < 0.69 and held["calibration"]
    model = version.model
    assert model["features"] == list(FEATURES) and model["coef"][FEATURES.index("pay_log_ratio")] > 0
    assert model["metrics"]["held_out"]["n"] == held["n"] and len(model["metrics"]["worker_answers"]) == 15
    [record] = [r for r in caplog.records if getattr(r, "event", "") == "acceptance_model_trained"]
    assert record.model_version == version.version and record.answers == 225 and record.metrics["auc"] == held["auc"]
    # The same minute on the same answers: the same version, nothing new.
    assert acceptance_model_train(now=now) == version
    assert AcceptanceModelVersion.objects.count() == 1
    # A later training retires it: one version in use.
    later = acceptance_model_train(now=now + timedelta(days=1))
    assert list(AcceptanceModelVersion.objects.filter(active=True)) == [later] and later != version


def test_training_with_too_few_answers_keeps_the_declared_profile_and_says_why(
    register_worker, employer, job_types, staff, caplog
):
    now = timezone.now()
    answered_exposures(
        register_worker=register_worker, employer=employer, job_types=job_types, staff=staff, now=now, workers=5, jobs=8
    )
    with caplog.at_level(logging.INFO, logger="lingong.matching.learning"):
        assert acceptance_model_train(now=now) is None
    assert AcceptanceModelVersion.objects.count() == 0
    [record] = [r for r in caplog.records if getattr(r, "event", "") == "acceptance_model_skipped"]
    assert record.answers == 40 and "at least 200" in record.getMessage()
    with loader.match_index_read(now=now) as index:
        assert index.acceptance is DECLARED


def test_the_index_picks_up_a_new_active_version_and_lists_use_it(mover, register_worker, employer, job_types, staff):
    movers_jobs(employer, job_types, staff, n=2)
    with loader.match_index_read() as index:
        assert index.acceptance.version == "declared"
    now = timezone.now()
    answered_exposures(register_worker=register_worker, employer=employer, job_types=job_types, staff=staff, now=now)
    version = acceptance_model_train(now=now)
    with loader.match_index_read() as index:  # refreshed (at once in tests): the version is read by name
        assert index.acceptance.version == version.version
        assert index.acceptance.coef.tolist() == version.model["coef"]
    jobs_shown_to_worker(worker=mover, surface="kiosk")
    assert set(Exposure.objects.filter(worker=mover).values_list("model_version", flat=True)) == {version.version}


def test_a_stored_model_of_other_features_is_not_used(mover, caplog):
    AcceptanceModelVersion.objects.create(
        version="old", trained_at=timezone.now(), model={**DECLARED.to_json(), "features": ["pay"]}, active=True
    )
    with caplog.at_level(logging.ERROR, logger="lingong.matching.loader"):
        with loader.match_index_read() as index:
            assert index.acceptance is DECLARED
    assert "acceptance model old not used" in caplog.text
    loader._REFUSED_MODELS.discard("old")


def test_the_console_worker_page_shows_declared_and_learned_acceptance(client, staff, mover):
    client.force_login(staff)
    with override("zh-hans"):
        html = client.get(f"/console/workers/{mover.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    estimate = worker_acceptance_estimate(worker=mover)
    assert estimate.model_version == "declared" and estimate.answers == 0
    assert estimate.lowest_pay_fen is not None and estimate.max_km is not None
    block = html[html.index('id="accepts"') : html.index("</dl>", html.index('id="accepts"'))]
    assert "这位零工实际接受的条件" in block and "自报 10 公里" in block and "未填写" in block  # declared no pay
    assert f"按其答复推算 {estimate.max_km:.1f} 公里" in block and "按其答复推算 " in block
    assert Exposure.objects.filter(worker=mover, surface="window").count() == 0  # no job fits: nothing shown


def test_one_version_stays_in_use_when_switches_meet(db):
    first, second = (
        _model_version_activate(
            AcceptanceModelVersion(version=name, trained_at=timezone.now(), model=DECLARED.to_json(), metrics={"n": 0})
        )
        for name in "ab"
    )
    first.refresh_from_db()
    assert (first.active, second.active) == (False, True)
