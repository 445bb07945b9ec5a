"""The adapters are pure: bytes in, rows out. Edge cases of each platform's shape and of the shared parsers."""

from __future__ import annotations

import json
from datetime import date, time

import pytest

from lingong.aggregation.adapters import FeedError, PostingRow, RowProblem, adapter_rows
from lingong.aggregation.adapters.base import date_parse, pay_parse
from lingong.aggregation.adapters.generic import mapping_problems
from lingong.aggregation.adapters.zhaopin import ZHAOPIN_MAPPING
from lingong.aggregation.samples import sample_bytes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("160元/天", (16000, "day")),
        ("150-180元/天", (15000, "day")),
        ("25元/小时", (2500, "hour")),
        ("4000-4500元/月", (400000, "month")),
        ("4k-5k/月", (400000, "month")),
        ("3元/件", (300, "piece")),
        ("200", None),  # no unit and none given
    ],
)
def test_pay_parse_takes_the_lower_bound(text, expected):
    if expected is None:
        with pytest.raises(ValueError):
            pay_parse(text)
    else:
        assert pay_parse(text) == expected


def test_dates_in_each_platform_form():
    assert date_parse("2026-12-07") == date(2026, 12, 7)
    assert date_parse("2026/12/07") == date(2026, 12, 7)
    assert date_parse("2026-12-07 09:00:00") == date(2026, 12, 7)
    # BOSS: epoch milliseconds of midnight in Beijing (16:00 UTC the day before)
    assert date_parse("1796572800000") == date(2026, 12, 7)


def test_every_sample_reads_with_today_in_its_dates(today):
    for platform in ("58", "boss", "51job", "zhaopin"):
        rows = adapter_rows(platform, sample_bytes(platform, today))
        read = [row for row in rows if isinstance(row, PostingRow)]
        assert read and all(row.start_date >= today for row in read), platform


def test_a_platform_error_code_fails_the_whole_feed():
    with pytest.raises(FeedError):
        adapter_rows("58", json.dumps({"code": 40001, "msg": "token expired"}).encode())
    with pytest.raises(FeedError):
        adapter_rows("boss", b"not json")
    with pytest.raises(FeedError):
        adapter_rows("51job", b"<jobs></jobs>")


def test_51job_rows_keep_the_salary_type_and_close_flag(today):
    rows = adapter_rows("51job", sample_bytes("51job", today))
    first = rows[0]
    assert (first.external_id, first.pay_fen, first.pay_unit, first.start_time, first.end_time, first.closed) == (
        "130098001", 20000, "day", time(8), time(20), False,
    )  # fmt: skip
    assert isinstance(rows[3], RowProblem) and rows[3].external_id == "130098004"


def test_zhaopin_in_gbk_as_its_export_often_is(today):
    payload = sample_bytes("zhaopin", today).decode("utf-8").encode("gb18030")
    rows = adapter_rows("zhaopin", payload)
    assert [row.external_id for row in rows] == ["CC000123451J01", "CC000123451J02", "CC000123451J03", "CC000123451J04"]
    assert rows[0].employer_name == "拉萨日光家政服务有限公司"


def test_a_generic_mapping_is_checked_before_any_row():
    assert mapping_problems({"title": "岗位"}) == [
        "'employer_name' is needed",
        "'start_date' is needed",
        "'pay' (or 'pay_amount' and 'pay_unit') is needed",
    ]
    assert mapping_problems(ZHAOPIN_MAPPING) == []
    with pytest.raises(FeedError):
        adapter_rows("generic", "岗位\n保安\n".encode(), mapping={"title": "岗位"})


def test_a_sheet_without_an_id_column_gets_a_stable_one(today):
    mapping = {"title": "岗位", "employer_name": "单位", "pay": "工资", "start_date": "日期"}
    payload = f"岗位,单位,工资,日期\n保安,拉萨布达拉物业服务有限公司,180元/天,{today.isoformat()}\n".encode()
    first = adapter_rows("generic", payload, mapping=mapping)[0]
    second = adapter_rows("generic", payload, mapping=mapping)[0]
    assert first.external_id == second.external_id and first.external_id.startswith("row-")
