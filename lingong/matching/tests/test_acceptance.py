"""The acceptance model: features, fitting towards a prior, per-worker terms, metrics, and ranking by
expected value in lists and dispatch."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from lingong.matching import (
    DECLARED,
    DEFAULT_WEIGHTS,
    FEATURES,
    AcceptanceModel,
    acceptance_explain,
    dispatch,
    evaluate_acceptance,
    features_for_pairs,
    fit_acceptance,
    hit_rate_at_k,
    top_jobs_for_worker,
    top_workers_for_job,
)
from lingong.matching.acceptance import KM, PAY, _auc

from .helpers import MONDAY, NOW, RELATED, add_job, add_worker, at_km, make_index


def test_features_read_the_pair_as_the_worker_declared_it():
    index = make_index()
    w = add_worker(index, 1, min_pay_fen=20000, max_km=8.0)
    j_own = add_job(index, 10, pay_fen=22000, **at_km(2.0), end_day=MONDAY + 2, urgency=1.0)
    j_related = add_job(index, 11, trade_ids=RELATED, pay_fen=20000, **at_km(4.0))
    x = features_for_pairs(index, [j_own, j_related], w, now=NOW)
    assert x.shape == (2, len(FEATURES))
    assert x[0, PAY] == pytest.approx(math.log(22000 / 20000))
    assert x[0, KM] == pytest.approx(2.0 / 8.0, rel=1e-3)
    assert x[1, KM] == pytest.approx(4.0 / 8.0, rel=1e-3)
    own = FEATURES.index("own_trade")
    assert (x[0, own], x[1, own]) == (1.0, 0.0)
    assert x[0, FEATURES.index("multi_day")] == 1.0 and x[1, FEATURES.index("multi_day")] == 0.0
    assert x[0, FEATURES.index("urgent")] == 1.0


def test_a_worker_who_declared_no_lowest_pay_is_compared_with_a_reference_pay():
    index = make_index()
    w = add_worker(index, 1, min_pay_fen=0)
    j = add_job(index, 10, pay_fen=15000)
    assert features_for_pairs(index, j, w, now=NOW)[0, PAY] == pytest.approx(0.0)


def test_the_declared_prior_gives_even_odds_at_the_declared_pay_and_half_the_reach():
    x = np.zeros((1, len(FEATURES)))
    x[0, KM], x[0, FEATURES.index("own_trade")], x[0, FEATURES.index("employer_credit")] = 0.5, 1.0, 0.6
    assert DECLARED.probability(x, np.array([1]), np.array([7]))[0] == pytest.approx(0.5)
    more_pay = x.copy()
    more_pay[0, PAY] = math.log(1.2)
    farther = x.copy()
    farther[0, KM] = 0.9
    assert DECLARED.probability(more_pay, np.array([1]), np.array([7]))[0] > 0.6
    assert DECLARED.probability(farther, np.array([1]), np.array([7]))[0] < 0.35


def _market(seed: int, n_workers: int = 300, per_worker: int = 40):
    """Answers drawn from a known rule: every worker wants 15% more than declared, and worker 0..49 go half as far."""
    rng = np.random.default_rng(seed)
    n = n_workers * per_worker
    worker = np.repeat(np.arange(n_workers), per_worker)
    x = np.zeros((n, len(FEATURES)))
    x[:, PAY] = rng.normal(0.1, 0.2, n)
    x[:, KM] = rng.uniform(0, 1, n)
    x[:, FEATURES.index("own_trade")] = rng.random(n) < 0.7
    x[:, FEATURES.index("employer_credit")] = rng.uniform(0.3, 0.9, n)
    far = np.where(worker < 50, 4.0, 2.0)
    logit = 5.0 * (x[:, PAY] - math.log(1.15)) - far * x[:, KM] + 0.5 * x[:, FEATURES.index("own_trade")] + 0.3
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(float)
    return x, y, worker


def test_fitting_learns_the_market_and_each_worker_and_beats_the_declared_prior_on_held_out_answers():
    x, y, worker = _market(1)
    model = fit_acceptance(x, y, worker, version="t1")
    assert model.coef[PAY] == pytest.approx(5.0, abs=0.8)
    # Workers 0..49 go half as far: their learned distance term is below the others'.
    assert model.worker_km[:50].mean() < model.worker_km[50:].mean() - 0.3
    hx, hy, hw = _market(2)
    learned = evaluate_acceptance(model, hx, hy, hw)
    declared = evaluate_acceptance(DECLARED, hx, hy, hw)
    assert learned["auc"] > 0.75
    assert learned["log_loss"] < declared["log_loss"]
    # Calibrated: in every well-filled bin the mean estimate is within 0.08 of the rate seen.
    for b in learned["calibration"]:
        if b["n"] >= 200:
            assert abs(b["p_mean"] - b["rate"]) < 0.08, b
    # What they really accept: more than declared, and less far for a worker of the first group.
    near = model.worker_estimate(0, declared_min_pay_fen=20000, declared_max_km=10.0)
    other = model.worker_estimate(200, declared_min_pay_fen=20000, declared_max_km=10.0)
    assert other["lowest_pay_fen"] > 20000
    assert near["max_km"] < other["max_km"]
    assert near["answers"] == 40


def test_with_few_answers_the_model_stays_near_the_prior():
    x, y, worker = _market(3, n_workers=2, per_worker=3)
    model = fit_acceptance(x, y, worker, version="few")
    assert np.allclose(model.coef, DECLARED.coef, atol=1.0)
    assert np.all(np.abs(model.worker_bias) < 0.5)


def test_a_model_survives_json_and_refuses_other_features():
    x, y, worker = _market(4, n_workers=20)
    model = fit_acceptance(x, y, worker, version="json")
    back = AcceptanceModel.from_json(model.to_json())
    assert np.allclose(back.probability(x, worker, worker), model.probability(x, worker, worker), atol=1e-4)
    stored = model.to_json() | {"features": ["pay", "km"]}
    with pytest.raises(ValueError):
        AcceptanceModel.from_json(stored)
    with pytest.raises(ValueError):
        AcceptanceModel.from_json(model.to_json() | {"coef": [1.0, float("nan")] + [0.0] * (len(FEATURES) - 2)})
    with pytest.raises(ValueError):
        fit_acceptance(x[:5], y[:4], worker[:5], version="bad")


def test_contributions_explain_the_logit():
    x, y, worker = _market(5, n_workers=20)
    model = fit_acceptance(x, y, worker, version="why")
    terms = model.contributions(x[0], int(worker[0]))
    assert {name for name, _ in terms} == set(FEATURES) | {"worker"}
    assert sum(t for _, t in terms) + model.intercept == pytest.approx(float(model.logit(x[:1], worker[:1])[0]))
    assert abs(terms[0][1]) >= abs(terms[-1][1])


def test_auc_counts_ties_half_and_hit_rate_counts_answered_lists_only():
    assert _auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0, 0, 1, 1])) == pytest.approx(0.75)
    assert _auc(np.array([0.5, 0.5]), np.array([0, 1])) == pytest.approx(0.5)
    assert _auc(np.array([0.5, 0.6]), np.array([1, 1])) is None
    assert hit_rate_at_k([[1, 2, 3], [4, 5, 6], [7]], [2, 9, None], k=2) == pytest.approx(0.5)
    assert hit_rate_at_k([[1]], [None]) is None


class _Oracle:
    """Knows that worker 1 never takes job 11 and always takes job 10 and 12."""

    version = "oracle"

    def probability(self, features, job_ids, worker_ids):
        return np.where(np.asarray(job_ids) == 11, 0.01, 0.99)


def test_lists_rank_by_expected_value_when_the_index_has_an_estimator():
    index = make_index()
    w = add_worker(index, 1)
    add_job(index, 10, pay_fen=21000, **at_km(3.0))
    add_job(index, 11, pay_fen=30000, **at_km(0.5))  # the best score, but this worker never takes it
    add_job(index, 12, pay_fen=20000, **at_km(4.0))
    by_score = top_jobs_for_worker(index, w, 3, now=NOW)
    assert by_score.ids[0] == 11 and by_score.acceptance is None
    index.set_acceptance(_Oracle())
    by_value = top_jobs_for_worker(index, w, 3, now=NOW)
    assert by_value.ids.tolist()[-1] == 11
    assert by_value.acceptance.tolist() == pytest.approx([0.99, 0.99, 0.01])
    # Scores are still the match's own; only the order moved.
    assert sorted(by_value.scores.tolist()) == pytest.approx(sorted(by_score.scores.tolist()))
    top1 = top_jobs_for_worker(index, w, 1, now=NOW)
    assert top1.ids.tolist() == [by_value.ids[0]]


def test_worker_lists_for_a_job_rank_by_expected_value_too():
    index = make_index()
    add_job(index, 10, **at_km(0.0))
    add_worker(index, 1, **at_km(2.5))
    add_worker(index, 2, **at_km(1.0))

    class Shy:
        version = "shy"

        def probability(self, features, job_ids, worker_ids):
            return np.where(np.asarray(worker_ids) == 2, 0.05, 0.9)

    assert top_workers_for_job(index, index.jobs.row(10), 2, now=NOW).ids.tolist() == [2, 1]
    index.set_acceptance(Shy())
    ranked = top_workers_for_job(index, index.jobs.row(10), 2, now=NOW)
    assert ranked.ids.tolist() == [1, 2]


def test_acceptance_explain_names_each_feature():
    index = make_index()
    w = add_worker(index, 1)
    j = add_job(index, 10)
    assert acceptance_explain(index, j, w, now=NOW) is None
    index.set_acceptance(DECLARED)
    p, terms = acceptance_explain(index, j, w, now=NOW)
    assert 0.0 < p < 1.0
    assert [name for name, _ in terms if name != "worker"] and len(terms) == len(FEATURES) + 1


def test_dispatch_values_pairs_by_expected_fills_and_keeps_a_standby_list():
    index = make_index()
    add_job(index, 10, places_left=1, **at_km(0.0))
    for wid, km in ((1, 0.5), (2, 1.0), (3, 1.5), (4, 2.0), (5, 2.5)):
        add_worker(index, wid, **at_km(km))

    class Unlikely:
        version = "unlikely"

        def probability(self, features, job_ids, worker_ids):
            return np.where(np.asarray(worker_ids) == 1, 0.1, 0.8)

    plain = dispatch(index, MONDAY, now=NOW)
    assert index.workers.ids[plain.assignment.worker_rows].tolist() == [1]
    assert plain.assignment.acceptance is None
    index.set_acceptance(Unlikely())
    result = dispatch(index, MONDAY, now=NOW)
    chosen = index.workers.ids[result.assignment.worker_rows].tolist()
    assert chosen == [2]
    assert result.assignment.acceptance.tolist() == pytest.approx([0.8])
    job_row = index.jobs.row(10)
    standby = index.workers.ids[result.standby[job_row]].tolist()
    # Best expected value first, never the worker already proposed, at most 3 per place.
    assert standby == [3, 4, 5]
    pairs = result.standby_pairs[job_row]
    values = result.problem.pair_value[pairs]
    assert np.all(np.diff(values) <= 0)


def test_standby_never_holds_a_worker_given_work_in_the_same_run():
    index = make_index()
    add_job(index, 10, places_left=1)
    add_job(index, 11, places_left=1, **at_km(2.5))
    for wid, km in ((1, 0.5), (2, 1.0), (3, 3.0)):
        add_worker(index, wid, **at_km(km))
    index.set_acceptance(DECLARED)
    result = dispatch(index, MONDAY, now=NOW)
    given = set(index.workers.ids[result.assignment.worker_rows].tolist())
    assert len(given) == 2
    for rows in result.standby.values():
        assert not given & set(index.workers.ids[rows].tolist())


def test_dispatch_proposes_no_pair_less_likely_than_the_floor_and_lists_still_show_it():
    index = make_index()
    add_job(index, 10, places_left=2, **at_km(0.0))
    add_worker(index, 1, **at_km(0.5))
    add_worker(index, 2, **at_km(1.0))

    class Doubtful:
        version = "doubtful"

        def probability(self, features, job_ids, worker_ids):
            return np.where(np.asarray(worker_ids) == 1, 0.49, 0.5)

    index.set_acceptance(Doubtful())
    result = dispatch(index, MONDAY, now=NOW)
    assert index.workers.ids[result.assignment.worker_rows].tolist() == [2]
    assert result.standby == {}
    assert top_jobs_for_worker(index, index.workers.row(1), 5, now=NOW).ids.tolist() == [10]
    lower = dispatch(index, MONDAY, now=NOW, weights=dataclasses.replace(DEFAULT_WEIGHTS, dispatch_min_acceptance=0.4))
    assert sorted(index.workers.ids[lower.assignment.worker_rows].tolist()) == [1, 2]


def test_dispatch_leaves_out_pairs_already_asked_and_offers_the_next_worker():
    index = make_index()
    add_job(index, 10, places_left=1, **at_km(0.0))
    add_worker(index, 1, **at_km(0.5))
    add_worker(index, 2, **at_km(1.0))
    index.set_acceptance(DECLARED)
    assert index.workers.ids[dispatch(index, MONDAY, now=NOW).assignment.worker_rows].tolist() == [1]
    result = dispatch(index, MONDAY, now=NOW, asked=(np.array([10]), np.array([1])))
    assert index.workers.ids[result.assignment.worker_rows].tolist() == [2]
    assert result.standby == {}
