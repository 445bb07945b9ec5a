"""Loading the trade list: an empty table is filled in bulk, and what it holds then is what loading the file again
one trade at a time leaves (the same rows, the same related trades in both directions)."""

from __future__ import annotations

import json

import pytest

from lingong.trades.models import JobType
from lingong.trades.services import DATA_FILE, _related_pairs, job_type_sync_from_file

pytestmark = pytest.mark.django_db


def _state() -> tuple[list[tuple], set[tuple[str, str]]]:
    rows = list(JobType.objects.order_by("slug").values_list("slug", "name_zh", "name_bo", "icon", "sort_order"))
    through = JobType.related.through
    pairs = set(through.objects.values_list("from_jobtype__slug", "to_jobtype__slug"))
    return rows, pairs


def test_an_empty_table_is_filled_in_bulk_as_the_file_says(django_assert_max_num_queries):
    JobType.related.through.objects.all().delete()
    JobType.objects.all().delete()
    with django_assert_max_num_queries(3):  # is it empty; the trades; their related trades
        count = job_type_sync_from_file()
    entries = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert count == len(entries) == JobType.objects.count()
    rows, pairs = _state()
    assert pairs and pairs == {(b, a) for a, b in pairs}  # symmetrical

    job_type_sync_from_file()  # the file again, trade by trade: nothing to change
    assert _state() == (rows, pairs)


def test_setting_related_trades_in_order_takes_away_what_a_later_trade_leaves_out():
    entries = [
        {"slug": "a", "related": ["b", "c"]},
        {"slug": "b", "related": ["a"]},
        {"slug": "c", "related": []},  # c's own set takes a-c away again
        {"slug": "d", "related": ["d", "x"]},  # itself, and a trade not in the file
    ]
    assert _related_pairs(entries) == {("a", "b"), ("b", "a"), ("d", "d")}
