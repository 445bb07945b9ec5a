"""The one place where matching is tuned: `MatchWeights`.

Every number that changes who is shown to whom lives here, so that a tuning
change is one reviewed diff and a benchmark or simulation run can name the
exact settings it used (`dataclasses.asdict(weights)`). docs/matching.md
explains each group and how to tune it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MatchWeights:
    """Weights and shape constants of the score; the defaults are the production settings.

    The final score of a (job, worker) pair is

        score = (1 - market_share) * combine(worker_side, employer_side)
                + market_share * market

    where each side and `market` is a weighted mean of components in [0, 1]
    (weights below, normalised within their group), and `combine` is the
    harmonic mean so that neither side can buy a match the other side finds
    poor. All scores are in [0, 1].
    """

    # --- worker side: does this job suit the worker? -----------------------
    worker_distance: float = 3.0
    """Closeness of the job to the worker's home (exp(-km / distance_scale_km))."""
    worker_pay: float = 3.0
    """Pay against the worker's lowest acceptable day pay (see pay_ratio_*)."""
    worker_employer_credit: float = 1.0
    """The employer's credit in [0, 1], from lingong.credit (0.5 when the index has no score)."""
    worker_start_soon: float = 1.0
    """Work that starts soon (exp(-hours / start_scale_hours)); day labourers want today's work."""
    worker_language: float = 1.0
    """1 when the job needs no language or one the worker speaks, else 0."""
    worker_trade_fit: float = 1.0
    """1 for the worker's own trade, related_trade_fit for a related trade."""

    # --- employer side: does this worker suit the employer? ----------------
    employer_skill: float = 2.0
    """Trade level 1-5 as level / 5 (times related_trade_fit for a related trade)."""
    employer_certified: float = 1.0
    """1 when the worker holds a certificate for the job's own trade."""
    employer_reliability: float = 2.0
    """The worker's reliability in [0, 1], from lingong.credit (0.5 when the index has no score)."""
    employer_distance: float = 1.0
    """Employers prefer workers who live close: they arrive on time."""
    employer_language: float = 1.0
    """Same language component as the worker side."""

    # --- market: fairness and urgency, owned by neither side ---------------
    market_share: float = 0.4
    """Share of the final score given to the market term (0 = pure reciprocal fit).

    Chosen with bench/simulate_market.py: 0.25 (with fair_need 2) barely
    spread work beyond what a nearest-first list does; 0.4 with fair_need 4
    lowered the Gini of work days and raised the share of workers with work
    each week at a small cost in travel distance (see docs/matching.md)."""
    fair_need: float = 4.0
    """Workers with little recent work rise: exp(-recent_work_days / recent_work_scale_days)."""
    fair_worker_exposure: float = 1.0
    """Workers shown often lately sink: 1 / (1 + exposure / exposure_scale)."""
    fair_job_exposure: float = 1.0
    """Jobs seen by few workers so far rise, so new postings get seen."""
    urgency: float = 1.0
    """The job's urgency in [0, 1] (1 for a fast-channel posting)."""

    # --- shapes ---------------------------------------------------------------
    distance_scale_km: float = 4.0
    pay_ratio_floor: float = 0.8
    """pay / lowest acceptable pay at which the pay component is 0."""
    pay_ratio_ceiling: float = 1.3
    """pay / lowest acceptable pay at which the pay component reaches 1."""
    start_scale_hours: float = 24.0
    related_trade_fit: float = 0.5
    recent_work_scale_days: float = 5.0
    exposure_scale: float = 20.0

    # --- hard-filter tolerance ------------------------------------------------
    late_join_hours: float = 1.0
    """A job stays on offer until this long after its start (a late arrival is still useful)."""

    # --- reasons --------------------------------------------------------------
    reason_min_component: float = 0.5
    """A component is given as a reason only when it is at least this good."""
    reason_min_credit: float = 0.7
    """Credit / reliability worth mentioning."""
    reason_min_level: int = 3
    """Trade level worth mentioning to an employer."""

    # --- fast channel ---------------------------------------------------------
    fast_channel_min_rating: float = 0.7
    """Reliability from which a worker is in the 'best rated' tier."""
    fast_channel_rated_size: int = 20
    """How many best-rated workers the second tier holds."""

    # --- acceptance (with an estimator on the index) -----------------------------
    acceptance_pool: int = 50
    """Lists re-rank the exact top this-many by score by P(accept) x score, so the query stays a top-k search."""
    dispatch_standby_per_place: int = 3
    """Dispatch keeps this many standby workers per place, best expected value first."""
    dispatch_min_acceptance: float = 0.5
    """Dispatch proposes (or keeps on standby) only pairs at least this likely to be accepted: a proposal
    that is probably declined costs the worker a message and the place its morning; those jobs stay in the
    lists. Chosen with bench/simulate_market.py (docs/performance.md, "Matching that learns")."""

    # --- dispatch -------------------------------------------------------------
    dispatch_candidates_per_place: int = 3
    """Each job keeps its best (places x this) workers as flow candidates..."""
    dispatch_min_candidates: int = 10
    """...and at least this many."""
    dispatch_candidates_per_worker: int = 5
    """Each worker also keeps its best this-many jobs, so nobody is left without options."""
    dispatch_fill_bonus: float = 0.0
    """Added to every pair's score in the flow: > 0 trades score for filled places."""
    dispatch_cost_scale: int = 10_000
    """Scores become integer costs -round(score * scale) for the min-cost flow."""

    def __post_init__(self) -> None:
        if not 0.0 <= self.market_share <= 1.0:
            raise ValueError("market_share must be in [0, 1]")
        if self.pay_ratio_ceiling <= self.pay_ratio_floor:
            raise ValueError("pay_ratio_ceiling must exceed pay_ratio_floor")
        for group in (self.worker_weights(), self.employer_weights(), self.market_weights()):
            if min(group) < 0 or sum(group) <= 0:
                raise ValueError("each weight group needs non-negative weights with a positive sum")

    def worker_weights(self) -> tuple[float, ...]:
        return (
            self.worker_distance,
            self.worker_pay,
            self.worker_employer_credit,
            self.worker_start_soon,
            self.worker_language,
            self.worker_trade_fit,
        )

    def employer_weights(self) -> tuple[float, ...]:
        return (
            self.employer_skill,
            self.employer_certified,
            self.employer_reliability,
            self.employer_distance,
            self.employer_language,
        )

    def market_weights(self) -> tuple[float, ...]:
        return (self.fair_need, self.fair_worker_exposure, self.fair_job_exposure, self.urgency)


DEFAULT_WEIGHTS = MatchWeights()
