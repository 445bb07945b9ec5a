"""Chengguan's gig market under five policies, on the same days, in two markets and over several seeds.

Run: python -m bench.simulate_market [--days 21] [--seeds 7,8,9] [--market loose,tight]
                                     [--policies board,nearest,lingong,ceiling,clairvoyant]
                                     [--weights NAME=VALUE ...] [--dispatch-hours 7,8,9 | 6-21]
                                     [--no-memory]

The world, the postings, who looks for work when, and the hidden utility by which every worker answers are
drawn from the seed (bench/market_world.py); the policies (bench/market_play.py) play the same days:
(a) board, (b) nearest-first list, (c) lingong (the engine ranking and dispatching by expected value,
learning acceptance from the answers it sees, from the declared profiles on day 0), (d) ceiling (the same
with the true acceptance probability: how much any acceptance model could give), (e) clairvoyant (a
reference that knows every answer in advance and reaches everyone at once).

Markets: "loose" has all 25,000 drawn workers (about 3.2 workers looking for work per place posted on an
average day); "tight" only the first 9,300 of them for the same demand (about 1.2). The ratio is measured
and printed. Each (market, seed, policy) runs in its own process (2 at a time); the tables give the mean
over seeds and the range [min-max]. The first week is reported apart (cold start), and Lingong's logged
answers are evaluated offline: the model trained on the days before the last week, scored on the last week.
The tables are printed and written to bench/results/<name>.md, the figures to bench/results/<name>.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import time
from collections import defaultdict
from typing import Any

import numpy as np

from bench.market_play import DISPATCH_HOURS, ENGINE_POLICIES, POLICIES, Market, Outcome
from bench.market_world import (
    MARKETS,
    Postings,
    TrueAcceptance,
    World,
    looking_per_place,
    make_activity,
    make_postings,
    make_world,
)
from bench.report import RESULTS, machine
from lingong.matching import DEFAULT_WEIGHTS, MatchWeights
from lingong.matching.acceptance import DECLARED, evaluate_acceptance, fit_acceptance, hit_rate_at_k

DEFAULT_DAYS = 21
DEFAULT_SEEDS = (7, 8, 9)
EVAL_DAYS = 7
"""Offline evaluation: the model is trained on the days before the last EVAL_DAYS and scored on those."""
COLD_DAYS = 7
"""Cold start: the first week reported apart."""


# --- figures of one run -------------------------------------------------------------------


def gini(values: np.ndarray) -> float:
    v = np.sort(np.asarray(values, dtype=np.float64))
    n = len(v)
    if n == 0 or v.sum() == 0:
        return 0.0
    return float((2.0 * np.arange(1, n + 1) - n - 1).dot(v) / (n * v.sum()))


def figures(postings: Postings, out: Outcome, lo: int, hi: int) -> dict[str, float]:
    """Figures of the postings posted on days [lo, hi) and of the work and searches of those days."""
    c = postings.cols
    counted = np.isinf(c["cancel_hour"]) & (c["post_day"] >= lo) & (c["post_day"] < hi)
    posted_places = int(c["headcount"][counted].sum())
    fills = [f for f in out.fills if counted[f[0]]]
    gigs = np.flatnonzero(counted & ~c["long"])
    same_day = sum(
        1
        for j in gigs.tolist()
        if len(out.filled_on.get(j, ())) == c["headcount"][j] and max(out.filled_on[j]) == c["post_day"][j]
    )
    same_day_places = sum(sum(1 for d in out.filled_on.get(j, ()) if d == c["post_day"][j]) for j in gigs.tolist())
    weeks = [w for w in range(lo // 7, hi // 7) if 7 * w >= lo and 7 * w + 7 <= hi]
    share_week = []
    for w in weeks:
        looked = set().union(*(out.searched.get(d, set()) for d in range(7 * w, 7 * w + 7)))
        share_week.append(len(out.placed_in_week[w] & looked) / max(len(looked), 1))
    searched_any = sorted(set().union(*(out.searched.get(d, set()) for d in range(lo, hi))))
    worked = np.array([wi for wi, d in out.work_days if lo <= d < hi], dtype=np.int64)
    per_worker = np.bincount(worked, minlength=max(searched_any, default=0) + 1) if len(worked) else None
    work = per_worker[searched_any] if per_worker is not None else np.zeros(len(searched_any))
    waits = np.array([f[2] for f in fills])
    props = [p for p in out.proposals if lo <= p[0] < hi]
    standby = [p for p in props if p[4]]
    applications = sum(out.applications.get(d, 0) for d in range(lo, hi))
    return {
        "fill_rate": len(fills) / max(posted_places, 1),
        "day_gigs_filled_same_day": same_day / max(len(gigs), 1),
        "day_gig_places_filled_same_day": same_day_places / max(int(c["headcount"][gigs].sum()), 1),
        "median_hours_to_fill": float(np.median(waits)) if len(waits) else float("nan"),
        "p90_hours_to_fill": float(np.percentile(waits, 90)) if len(waits) else float("nan"),
        "proposals": len(props),
        "proposals_accepted_share": (sum(p[3] for p in props) / len(props)) if props else float("nan"),
        "standby_proposals": len(standby),
        "standby_accepted_share": (sum(p[3] for p in standby) / len(standby)) if standby else float("nan"),
        "mean_travel_km": float(np.mean([f[3] for f in fills])) if fills else float("nan"),
        "gini_work_days": gini(work),
        "workers_with_a_job_each_week": float(np.mean(share_week)) if share_week else float("nan"),
        "applications_turned_away": sum(out.turned_away.get(d, 0) for d in range(lo, hi)) / max(applications, 1),
        "no_show_share": float(np.mean([not f[4] for f in fills])) if fills else float("nan"),
        "placements": len(fills),
        "posted_places": posted_places,
        "workers_who_searched": len(searched_any),
        "free_lookers_per_place": float(np.mean([len(out.searched.get(d, ())) for d in range(lo, hi)]))
        * (hi - lo)
        / max(posted_places, 1),
    }


UNITS = {
    "fill_rate": "share",
    "day_gigs_filled_same_day": "share",
    "day_gig_places_filled_same_day": "share",
    "median_hours_to_fill": "h",
    "p90_hours_to_fill": "h",
    "proposals": "proposals",
    "proposals_accepted_share": "share",
    "standby_proposals": "proposals",
    "standby_accepted_share": "share",
    "mean_travel_km": "km",
    "gini_work_days": "gini",
    "workers_with_a_job_each_week": "share",
    "applications_turned_away": "share",
    "no_show_share": "share",
    "placements": "placements",
    "posted_places": "places",
    "workers_who_searched": "workers",
    "free_lookers_per_place": "workers per place",
    "policy_seconds": "s",
    "training_seconds": "s",
}


def proposal_diagnostics(out: Outcome) -> dict[str, float]:
    """Why proposals were declined: the hidden utility's terms of the declined ones."""
    props = out.proposals
    if not props:
        return {}
    # accepted, standby, pay term, distance term, trade term, noise, possible, free
    arr = np.array([p[3:11] for p in props], dtype=np.float64)
    acc, pay, dist, trade = arr[:, 0] > 0, arr[:, 2], arr[:, 3], arr[:, 4]
    possible, free = arr[:, 6] > 0, arr[:, 7] > 0
    det = pay + dist + trade - 0.1
    dec = ~acc
    n_dec = max(int(dec.sum()), 1)
    return {
        "declined": int(dec.sum()),
        "declined_impossible_share": float((dec & ~possible).sum() / n_dec),
        "declined_calendar_share": float((dec & possible & ~free).sum() / n_dec),
        "declined_expected_yes_share": float((dec & possible & free & (det > 0)).sum() / n_dec),
        "declined_pay_below_reservation_share": float((dec & (pay < 0)).sum() / n_dec),
        "declined_mean_pay_term": float(pay[dec & possible].mean()) if (dec & possible).any() else float("nan"),
        "declined_mean_distance_term": float(dist[dec & possible].mean()) if (dec & possible).any() else float("nan"),
        "accepted_mean_pay_term": float(pay[acc].mean()) if acc.any() else float("nan"),
        "accepted_mean_distance_term": float(dist[acc].mean()) if acc.any() else float("nan"),
        "mean_true_p_of_proposals": float(np.mean(1.0 / (1.0 + np.exp(-np.where(possible & free, det, -30.0) / 0.4)))),
    }


