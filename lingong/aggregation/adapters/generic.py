"""Any CSV or Excel sheet, read by a column mapping staff set in the console.

The mapping says which column (by its header text) holds each field:
`{"external_id": "编号", "title": "岗位", "pay": "工资", ...}`. A sheet without an id column gets
one from the row's content, so that running the same sheet twice still changes nothing.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date, datetime, time

from .base import (
    FeedError,
    PostingRow,
    RowError,
    RowProblem,
    date_parse,
    decimal_or_none,
    fen_parse,
    int_parse,
    pay_parse,
    text,
    time_parse,
    times_parse,
)

# Fields a mapping may name; `title`, `employer_name`, `pay` (or `pay_amount` + `pay_unit`) and `start_date` are needed.
MAPPING_FIELDS = (
    "external_id",
    "title",
    "employer_name",
    "uscc",
    "contact_name",
    "contact_phone",
    "address",
    "area",
    "lat",
    "lon",
    "pay",
    "pay_amount",
    "pay_unit",
    "start_date",
    "end_date",
    "work_time",
    "start_time",
    "end_time",
    "headcount",
    "description",
    "closed",
    "category",
)
REQUIRED_FIELDS = ("title", "employer_name", "start_date")
_UNIT_WORDS = {
    "hour": "hour", "小时": "hour", "时": "hour", "day": "day", "天": "day", "日": "day",
    "month": "month", "月": "month", "piece": "piece", "件": "piece",
}  # fmt: skip
_CLOSED_WORDS = {"1", "true", "yes", "是", "已关闭", "关闭", "已下线", "下线", "停止招聘", "closed"}


def mapping_problems(mapping: dict) -> list[str]:
    """What is wrong with a column mapping (empty when it can be used)."""
    if not isinstance(mapping, dict):
        return ["the mapping must be an object"]
    problems = [f"unknown field {key!r}" for key in mapping if key not in MAPPING_FIELDS]
    problems += [f"{key!r} is needed" for key in REQUIRED_FIELDS if not mapping.get(key)]
    if not mapping.get("pay") and not (mapping.get("pay_amount") and mapping.get("pay_unit")):
        problems.append("'pay' (or 'pay_amount' and 'pay_unit') is needed")
    return problems


def sheet_records(payload: bytes, *, file_name: str = "") -> list[dict[str, object]]:
    """The rows of the first sheet as {header: value}, from .xlsx or CSV (UTF-8 or GBK)."""
    if payload[:2] == b"PK" or file_name.lower().endswith(".xlsx"):
        import openpyxl  # noqa: PLC0415  (only a sheet import needs it; the module loads the XML stack)

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(payload), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise FeedError(f"not an Excel workbook ({error.__class__.__name__})") from None
        sheet = workbook.worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        workbook.close()
    else:
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                decoded = payload.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise FeedError("the file is neither UTF-8 nor GBK text")
        values = list(csv.reader(io.StringIO(decoded)))
    if not values:
        raise FeedError("the sheet is empty")
    headers = [text(cell) for cell in values[0]]
    records = []
    for cells in values[1:]:
        if not any(text(cell) for cell in cells):
            continue
        records.append({header: cells[index] if index < len(cells) else None for index, header in enumerate(headers)})
    return records


def _get(record: dict, mapping: dict, key: str):
    column = mapping.get(key)
    return record.get(column) if column else None


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    return date_parse(value)


def _time(value) -> time:
    if isinstance(value, datetime):
        return value.time()
    return time_parse(value)


def record_row(record: dict, mapping: dict, *, number: int) -> PostingRow:
    title = text(_get(record, mapping, "title"), 100)
    employer_name = text(_get(record, mapping, "employer_name"), 100)
    if not title:
        raise RowError(mapping.get("title", "title"), missing=True)
    if not employer_name:
        raise RowError(mapping.get("employer_name", "employer_name"), missing=True)
    if mapping.get("pay"):
        pay_fen, pay_unit = pay_parse(text(_get(record, mapping, "pay")), default_unit="day")
    else:
        unit_text = text(_get(record, mapping, "pay_unit")).lower().lstrip("元/每")
        pay_unit = _UNIT_WORDS.get(unit_text)
        if pay_unit is None:
            raise RowError(mapping.get("pay_unit", "pay_unit"), unit_text, unit=True)
        pay_fen = fen_parse(_get(record, mapping, "pay_amount"))
    start = _date(_get(record, mapping, "start_date"))
    end_value = _get(record, mapping, "end_date")
    if mapping.get("work_time"):
        start_time, end_time = times_parse(text(_get(record, mapping, "work_time")))
    elif mapping.get("start_time") and mapping.get("end_time"):
        start_time, end_time = _time(_get(record, mapping, "start_time")), _time(_get(record, mapping, "end_time"))
    else:
        start_time, end_time = time(9, 0), time(18, 0)
    external_id = text(_get(record, mapping, "external_id"), 64)
    if not external_id:  # a sheet with no id column: the row's content is its id
        digest = hashlib.sha256("\x1f".join([employer_name, title, start.isoformat()]).encode()).hexdigest()
        external_id = "row-" + digest[:24]
    headcount_value = _get(record, mapping, "headcount")
    return PostingRow(
        row_number=number,
        external_id=external_id,
        title=title,
        employer_name=employer_name,
        category=text(_get(record, mapping, "category")),
        uscc=text(_get(record, mapping, "uscc")),
        contact_name=text(_get(record, mapping, "contact_name"), 50),
        contact_phone=text(_get(record, mapping, "contact_phone")),
        address=text(_get(record, mapping, "address"), 200),
        area=text(_get(record, mapping, "area")),
        lat=decimal_or_none(_get(record, mapping, "lat")),
        lon=decimal_or_none(_get(record, mapping, "lon")),
        pay_fen=pay_fen,
        pay_unit=pay_unit,
        start_date=start,
        end_date=_date(end_value) if end_value not in (None, "") else start,
        start_time=start_time,
        end_time=end_time,
        headcount=int_parse(headcount_value, what="headcount") if headcount_value not in (None, "") else 1,
        description=text(_get(record, mapping, "description")),
        closed=text(_get(record, mapping, "closed")).lower() in _CLOSED_WORDS,
    )


def generic_rows(payload: bytes, *, mapping: dict, file_name: str = "") -> list[PostingRow | RowProblem]:
    problems = mapping_problems(mapping)
    if problems:
        raise FeedError("column mapping: " + "; ".join(problems))
    records = sheet_records(payload, file_name=file_name)
    missing = [column for column in mapping.values() if column and column not in records[0]] if records else []
    if missing:
        raise FeedError("the sheet has no column " + ", ".join(repr(column) for column in missing))
    rows: list[PostingRow | RowProblem] = []
    for number, record in enumerate(records, start=2):  # row 1 is the header, as staff see it in Excel
        try:
            rows.append(record_row(record, mapping, number=number))
        except RowError as error:
            external_id = text(_get(record, mapping, "external_id"), 64)
            rows.append(RowProblem(number, external_id, str(error), text(_get(record, mapping, "title"), 100)))
    return rows
