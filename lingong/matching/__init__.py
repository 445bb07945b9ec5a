"""Matching engine: pure NumPy / OR-Tools, no Django, no ORM.

A loader (in the Django layer) fills a `MatchIndex` from the database and
keeps it fresh; the functions below read it. See docs/matching.md.
"""

from lingong.matching.acceptance import (
    DECLARED,
    FEATURES,
    AcceptanceEstimator,
    AcceptanceModel,
    evaluate_acceptance,
    features_for_pairs,
    fit_acceptance,
    hit_rate_at_k,
    pair_features,
)
from lingong.matching.dispatch import (
    Assignment,
    DispatchProblem,
    DispatchResult,
    dispatch,
    dispatch_problem,
    solve_flow,
    solve_greedy,
    standby_lists,
)
from lingong.matching.geo import LHASA, project_km
from lingong.matching.index import MatchIndex, pack_worker_trades
from lingong.matching.query import (
    FastChannelTiers,
    Feasible,
    Match,
    Matches,
    acceptance_explain,
    explain_pair,
    fast_channel_tiers,
    feasible_jobs_for_worker,
    feasible_workers_for_job,
    rank_workers_for_job,
    top_jobs_for_worker,
    top_workers_for_job,
)
from lingong.matching.scoring import LANGUAGES, REASON_CODES, Reason
from lingong.matching.timegrid import (
    AFTERNOON,
    ALL_SLOTS,
    ALL_WEEKDAYS,
    EVENING,
    FULL_WEEK,
    MORNING,
    day_number,
    local_day_hour,
)
from lingong.matching.weights import DEFAULT_WEIGHTS, MatchWeights

__all__ = [
    "DECLARED",
    "FEATURES",
    "AcceptanceEstimator",
    "AcceptanceModel",
    "acceptance_explain",
    "evaluate_acceptance",
    "features_for_pairs",
    "fit_acceptance",
    "hit_rate_at_k",
    "pair_features",
    "standby_lists",
    "AFTERNOON",
    "ALL_SLOTS",
    "ALL_WEEKDAYS",
    "DEFAULT_WEIGHTS",
    "EVENING",
    "FULL_WEEK",
    "LANGUAGES",
    "LHASA",
    "MORNING",
    "REASON_CODES",
    "Assignment",
    "DispatchProblem",
    "DispatchResult",
    "FastChannelTiers",
    "Feasible",
    "Match",
    "MatchIndex",
    "MatchWeights",
    "Matches",
    "Reason",
    "day_number",
    "dispatch",
    "dispatch_problem",
    "explain_pair",
    "fast_channel_tiers",
    "feasible_jobs_for_worker",
    "feasible_workers_for_job",
    "local_day_hour",
    "pack_worker_trades",
    "project_km",
    "rank_workers_for_job",
    "solve_flow",
    "solve_greedy",
    "top_jobs_for_worker",
    "top_workers_for_job",
]