# --- offline evaluation of Lingong's logged answers ------------------------------------------------


def offline_evaluation(world: World, postings: Postings, market: Market, days: int) -> dict[str, Any]:
    """Train on the answers of days < D, score on those of days >= D (pairs already seen in training left out).

    Hit rate at 10: on the held-out days one list in `POOL_SAMPLE` logged the engine's whole candidate pool (the
    `acceptance_pool` best jobs by score); each ranking orders that pool and a list counts as a hit when the
    job is among its first 10. "chosen" is the job the worker applied to (from the 10 shown by the live model,
    so the live ranking favours it); "best in pool" is the job the worker would have taken from the whole pool
    (the simulation knows it), a fair target for every ranking.
    """
    log = market.log
    assert log is not None
    cut = days - EVAL_DAYS
    ids = world.workers["ids"]
    train = log.answers(0, cut)
    test = log.answers(cut, days, exclude_pairs=train["pair"])
    model = fit_acceptance(train["X"], train["y"], ids[train["worker"]], version="offline", prior=DECLARED)
    oracle = TrueAcceptance(world, postings)
    result: dict[str, Any] = {"train_answers": len(train["y"]), "test_answers": len(test["y"])}
    proposal_rows = _proposal_pairs(log, cut, days)
    for name, est in (("trained", model), ("declared", DECLARED), ("oracle", oracle)):
        args = (test["X"], test["y"], ids[test["worker"]])
        result[name] = evaluate_acceptance(est, *args, job_ids=test["job"] + 1)
        sel = np.isin(test["pair"], proposal_rows)
        result[name]["proposals_auc"] = evaluate_acceptance(
            est, test["X"][sel], test["y"][sel], ids[test["worker"]][sel], job_ids=test["job"][sel] + 1
        )["auc"]
    pools = [p for p in log.pools if p["day"] >= cut]
    hits: dict[str, dict[str, float | None]] = {}
    for name, est in (("score", None), ("trained", model), ("declared", DECLARED), ("oracle", oracle)):
        ranked = []
        for p in pools:
            value = p["scores"]
            if est is not None:
                value = value * est.probability(p["X"], p["jobs"] + 1, np.full(len(p["jobs"]), ids[p["worker"]]))
            ranked.append(p["jobs"][np.argsort(-value, kind="stable")].tolist())
        hits[name] = {
            "chosen": hit_rate_at_k(ranked, [p["chosen"] for p in pools], 10),
            "best_in_pool": hit_rate_at_k(ranked, [p["best_in_pool"] for p in pools], 10),
        }
    result["hit_rate_at_10"] = hits
    result["pools"] = len(pools)
    result["pools_answered"] = sum(p["chosen"] is not None for p in pools)
    result["final_model"] = market.out.models[-1] if market.out.models else None
    return result


