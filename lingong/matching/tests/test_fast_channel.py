"""Fast channel: preferred workers, then the best rated, then everyone who fits."""

from __future__ import annotations

from lingong.matching import MatchWeights, fast_channel_tiers
from lingong.matching.tests.helpers import NOW, add_job, add_worker, at_km, make_index


def ids(index, rows):
    return index.workers.ids[rows].tolist()


def test_tiers_hold_each_fitting_worker_once_in_order():
    index = make_index()
    add_worker(index, 1, reliability=0.2)  # preferred
    add_worker(index, 2, reliability=0.9, **at_km(30.0))  # preferred, but too far: does not fit
    add_worker(index, 3, reliability=0.9)
    add_worker(index, 4, reliability=0.8)
    add_worker(index, 5, reliability=0.3)
    add_worker(index, 6, reliability=0.75)
    add_worker(index, 7, reliability=0.95, trades=[(12, 5, True)])  # wrong trade
    add_job(index, 100)
    rows = [index.workers.row(w) for w in (2, 1)]
    tiers = fast_channel_tiers(
        index, index.jobs.row(100), rows, now=NOW, weights=MatchWeights(fast_channel_rated_size=2)
    )
    assert ids(index, tiers.preferred) == [1]
    assert ids(index, tiers.best_rated) == [3, 4]
    assert ids(index, tiers.everyone) == [6, 5]


def test_without_preferences_the_first_tier_is_empty():
    index = make_index()
    add_worker(index, 1, reliability=0.9)
    add_job(index, 100)
    preferred, best_rated, everyone = fast_channel_tiers(index, index.jobs.row(100), [], now=NOW)
    assert ids(index, preferred) == []
    assert ids(index, best_rated) == [1]
    assert ids(index, everyone) == []
