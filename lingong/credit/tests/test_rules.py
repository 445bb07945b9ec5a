from datetime import timedelta

import pytest

from lingong.credit import rules
from lingong.credit.rules import CreditFact, credit_score
from lingong.testing.clock import TEST_NOW

NOW = TEST_NOW


def test_nobody_starts_at_the_baseline():
    assert credit_score([], NOW) == rules.Score(score=60.0, tier="fair")


def test_a_fact_loses_half_its_weight_every_90_days():
    no_show = lambda days: CreditFact("no_show", -10.0, NOW - timedelta(days=days))  # noqa: E731
    assert credit_score([no_show(0)], NOW).score == 50.0
    assert credit_score([no_show(90)], NOW).score == 55.0
    assert credit_score([no_show(180)], NOW).score == 57.5
    assert credit_score([no_show(731)], NOW).score == 60.0  # older than two years: ignored


def test_a_bad_week_is_not_forever():
    week = [CreditFact("no_show", -10.0, NOW - timedelta(days=d)) for d in (1, 3, 5)]
    assert credit_score(week, NOW) == rules.Score(score=30.7, tier="poor")
    assert credit_score(week, NOW + timedelta(days=365)).score == 58.2


def test_score_is_clamped_and_tiered():
    many_good = [CreditFact("completed", 3.0, NOW) for _ in range(20)]
    assert credit_score(many_good, NOW) == rules.Score(score=100.0, tier="excellent")
    many_bad = [CreditFact("case_upheld", -20.0, NOW) for _ in range(5)]
    assert credit_score(many_bad, NOW) == rules.Score(score=0.0, tier="poor")


@pytest.mark.parametrize(
    "score, tier", [(85.0, "excellent"), (84.9, "good"), (70.0, "good"), (50.0, "fair"), (49.9, "poor"), (0.0, "poor")]
)
def test_tier_bounds(score, tier):
    assert rules.tier_for(score) == tier


def test_future_facts_count_as_now_and_ratings_weigh_by_stars():
    assert credit_score([CreditFact("completed", 3.0, NOW + timedelta(days=2))], NOW).score == 63.0
    assert [rules.rating_weight(s) for s in (1, 2, 3, 4, 5)] == [-4.0, -2.0, 0.0, 2.0, 4.0]