def _proposal_pairs(log: Any, lo: int, hi: int) -> np.ndarray:
    day, prop = log.column("day"), log.column("proposal").astype(bool)
    keep = prop & (day >= lo) & (day < hi)
    return log.column("worker")[keep].astype(np.int64) * (1 << 32) + log.column("job")[keep].astype(np.int64)


# --- one (market, seed, policy) in a process -------------------------------------------------------


def run_one(task: tuple[str, int, str, int, dict[str, float], dict[str, Any]]) -> dict[str, Any]:
    market_name, seed, policy, days, overrides, options = task
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    t0 = time.perf_counter()
    weights = dataclasses.replace(DEFAULT_WEIGHTS, **overrides)
    world = make_world(seed, MARKETS[market_name])
    postings = make_postings(world, days)
    act = make_activity(world, days)
    market = Market(world, postings, policy, weights, eval_from_day=days - EVAL_DAYS, **options)
    out = market.run(act, days)
    result: dict[str, Any] = {
        "market": market_name,
        "seed": seed,
        "policy": policy,
        "looking_per_place": looking_per_place(postings, act, days),
        "looking_per_day": float(np.mean([len(act.first_seen[d][0]) for d in range(days)])),
        "postings": len(postings),
        "figures": figures(postings, out, 0, days)
        | {"policy_seconds": out.seconds, "training_seconds": out.training_seconds},
        "first_week": figures(postings, out, 0, min(COLD_DAYS, days)),
        "diagnostics": proposal_diagnostics(out),
    }
    if policy == "lingong" and days > EVAL_DAYS:
        result["offline"] = offline_evaluation(world, postings, market, days)
    result["seconds"] = time.perf_counter() - t0
    print(f"  done {market_name} seed {seed} {policy}: {result['seconds']:.0f} s", flush=True)
    return result


