"""58同城 (58.com): the partner job feed, JSON.

Modelled on 58's partner export (`infoList` of posts, `state` 1 = online); the real field names must
be checked against the contract's own documentation before a source goes live (docs/aggregation.md).
"""

from __future__ import annotations

from .base import (
    PostingRow,
    RowProblem,
    date_parse,
    decimal_or_none,
    int_parse,
    json_feed_items,
    json_rows,
    pay_parse,
    text,
    times_parse,
)


def wuba_rows(payload: bytes) -> list[PostingRow | RowProblem]:
    items = json_feed_items(payload, platform="58", data_key="data", list_key="infoList")
    return json_rows(items, list_key="infoList", id_key="infoId", title_key="title", build=_row)


def _row(info: dict, number: int, external_id: str) -> PostingRow:
    pay_fen, pay_unit = pay_parse(text(info.get("salary")))
    start_time, end_time = times_parse(text(info.get("workTime")))
    work_date = info.get("workDate") or {}
    start = date_parse(work_date.get("start"))
    return PostingRow(
        row_number=number,
        external_id=external_id,
        title=text(info.get("title"), 100),
        category=text(info.get("cateName")),
        employer_name=text(info.get("companyName"), 100),
        uscc=text(info.get("creditCode")),
        contact_name=text(info.get("contactPerson"), 50),
        contact_phone=text(info.get("phone")),
        address=text(info.get("address"), 200),
        area=text(info.get("localName")),
        lat=decimal_or_none(info.get("lat")),
        lon=decimal_or_none(info.get("lng")),
        pay_fen=pay_fen,
        pay_unit=pay_unit,
        start_date=start,
        end_date=date_parse(work_date["end"]) if work_date.get("end") else start,
        start_time=start_time,
        end_time=end_time,
        headcount=int_parse(info.get("recruitNum", 1), what="recruitNum"),
        description=text(info.get("content")),
        closed=str(info.get("state", 1)) != "1",
    )
