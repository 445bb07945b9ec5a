"""BOSS直聘 (BOSS Zhipin): the recruiter's job list, JSON (`zpData.jobList`).

Dates come as epoch milliseconds, pay as `salaryDesc` ("180-220元/天"); `jobStatus` 0 = open,
1 = closed. Modelled on BOSS's open-platform job export; check against the real contract's docs.
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
    time_parse,
)


def boss_rows(payload: bytes) -> list[PostingRow | RowProblem]:
    items = json_feed_items(payload, platform="BOSS", data_key="zpData", list_key="jobList")
    return json_rows(items, list_key="jobList", id_key="encryptJobId", title_key="jobName", build=_row)


def _row(job: dict, number: int, external_id: str) -> PostingRow:
    pay_fen, pay_unit = pay_parse(text(job.get("salaryDesc")))
    location = job.get("location") or {}
    boss = job.get("boss") or {}
    return PostingRow(
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