# --- across seeds ------------------------------------------------------------------------------------


def spread(values: list[float]) -> dict[str, float]:
    v = np.array([x for x in values if x is not None and np.isfinite(x)], dtype=np.float64)
    if len(v) == 0:
        return {"mean": float("nan"), "min": float("nan"), "max": float("nan"), "sd": float("nan")}
    return {
        "mean": float(v.mean()),
        "min": float(v.min()),
        "max": float(v.max()),
        "sd": float(v.std(ddof=1)) if len(v) > 1 else 0.0,
    }


def gap_closed(runs: dict[str, dict[int, dict[str, Any]]], key: str, figure: str) -> dict[str, float] | None:
    """(lingong - nearest) / (ceiling - nearest) per seed, and of the means."""
    if not {"lingong", "nearest", "ceiling"} <= runs.keys():
        return None
    seeds = sorted(runs["lingong"])
    per_seed = []
    for s in seeds:
        near, ling, ceil = (runs[p][s][key][figure] for p in ("nearest", "lingong", "ceiling"))
        per_seed.append((ling - near) / (ceil - near) if abs(ceil - near) > 1e-9 else float("nan"))
    means = {p: np.mean([runs[p][s][key][figure] for s in seeds]) for p in ("nearest", "lingong", "ceiling")}
    of_means = (means["lingong"] - means["nearest"]) / (means["ceiling"] - means["nearest"])
    return spread(per_seed) | {
        "of_means": float(of_means),
        "ceiling_minus_nearest": float(means["ceiling"] - means["nearest"]),
    }


def _cell(s: dict[str, float], unit: str) -> str:
    if not np.isfinite(s["mean"]):
        return "–"
    if unit == "share":
        fmt = lambda x: f"{100 * x:.1f}"  # noqa: E731
    elif unit in ("proposals", "placements", "places", "workers"):
        fmt = lambda x: f"{x:,.0f}"  # noqa: E731
    elif unit == "gini":
        fmt = lambda x: f"{x:.3f}"  # noqa: E731
    else:
        fmt = lambda x: f"{x:.2f}"  # noqa: E731
    if s["min"] == s["max"]:
        return fmt(s["mean"])
    return f"{fmt(s['mean'])} [{fmt(s['min'])}–{fmt(s['max'])}]"


TABLE_FIGURES = (
    "fill_rate",
    "day_gigs_filled_same_day",
    "day_gig_places_filled_same_day",
    "median_hours_to_fill",
    "p90_hours_to_fill",
    "proposals",
    "proposals_accepted_share",
    "standby_proposals",
    "standby_accepted_share",
    "mean_travel_km",
    "gini_work_days",
    "workers_with_a_job_each_week",
    "applications_turned_away",
    "free_lookers_per_place",
)


