"""Each hard filter excludes exactly what it should, seen from both sides."""

from __future__ import annotations

from datetime import timedelta

from lingong.matching import AFTERNOON, EVENING, FULL_WEEK, MORNING
from lingong.matching.scoring import WorkerView
from lingong.matching.tests.helpers import (
    MONDAY,
    NOW,
    OTHER,
    RELATED,
    TRADE,
    add_job,
    add_worker,
    at_km,
    job_ids_for,
    make_index,
    worker_ids_for,
)
from lingong.matching.timegrid import availability_bit


def test_the_default_pair_fits_both_ways():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 100)
    assert job_ids_for(index, 1) == [100]
    assert worker_ids_for(index, 100) == [1]


def test_job_without_places_left_is_not_offered():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 100)
    add_job(index, 101, places_left=0)
    assert job_ids_for(index, 1) == [100]
    assert worker_ids_for(index, 101) == []
    index.set_places_left(100, 0)
    assert job_ids_for(index, 1) == []


def test_trade_must_be_the_workers_or_a_declared_related_one():
    index = make_index()
    add_worker(index, 1)  # trade TRADE; RELATED is declared related to it
    add_job(index, 100)
    add_job(index, 101, trade_ids=RELATED)
    add_job(index, 102, trade_ids=OTHER)
    assert sorted(job_ids_for(index, 1)) == [100, 101]
    assert worker_ids_for(index, 101) == [1]
    assert worker_ids_for(index, 102) == []


def test_related_trades_can_be_redeclared():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 102, trade_ids=OTHER)
    index.set_related_trades([(TRADE, OTHER)])
    assert job_ids_for(index, 1) == [102]
    assert worker_ids_for(index, 102) == [1]


def test_weekly_availability_bounds_the_job_slots():
    index = make_index()
    monday_morning_only = availability_bit(0, 0)
    add_worker(index, 1, availability=monday_morning_only)
    add_worker(index, 2, availability=FULL_WEEK)
    add_job(index, 100, slots=MORNING)
    add_job(index, 101, slots=MORNING | AFTERNOON)
    add_job(index, 102, slots=MORNING, start_day=MONDAY + 1)  # a Tuesday
    assert job_ids_for(index, 1) == [100]
    assert sorted(job_ids_for(index, 2)) == [100, 101, 102]
    assert worker_ids_for(index, 101) == [2]


def test_multi_day_job_needs_every_weekday_it_works():
    index = make_index()
    weekdays_only = sum(availability_bit(d, s) for d in range(5) for s in range(3))
    add_worker(index, 1, availability=weekdays_only)
    add_job(index, 100, slots=MORNING, end_day=MONDAY + 4)  # Monday to Friday
    add_job(index, 101, slots=MORNING, end_day=MONDAY + 6)  # through Sunday
    add_job(index, 102, slots=MORNING, end_day=MONDAY + 6, weekdays=0b0011111)  # Mon-Sun span, weekdays only
    assert sorted(job_ids_for(index, 1)) == [100, 102]


def test_day_off_excludes_every_job_working_that_day():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 100)
    add_job(index, 101, start_day=MONDAY + 1)
    add_job(index, 102, end_day=MONDAY + 2)  # spans the day off
    index.set_busy(1, MONDAY + 1, MORNING | AFTERNOON | EVENING)
    assert job_ids_for(index, 1) == [100]
    assert worker_ids_for(index, 101) == []
    assert worker_ids_for(index, 102) == []


def test_a_held_placement_blocks_only_overlapping_slots():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 100, slots=MORNING)
    add_job(index, 101, slots=AFTERNOON)
    add_job(index, 102, slots=EVENING)
    add_job(index, 103, slots=MORNING, start_day=MONDAY + 1)
    index.add_busy(1, MONDAY, MORNING | AFTERNOON)
    assert sorted(job_ids_for(index, 1)) == [102, 103]
    assert worker_ids_for(index, 100) == []
    assert worker_ids_for(index, 102) == [1]
    index.set_busy(1, MONDAY, 0)  # placement cancelled
    assert sorted(job_ids_for(index, 1)) == [100, 101, 102, 103]


def test_distance_within_the_workers_own_limit():
    index = make_index()
    add_worker(index, 1, max_km=5.0)
    add_worker(index, 2, max_km=20.0)
    add_job(index, 100, **at_km(4.9))
    add_job(index, 101, **at_km(0.0, -5.2))
    add_job(index, 102, **at_km(12.0, 9.0))  # 15 km
    assert job_ids_for(index, 1) == [100]
    assert sorted(job_ids_for(index, 2)) == [100, 101, 102]
    assert worker_ids_for(index, 102) == [2]


def test_a_block_by_either_side_separates_exactly_that_pair():
    index = make_index()
    add_worker(index, 1)
    add_worker(index, 2)
    add_job(index, 100, employer_ids=500)
    add_job(index, 101, employer_ids=501)
    index.block(1, 500)
    assert job_ids_for(index, 1) == [101]
    assert sorted(job_ids_for(index, 2)) == [100, 101]
    assert worker_ids_for(index, 100) == [2]
    assert sorted(worker_ids_for(index, 101)) == [1, 2]
    index.unblock(1, 500)
    assert sorted(job_ids_for(index, 1)) == [100, 101]


def test_physical_intensity_within_what_the_worker_declared():
    index = make_index()
    add_worker(index, 1, max_intensity=2)
    add_job(index, 100, intensity=1)
    add_job(index, 101, intensity=2)
    add_job(index, 102, intensity=3)
    assert sorted(job_ids_for(index, 1)) == [100, 101]
    assert worker_ids_for(index, 102) == []


def test_a_job_long_started_is_no_longer_offered():
    index = make_index()
    add_worker(index, 1)
    add_job(index, 100, start_hour=8.0)
    assert job_ids_for(index, 1, now=NOW + timedelta(hours=2, minutes=59)) == [100]  # 08:59, started 59 min ago
    assert job_ids_for(index, 1, now=NOW + timedelta(hours=3, minutes=1)) == []  # 09:01


def test_no_field_for_gender_ethnicity_or_age_exists():
    assert not {"sex", "gender", "ethnicity", "age", "birth_date"} & set(WorkerView._fields)


def test_open_places_near_a_worker_count_each_asked_trade_within_reach_still_open():
    """The "learn this" count: places, not jobs; only the trades asked; near, with places left, not ended."""
    from lingong.matching.query import open_places_near_worker

    index = make_index()
    add_worker(index, 1)
    add_job(index, 100, trade_ids=OTHER, places_left=2)
    add_job(index, 101, trade_ids=OTHER, places_left=3, **at_km(0.0, 6.0))
    add_job(index, 102, trade_ids=OTHER, places_left=4, **at_km(15.0))  # beyond the worker's 10 km
    add_job(index, 103, trade_ids=OTHER, places_left=0)  # filled
    add_job(index, 104, trade_ids=OTHER, places_left=5, start_day=MONDAY - 3, end_day=MONDAY - 1)  # ended
    add_job(index, 105, trade_ids=RELATED, places_left=1)
    add_job(index, 106, trade_ids=TRADE, places_left=7)  # not asked: the worker has this trade
    row = index.workers.row(1)
    assert open_places_near_worker(index, row, [OTHER, RELATED, 999], NOW) == {OTHER: 5, RELATED: 1}
    assert open_places_near_worker(index, row, [999], NOW) == {}
