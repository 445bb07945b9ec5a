"""前程无忧 (51job): the enterprise's job export, XML (`<joblist><job>…</job></joblist>`).

Pay as `<providesalary>` text with `<salarytype>`; `<isclosed>` 1 = closed; the company's credit
code in `<cocreditcode>`. Modelled on 51job's enterprise XML export; check against the real contract.
"""

from __future__ import annotations

from xml.etree import ElementTree

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

_SALARY_TYPES = {"1": "hour", "2": "day", "3": "month", "4": "piece"}


def job51_rows(payload: bytes) -> list[PostingRow | RowProblem]:
    try:
        # ElementTree refuses external entities and DTD tricks beyond the default expansion limit.
        root = ElementTree.fromstring(payload)
    except ElementTree.ParseError as error:
        raise FeedError(f"51job: not XML ({error})") from None
    if root.tag != "joblist":
        raise FeedError(f"51job: the root is <{root.tag}>, not <joblist>")
    rows: list[PostingRow | RowProblem] = []
    for number, job in enumerate(root.findall("job"), start=1):

        def field(name: str, job=job) -> str:
            return text(job.findtext(name))

        external_id = field("jobid")
        try:
            if not external_id:
                raise RowError("jobid", missing=True)
            pay_fen, pay_unit = pay_parse(
                field("providesalary"), default_unit=_SALARY_TYPES.get(field("salarytype"), "")
            )
            start_time, end_time = times_parse(field("worktime"))
            start = date_parse(field("startdate"))
            rows.append(
                PostingRow(
                    row_number=number,
                    external_id=external_id,
                    title=field("jobname")[:100],
                    category=field("funtype"),
                    employer_name=field("coname")[:100],
                    uscc=field("cocreditcode"),
                    contact_name=field("contactperson")[:50],
                    contact_phone=field("contactmobile"),
                    address=field("address")[:200],
                    area=field("jobarea"),
                    lat=decimal_or_none(field("lat")),
                    lon=decimal_or_none(field("lon")),
                    pay_fen=pay_fen,
                    pay_unit=pay_unit,
                    start_date=start,
                    end_date=date_parse(field("enddate")) if field("enddate") else start,
                    start_time=start_time,
                    end_time=end_time,
                    headcount=int_parse(field("jobnum") or 1, what="jobnum"),
                    description=field("jobinfo"),
                    closed=field("isclosed") == "1",
                )
            )
        except RowError as error:
            rows.append(RowProblem(number, external_id, str(error), field("jobname")[:100]))
    return rows