def table(runs: dict[str, dict[int, dict[str, Any]]], key: str, policies: list[str], figures_: tuple[str, ...]) -> str:
    lines = [
        "| figure (share in %) | " + " | ".join(policies) + " |",
        "| --- | " + " | ".join("---:" for _ in policies) + " |",
    ]
    for f in figures_:
        cells = [_cell(spread([runs[p][s][key][f] for s in runs[p]]), UNITS[f]) for p in policies]
        lines.append(f"| {f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def offline_table(offline: list[dict[str, Any]]) -> str:
    lines = [
        "| acceptance model, held-out last week | trained | declared (cold start) | oracle (true P) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for fig in ("auc", "proposals_auc", "log_loss", "brier"):
        cells = [_cell(spread([o[m][fig] for o in offline]), "x") for m in ("trained", "declared", "oracle")]
        lines.append(f"| {fig} | " + " | ".join(cells) + " |")
    for target in ("chosen", "best_in_pool"):
        cells = [
            _cell(spread([o["hit_rate_at_10"][m][target] for o in offline]), "share")
            for m in ("trained", "declared", "oracle")
        ]
        lines.append(f"| hit rate at 10, {target} (%) | " + " | ".join(cells) + " |")
    cells = [
        _cell(spread([o["hit_rate_at_10"]["score"][t] for o in offline]), "share") for t in ("chosen", "best_in_pool")
    ]
    lines.append(
        f"| hit rate at 10 by score alone (no model), chosen / best in pool (%) | {cells[0]} / {cells[1]} | | |"
    )
    return "\n".join(lines)


def calibration_table(offline: list[dict[str, Any]], model: str = "trained", bins: int = 10) -> str:
    """Calibration of the held-out answers pooled over seeds: mean P against the rate seen, per tenth of P."""
    acc: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for o in offline:
        for b in o[model]["calibration"]:
            k = min(int(b["p_mean"] * bins), bins - 1)
            acc[k][0] += b["p_mean"] * b["n"]
            acc[k][1] += b["rate"] * b["n"]
            acc[k][2] += b["n"]
    lines = ["| P bin | mean P | accepted rate | answers |", "| --- | ---: | ---: | ---: |"]
    for k in sorted(acc):
        s_p, s_r, n = acc[k]
        lines.append(f"| {k / bins:.1f}–{(k + 1) / bins:.1f} | {s_p / n:.3f} | {s_r / n:.3f} | {n:,} |")
    return "\n".join(lines)


TARGETS_TEXT = {
    "tight_same_day_lead": "tight: lingong same-day fill of day gigs >= nearest + 10 points",
    "tight_gap_closed": "tight: lingong closes >= 50% of the nearest-ceiling gap (same-day fill)",
    "loose_same_day": "loose: lingong same-day fill of day gigs >= 90%",
    "gini": "Gini of work days below board and nearest, both markets",
    "proposals_accepted": "proposals accepted >= 70% (lingong, both markets)",
}


def targets(all_runs: dict[str, dict[str, dict[int, dict[str, Any]]]]) -> dict[str, dict[str, Any]]:
    def mean(m: str, p: str, f: str) -> float:
        return float(np.mean([all_runs[m][p][s]["figures"][f] for s in all_runs[m][p]]))

    out: dict[str, dict[str, Any]] = {}
    if "tight" in all_runs and {"lingong", "nearest"} <= all_runs["tight"].keys():
        lead = mean("tight", "lingong", "day_gigs_filled_same_day") - mean(
            "tight", "nearest", "day_gigs_filled_same_day"
        )
        out["tight_same_day_lead"] = {"value": lead, "met": lead >= 0.10}
        g = gap_closed(all_runs["tight"], "figures", "day_gigs_filled_same_day")
        if g:
            out["tight_gap_closed"] = {"value": g["of_means"], "met": g["of_means"] >= 0.5}
    if "loose" in all_runs and "lingong" in all_runs["loose"]:
        v = mean("loose", "lingong", "day_gigs_filled_same_day")
        out["loose_same_day"] = {"value": v, "met": v >= 0.90}
    gini_ok, gini_vals = True, {}
    for m, runs in all_runs.items():
        if {"lingong", "nearest", "board"} <= runs.keys():
            g = {p: mean(m, p, "gini_work_days") for p in ("board", "nearest", "lingong")}
            gini_vals[m] = g
            gini_ok &= g["lingong"] < min(g["board"], g["nearest"])
    if gini_vals:
        out["gini"] = {"value": gini_vals, "met": gini_ok}
    acc = {m: mean(m, "lingong", "proposals_accepted_share") for m, runs in all_runs.items() if "lingong" in runs}
    if acc:
        out["proposals_accepted"] = {"value": acc, "met": all(v >= 0.70 for v in acc.values())}
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS)
    parser.add_argument("--seeds", default=",".join(map(str, DEFAULT_SEEDS)), help="comma-separated")
    parser.add_argument("--seed", type=int, help="one seed (same as --seeds N)")
    parser.add_argument("--market", default="loose,tight", help="loose, tight or both (comma-separated)")
    parser.add_argument("--policies", default=",".join(POLICIES))
    parser.add_argument("--workers", type=int, default=2, help="processes")
    parser.add_argument(
        "--weights", nargs="*", default=[], metavar="NAME=VALUE", help="MatchWeights overrides, e.g. market_share=0.4"
    )
    parser.add_argument(
        "--dispatch-hours",
        default=",".join(f"{h:g}" for h in DISPATCH_HOURS),
        help="hours of the dispatch rounds (lingong, ceiling), e.g. 7,8,9 or 6-21 (every half hour)",
    )
    parser.add_argument("--no-memory", action="store_true", help="do not remember declined pairs (lingong, ceiling)")
    parser.add_argument("--out", help="name of the results file (default simulate_market[_<days>d...].json)")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    load_at_start = os.getloadavg()[0]
    seeds = [args.seed] if args.seed is not None else [int(s) for s in args.seeds.split(",")]
    markets = args.market.split(",")
    policies = args.policies.split(",")
    fields = {f.name: f.type for f in dataclasses.fields(MatchWeights)}
    overrides: dict[str, Any] = {}
    for kv in args.weights:
        k, v = kv.split("=")
        overrides[k] = int(v) if fields.get(k) in ("int", int) else float(v)
    if "-" in args.dispatch_hours:
        lo, hi = (float(x) for x in args.dispatch_hours.split("-"))
        dispatch_hours = tuple(np.arange(lo, hi + 0.25, 0.5).tolist())
    else:
        dispatch_hours = tuple(float(h) for h in args.dispatch_hours.split(","))
    options = {
        "dispatch_hours": dispatch_hours,
        "memory": not args.no_memory,
    }
    print(
        f"simulate_market on {machine()}: {args.days} days, seeds {seeds}, markets {markets}, policies {policies}"
        + (f", weights {overrides}" if overrides else "")
        + f", dispatch at {args.dispatch_hours}"
        + (", no memory of answers" if args.no_memory else ""),
        flush=True,
    )
    cost = {"lingong": 0, "ceiling": 1, "nearest": 2, "board": 3}
    tasks = [
        (m, s, p, args.days, overrides, options)
        for m in markets
        for p in sorted(policies, key=lambda p: cost.get(p, 9))
        for s in seeds
    ]
    tasks.sort(key=lambda t: (t[0] != "loose", cost.get(t[2], 9)))  # the slowest first
    with multiprocessing.get_context("fork").Pool(min(args.workers, len(tasks))) as pool:
        done = pool.map(run_one, tasks, chunksize=1)
    runs: dict[str, dict[str, dict[int, dict[str, Any]]]] = {m: {p: {} for p in policies} for m in markets}
    for r in done:
        runs[r["market"]][r["policy"]][r["seed"]] = r
    report = render(runs, markets, policies, args.days, seeds)
    print("\n" + report, flush=True)
    flat = results_json(runs, markets, policies)
    flat["total_seconds"] = {"value": round(time.perf_counter() - t0, 1), "unit": "s"}
    # Other processes on the machine slow wall-clock figures down: say how busy it was.
    flat["machine_load_1min_at_start"] = {"value": load_at_start, "unit": "runnable processes"}
    flat["machine_load_1min_at_end"] = {"value": os.getloadavg()[0], "unit": "runnable processes"}
    flat["days"] = {"value": args.days, "unit": "days"}
    flat["seeds"] = {"value": ",".join(map(str, seeds)), "unit": "seeds"}
    if overrides:
        flat["weights"] = {"value": json.dumps(overrides), "unit": "MatchWeights overrides"}
    RESULTS.mkdir(exist_ok=True)
    default = (
        args.days == DEFAULT_DAYS
        and not overrides
        and dispatch_hours == DISPATCH_HOURS
        and not args.no_memory
        and seeds == list(DEFAULT_SEEDS)
        and markets == ["loose", "tight"]
    )
    name = args.out or ("simulate_market" if default else f"simulate_market_{args.days}d_{'_'.join(markets)}")
    path = RESULTS / f"{name}.json"
    # One figure a line: the file stays readable in a diff.
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in flat.items()]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n")
    (RESULTS / f"{name}.md").write_text(report + "\n")
    print(f"\ntotal {time.perf_counter() - t0:.0f} s on {args.workers} processes; written {path} and {name}.md")
    return {"runs": runs, "flat": flat}


