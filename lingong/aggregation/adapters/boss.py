"""BOSS直聘 (BOSS Zhipin): the recruiter's job list, JSON (`zpData.jobList`).

Dates come as epoch milliseconds, pay as `salaryDesc` ("180-220元/天"); `jobStatus` 0 = open,
1 = closed. Modelled on BOSS's open-platform job export; check against the real contract's docs.
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
    time_parse,
)


def boss_rows(payload: bytes) -> list[PostingRow | RowProblem]:
    try:
        document = json.loads(payload.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError(f"BOSS: not JSON ({error})") from None
    if not isinstance(document, dict) or document.get("code") != 0 or not isinstance(document.get("zpData"), dict):
        raise FeedError(f"BOSS: the feed answered {document.get('message') if isinstance(document, dict) else '?'}")
    rows: list[PostingRow | RowProblem] = []
    for number, job in enumerate(document["zpData"].get("jobList") or [], start=1):
        external_id = text(job.get("encryptJobId")) if isinstance(job, dict) else ""
        try:
            if not isinstance(job, dict):
                raise RowError("jobList", missing=True)
            if not external_id:
                raise RowError("encryptJobId", missing=True)
            pay_fen, pay_unit = pay_parse(text(job.get("salaryDesc")))
            location = job.get("location") or {}
            boss = job.get("boss") or {}
            rows.append(
                PostingRow(
                    row_number=number,
                    external_id=external_id,
                    title=text(job.get("jobName"), 100),
                    category=text(job.get("positionName")),
                    employer_name=text(job.get("brandName"), 100),
                    uscc=text(job.get("unifiedCreditCode")),
                    contact_name=text(boss.get("name"), 50),
                    contact_phone=text(boss.get("mobile")),
                    address=text(location.get("address"), 200),
                    area=text(location.get("areaDistrict")),
                    lat=decimal_or_none(location.get("latitude")),
                    lon=decimal_or_none(location.get("longitude")),
                    pay_fen=pay_fen,
                    pay_unit=pay_unit,
                    start_date=date_parse(job.get("startTime")),
                    end_date=date_parse(job.get("endTime") or job.get("startTime")),
                    start_time=time_parse(job.get("dailyStart", "09:00")),
                    end_time=time_parse(job.get("dailyEnd", "18:00")),
                    headcount=int_parse(job.get("recruitCount", 1), what="recruitCount"),
                    description=text(job.get("postDescription")),
                    closed=str(job.get("jobStatus", 0)) != "0",
                )
            )
        except RowError as error:
            rows.append(RowProblem(number, external_id, str(error), text((job or {}).get("jobName"), 100)))
    return rows
