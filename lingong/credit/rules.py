"""The credit score: a pure function of dated events (no Django, no database).

score = 60 + Σ weight · 0.5^(age_days / HALF_LIFE_DAYS), clamped to [0, 100].

- Everybody starts at 60 ("fair"); good facts push up, bad facts down.
- A fact loses half its weight every 90 days (HALF_LIFE_DAYS), so a bad
  week is not forever: a no-show (-10) counts -5 after three months,
  -2.5 after six. Facts older than 2 years (MAX_AGE_DAYS) are ignored.
- Facts dated in the future (clock skew) count as of now.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

BASELINE = 60.0
HALF_LIFE_DAYS = 90.0
MAX_AGE_DAYS = 730

# Weights per kind of fact. Ratings: (stars - 3) * 2, so 5 stars +4, 1 star -4.
WEIGHTS: dict[str, float] = {
    "completed": 3.0,
    "confirmed_on_time": 1.0,
    "no_show": -10.0,
    "late_cancellation": -5.0,
    "wages_paid_on_time": 2.0,
    "wages_overdue": -10.0,
    "case_upheld": -20.0,
    "rating": 0.0,  # weight from the stars, see rating_weight()
}

# Tiers, best first: (code, lowest score).
TIERS: tuple[tuple[str, float], ...] = (("excellent", 85.0), ("good", 70.0), ("fair", 50.0), ("poor", 0.0))


@dataclass(frozen=True)
class CreditFact:
    kind: str
    weight: float
    at: datetime


@dataclass(frozen=True)
class Score:
    score: float  # 0..100, one decimal
    tier: str


def rating_weight(stars: int) -> float:
    return (stars - 3) * 2.0


def decay(age_days: float, *, half_life_days: float = HALF_LIFE_DAYS) -> float:
    return 0.5 ** (max(age_days, 0.0) / half_life_days)


def fact_contribution(fact: CreditFact, now: datetime, *, half_life_days: float = HALF_LIFE_DAYS) -> float:
    age_days = (now - fact.at).total_seconds() / 86400
    if age_days > MAX_AGE_DAYS:
        return 0.0
    return fact.weight * decay(age_days, half_life_days=half_life_days)


def tier_for(score: float) -> str:
    for code, lowest in TIERS:
        if score >= lowest:
            return code
    return TIERS[-1][0]


def credit_score(facts: Iterable[CreditFact], now: datetime, *, half_life_days: float = HALF_LIFE_DAYS) -> Score:
    total = BASELINE + sum(fact_contribution(f, now, half_life_days=half_life_days) for f in facts)
    value = round(min(100.0, max(0.0, total)), 1)
    return Score(score=value, tier=tier_for(value))