def render(runs: dict[str, Any], markets: list[str], policies: list[str], days: int, seeds: list[int]) -> str:
    parts = []
    for m in markets:
        r = runs[m]
        any_run = next(iter(next(iter(r.values())).values()))
        ratio = spread([x["looking_per_place"] for x in r[policies[0]].values()])
        parts.append(
            f"### {m} market: {MARKETS[m]:,} workers, {days} days, seeds {', '.join(map(str, seeds))}\n\n"
            f"Workers looking per place posted, average day: {ratio['mean']:.2f} [{ratio['min']:.2f}–{ratio['max']:.2f}]; "
            f"{any_run['looking_per_day']:,.0f} looking a day, {any_run['postings']:,} postings (seed {any_run['seed']}).\n"
        )
        parts.append(table(r, "figures", policies, TABLE_FIGURES))
        gaps = []
        for f in ("day_gigs_filled_same_day", "fill_rate"):
            g = gap_closed(r, "figures", f)
            if g:
                gaps.append(
                    f"- gap closed on {f}: {100 * g['of_means']:.0f}% of the means "
                    f"(per seed {100 * g['min']:.0f}–{100 * g['max']:.0f}%); ceiling - nearest = {100 * g['ceiling_minus_nearest']:.1f} points"
                )
        if gaps:
            parts.append("\n" + "\n".join(gaps))
        cold = [p for p in ("nearest", "lingong", "ceiling") if p in r]
        if cold:
            parts.append(f"\nCold start, first {COLD_DAYS} days (lingong from the declared profiles):\n")
            parts.append(table(r, "first_week", cold, TABLE_FIGURES[:11]))
            g = gap_closed(r, "first_week", "day_gigs_filled_same_day")
            if g:
                parts.append(f"\n- first week, gap closed on same-day fill: {100 * g['of_means']:.0f}% of the means")
        offline = [x["offline"] for x in r.get("lingong", {}).values() if "offline" in x]
        if offline:
            n_tr = spread([o["train_answers"] for o in offline])["mean"]
            n_te = spread([o["test_answers"] for o in offline])["mean"]
            parts.append(
                f"\nOffline evaluation (lingong's log; trained on days < {days - EVAL_DAYS}, {n_tr:,.0f} answers; "
                f"held out days >= {days - EVAL_DAYS}, {n_te:,.0f} answers):\n"
            )
            parts.append(offline_table(offline))
            parts.append("\nCalibration of the trained model on the held-out days (pooled over seeds):\n")
            parts.append(calibration_table(offline))
        diag = {p: [x["diagnostics"] for x in r[p].values() if x["diagnostics"]] for p in ENGINE_POLICIES if p in r}
        diag = {p: d for p, d in diag.items() if d}
        if diag:
            keys = list(next(iter(diag.values()))[0])
            parts.append("\nDispatch proposals, why declined (hidden utility terms):\n")
            parts.append("| figure | " + " | ".join(diag) + " |\n| --- | " + " | ".join("---:" for _ in diag) + " |")
            for k in keys:
                parts.append(
                    f"| {k} | " + " | ".join(f"{spread([x[k] for x in d])['mean']:.3f}" for d in diag.values()) + " |"
                )
        parts.append("")
    t = targets(runs)
    if t:
        parts.append("### Targets\n\n| target | measured | met |\n| --- | --- | --- |")
        for k, v in t.items():
            parts.append(f"| {TARGETS_TEXT[k]} | {_fmt_target(v['value'])} | {'yes' if v['met'] else '**no**'} |")
    return "\n".join(parts)


