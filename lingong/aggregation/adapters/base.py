"""What every adapter returns: one `PostingRow` per posting, or a `RowProblem` for a row it could not read.

Adapters are pure functions from the bytes a platform delivers to rows; they know nothing of the
database, so that a platform's change of shape is a change of one small module and its sample file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from lingong.core.money import yuan_to_fen

BEIJING = ZoneInfo("Asia/Shanghai")


class FeedError(Exception):
    """The payload as a whole cannot be read (not JSON, wrong root, an error code from the platform)."""


class RowError(ValueError):
    """One row cannot be read; the message says which field and why (kept in the run's report).

    The field is named as the platform names it (its own column or key), so staff find it in the file.
    """

    def __init__(self, field: str, value: object = None, *, missing: bool = False, unit: bool = False):
        if missing:
            message = _("%(field)s is missing.") % {"field": field}
        elif unit:
            message = _("%(field)s: “%(value)s” says no unit (hour, day, month or piece).") % {
                "field": field,
                "value": value,
            }
        else:
            message = _("%(field)s: “%(value)s” cannot be read.") % {"field": field, "value": value}
        super().__init__(str(message))


@dataclass
class PostingRow:
    external_id: str
    title: str
    employer_name: str
    uscc: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    address: str = ""
    area: str = ""  # the district or area as the platform writes it (城关区, 城关区-金珠西路)
    lat: Decimal | None = None
    lon: Decimal | None = None
    pay_fen: int = 0
    pay_unit: str = "day"  # lingong.trades.models.PayUnit values
    start_date: date | None = None
    end_date: date | None = None
    start_time: time = time(9, 0)
    end_time: time = time(18, 0)
    headcount: int = 1
    description: str = ""
    closed: bool = False
    category: str = ""  # the platform's own category text, a hint for the trade mapping
    row_number: int = 0
    extra: dict = field(default_factory=dict)


@dataclass
class RowProblem:
    row_number: int
    external_id: str
    reason: str
    title: str = ""


# ---- small parsers shared by the adapters -------------------------------------------------------

_PAY = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*(?P<lk>[kK千]?)\s*(?:[-~至到]\s*(?P<high>\d+(?:\.\d+)?)\s*(?P<hk>[kK千]?))?\s*"
    r"(?:元|块)?\s*(?:/|每|一)?\s*(?P<unit>小时|时|天|日|月|件|个|单)?"
)
_UNITS = {
    "小时": "hour",
    "时": "hour",
    "天": "day",
    "日": "day",
    "月": "month",
    "件": "piece",
    "个": "piece",
    "单": "piece",
}


def fen_parse(value) -> int:
    """A posted amount in fen (core.money's rule for money as people write it); refused when it is no pay."""
    fen = yuan_to_fen(value)
    if not fen:
        raise RowError("pay", value)
    return fen


def pay_parse(text: str, *, default_unit: str = "") -> tuple[int, str]:
    """'180-220元/天' → (18000, 'day'): the LOWER bound, the amount a worker can count on.

    A range's top is what the best-paid worker might get; the posting rules compare the lower bound
    with the minimum wage, and workers are promised no more than it.
    """
    text = (text or "").strip().replace("，", ",").replace(",", "")
    match = _PAY.search(text)
    if not match:
        raise RowError("pay", text)
    low = Decimal(match["low"]) * (1000 if match["lk"] else 1)
    unit = _UNITS.get(match["unit"] or "", "") or default_unit
    if not unit:
        raise RowError("pay", text, unit=True)
    return fen_parse(low), unit


def date_parse(value) -> date:
    """ISO '2026-12-07', '2026/12/07', '2026-12-07 09:00:00', or epoch milliseconds (Beijing date)."""
    if value is None or value == "":
        raise RowError("date", missing=True)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if text.isdigit() and len(text) >= 12:
        return datetime.fromtimestamp(int(text) / 1000, tz=UTC).astimezone(BEIJING).date()
    text = text.replace("/", "-").replace(".", "-")[:10]
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RowError("date", value) from None


def time_parse(value) -> time:
    if isinstance(value, time):
        return value
    text = str(value or "").strip().replace("：", ":")
    try:
        hours, _, minutes = text.partition(":")
        return time(int(hours), int(minutes or 0))
    except ValueError:
        raise RowError("time", value) from None


def times_parse(text: str) -> tuple[time, time]:
    """'08:00-18:00' → (08:00, 18:00)."""
    parts = re.split(r"\s*[-~至到]\s*", (text or "").strip())
    if len(parts) != 2:
        raise RowError("hours", text)
    return time_parse(parts[0]), time_parse(parts[1])


def int_parse(value, *, what: str) -> int:
    try:
        number = int(str(value).strip().rstrip("人名"))
    except ValueError:
        raise RowError(what, value) from None
    return number


def decimal_or_none(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip()).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise RowError("lat/lon", value) from None


def text(value, limit: int = 0) -> str:
    result = "" if value is None else str(value).strip()
    return result[:limit] if limit else result


def default_end(start: date, end: date | None) -> date:
    return end if end is not None else start + timedelta(days=0)


def json_feed_items(payload: bytes, *, platform: str, data_key: str, list_key: str) -> list:
    """The postings of a JSON feed whose envelope says `code: 0` (58同城, BOSS直聘): `document[data_key][list_key]`."""
    try:
        document = json.loads(payload.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedError(f"{platform}: not JSON ({error})") from None
    if not isinstance(document, dict) or document.get("code") != 0 or not isinstance(document.get(data_key), dict):
        answer = document.get("message") or document.get("code") if isinstance(document, dict) else "?"
        raise FeedError(f"{platform}: the feed answered {answer}")
    return document[data_key].get(list_key) or []


def json_rows(items: list, *, list_key: str, id_key: str, title_key: str, build) -> list[PostingRow | RowProblem]:
    """Each item through `build(item, number, external_id)`; a row that cannot be read is a RowProblem, not an end."""
    rows: list[PostingRow | RowProblem] = []
    for number, item in enumerate(items, start=1):
        external_id = text(item.get(id_key)) if isinstance(item, dict) else ""
        try:
            if not isinstance(item, dict):
                raise RowError(list_key, missing=True)
            if not external_id:
                raise RowError(id_key, missing=True)
            rows.append(build(item, number, external_id))
        except RowError as error:
            title = text(item.get(title_key), 100) if isinstance(item, dict) else ""
            rows.append(RowProblem(number, external_id, str(error), title))
    return rows
