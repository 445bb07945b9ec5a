"""Reasons: codes with parameters, the strongest three, for the person who reads them."""

from __future__ import annotations

from lingong.matching import (
    REASON_CODES,
    explain_pair,
    top_jobs_for_worker,
    top_workers_for_job,
)
from lingong.matching.tests.helpers import NOW, add_job, add_worker, at_km, make_index


def test_reasons_for_the_worker_of_the_default_pair():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 100)
    (match,) = top_jobs_for_worker(index, index.workers.row(1), now=NOW)
    assert match.reasons == (
        ("pay_above_expectation", {"pay_fen": 25000, "pay_yuan": 250}),
        ("distance", {"km": 2.0}),
        ("has_trade", {}),
    )


def test_reasons_for_the_employer_of_the_default_pair():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 100)
    (match,) = top_workers_for_job(index, index.jobs.row(100), now=NOW)
    assert match.reasons == (
        ("little_recent_work", {"days": 0.0}),
        ("skill_level", {"level": 3}),
        ("distance", {"km": 2.0}),
    )


def test_urgency_and_pay_that_only_meets_expectation():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 100, pay_fen=20000, urgency=1.0, **at_km(8.0))  # too far for a distance reason
    (match,) = top_jobs_for_worker(index, index.workers.row(1), now=NOW)
    assert match.reasons == (
        ("urgent", {}),
        ("pay_meets_expectation", {"pay_fen": 20000, "pay_yuan": 200}),
        ("has_trade", {}),
    )


def test_reliability_certificate_and_common_language_for_the_employer():
    index = make_index()
    add_worker(index, 1, trades=[(10, 2, True)], reliability=0.9, languages=0b11, recent_work_days=10.0)
    add_job(index, 100, languages=0b10, **at_km(8.0))  # needs Tibetan
    (match,) = top_workers_for_job(index, index.jobs.row(100), now=NOW)
    assert match.reasons == (
        ("reliable_worker", {"reliability": 0.9}),
        ("certified", {}),
        ("common_language", {"language": "bo"}),
    )


def test_a_worker_who_set_no_lowest_pay_reads_the_pay_without_a_comparison():
    index = make_index()
    add_worker(index, 1, min_pay_fen=0)
    add_job(index, 100)
    (match,) = top_jobs_for_worker(index, index.workers.row(1), now=NOW)
    assert match.reasons == (
        ("day_pay", {"pay_fen": 25000, "pay_yuan": 250}),
        ("distance", {"km": 2.0}),
        ("has_trade", {}),
    )


def test_the_reason_texts_about_pay():
    from django.utils import translation

    from lingong.matching.selectors import reason_text

    with translation.override("zh-hans"):
        assert reason_text("day_pay", {"pay_yuan": 250}) == "日薪250元"
        assert reason_text("pay_above_expectation", {"pay_yuan": 250}) == "日薪250元，高于您的期望"


def test_trusted_employer_and_related_trade_for_the_worker():
    index = make_index()
    index.upsert_employers([500], credit=0.95)
    add_worker(index, 1, min_pay_fen=30000)  # this pay is below what the worker asked
    add_job(index, 100, trade_ids=11, **at_km(8.0))
    (match,) = top_jobs_for_worker(index, index.workers.row(1), now=NOW)
    assert match.reasons == (
        ("trusted_employer", {"credit": 0.95}),
        ("starts_soon", {"hours": 2.0}),
        ("related_trade", {}),
    )


def test_every_emitted_code_is_listed_and_at_most_three_are_given():
    index = make_index()
    for w in range(5):
        add_worker(index, w, reliability=0.2 * w, languages=1 + (w % 3), trades=[(10, 1 + w, w % 2 == 0)])
    for j in range(5):
        add_job(index, 100 + j, pay_fen=15000 + 5000 * j, urgency=j / 4, languages=j % 3, **at_km(j))
    for w in range(5):
        for match in top_jobs_for_worker(index, index.workers.row(w), now=NOW):
            assert 1 <= len(match.reasons) <= 3
            assert all(code in REASON_CODES for code, _ in match.reasons)
    for j in range(5):
        for match in top_workers_for_job(index, index.jobs.row(100 + j), now=NOW):
            assert 1 <= len(match.reasons) <= 3
            assert all(code in REASON_CODES for code, _ in match.reasons)


def test_explain_pair_agrees_with_the_ranked_result():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 100)
    fits, score, reasons = explain_pair(index, index.jobs.row(100), index.workers.row(1), now=NOW, audience="worker")
    (match,) = top_jobs_for_worker(index, index.workers.row(1), now=NOW)
    assert fits is True
    assert abs(score - match.score) < 1e-6
    assert reasons == match.reasons