def _fmt_target(v: Any) -> str:
    if isinstance(v, dict):
        return "; ".join(f"{k}: {_fmt_target(x)}" for k, x in v.items())
    return f"{v:.3f}"


def results_json(runs: dict[str, Any], markets: list[str], policies: list[str]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for m in markets:
        for p in policies:
            seeds = sorted(runs[m][p])
            for key in ("figures", "first_week"):
                for f in runs[m][p][seeds[0]][key]:
                    vals = [runs[m][p][s][key][f] for s in seeds]
                    s = spread(vals)
                    flat[f"{m}.{p}.{'' if key == 'figures' else 'first_week.'}{f}"] = {
                        "value": round(s["mean"], 6),
                        "unit": UNITS.get(f, ""),
                        "min": round(s["min"], 6),
                        "max": round(s["max"], 6),
                        "per_seed": [round(float(v), 6) for v in vals],
                    }
            ratio = spread([runs[m][p][s]["looking_per_place"] for s in seeds])
            flat[f"{m}.looking_per_place"] = {
                "value": round(ratio["mean"], 4),
                "unit": "workers per place",
                "min": round(ratio["min"], 4),
                "max": round(ratio["max"], 4),
            }
            if p == "lingong":
                off = [runs[m][p][s].get("offline") for s in seeds]
                if all(off):
                    for est in ("trained", "declared", "oracle"):
                        for fig in ("auc", "proposals_auc", "log_loss", "brier"):
                            s = spread([o[est][fig] for o in off])
                            flat[f"{m}.offline.{est}.{fig}"] = {
                                "value": round(s["mean"], 6),
                                "unit": fig,
                                "min": round(s["min"], 6),
                                "max": round(s["max"], 6),
                            }
                    for est in ("score", "trained", "declared", "oracle"):
                        for tgt in ("chosen", "best_in_pool"):
                            s = spread([o["hit_rate_at_10"][est][tgt] for o in off])
                            flat[f"{m}.offline.hit_rate_at_10.{est}.{tgt}"] = {
                                "value": round(s["mean"], 6),
                                "unit": "share",
                                "min": round(s["min"], 6),
                                "max": round(s["max"], 6),
                            }
                    flat[f"{m}.offline.calibration_trained"] = {
                        "value": [b for o in off[:1] for b in o["trained"]["calibration"]],
                        "unit": "bins (first seed)",
                    }
        for f in ("day_gigs_filled_same_day", "fill_rate"):
            g = gap_closed(runs[m], "figures", f)
            if g:
                flat[f"{m}.gap_closed.{f}"] = {
                    "value": round(g["of_means"], 4),
                    "unit": "share of the gap",
                    "min": round(g["min"], 4),
                    "max": round(g["max"], 4),
                }
    for k, v in targets(runs).items():
        flat[f"target.{k}"] = {"value": v["value"], "unit": "met" if v["met"] else "not met"}
    return flat


if __name__ == "__main__":
    main()
