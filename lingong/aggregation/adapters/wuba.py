"""58同城 (58.com): the partner job feed, JSON.

Modelled on 58's partner export (`infoList` of posts, `state` 1 = online); the real field names must
be checked against the contract's own documentation before a source goes live (docs/aggregation.md).
"""

from __future__ import annotations

import json

from .base import (
    FeedError,
    PostingRow,
    RowError,
    RowProblem,
    date_parse,
    decimal_or_none,
    int_parse,
    pay_parse,
    text,
    times_parse,
)


def wuba_rows(payload: bytes) -> list[PostingRow | RowProblem]:
    try:
        document = json.loads(payload.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError(f"58: not JSON ({error})") from None
    if not isinstance(document, dict) or document.get("code") != 0 or not isinstance(document.get("data"), dict):
        raise FeedError(f"58: the feed answered code {document.get('code') if isinstance(document, dict) else '?'}")
    rows: list[PostingRow | RowProblem] = []
    for number, info in enumerate(document["data"].get("infoList") or [], start=1):
        external_id = text(info.get("infoId")) if isinstance(info, dict) else ""
        try:
            if not isinstance(info, dict):
                raise RowError("infoList", missing=True)
            if not external_id:
                raise RowError("infoId", missing=True)
            pay_fen, pay_unit = pay_parse(text(info.get("salary")))
            start_time, end_time = times_parse(text(info.get("workTime")))
            work_date = info.get("workDate") or {}
            start = date_parse(work_date.get("start"))
            rows.append(
                PostingRow(
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
            )
        except RowError as error:
            rows.append(RowProblem(number, external_id, str(error), text((info or {}).get("title"), 100)))
    return rows
