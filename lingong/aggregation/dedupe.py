"""Is this the same posting? Two postings compared, pure (no Django), measured on a labelled sample.

The same job posted on several platforms (or already posted locally) differs in its title, its
pay by a few yuan (a range's lower bound on one, a fixed figure on another), its coordinates by a
geocoder's few metres. It is the same job when the employer, the trade and the place are the same,
the dates overlap and the pay is within a tolerance.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

PLACE_METRES = 300
PAY_TOLERANCE = 0.10  # relative to the higher of the two
_COMPANY_NOISE = re.compile(r"有限责任公司|股份有限公司|有限公司|分公司|公司|集团|[（(][^）)]*[)）]|\s|[^\w]")
_ADDRESS_NOISE = re.compile(r"^(西藏自治区|西藏)?(拉萨市|拉萨)?(城关区)?|[\s,，。.、\-－]")


@dataclass(frozen=True)
class PostingKey:
    employer_uscc: str
    employer_name: str
    trade: str
    address: str
    lat: float | None
    lon: float | None
    start: date
    end: date
    pay_fen: int
    pay_unit: str


def name_normalise(name: str) -> str:
    return _COMPANY_NOISE.sub("", name or "")


def address_normalise(address: str) -> str:
    return _ADDRESS_NOISE.sub("", address or "")


def metres_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in metres."""
    radius = 6_371_000
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi, d_lambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def same_employer(a: PostingKey, b: PostingKey) -> bool:
    if a.employer_uscc and b.employer_uscc:
        return a.employer_uscc.upper() == b.employer_uscc.upper()
    return bool(name_normalise(a.employer_name)) and name_normalise(a.employer_name) == name_normalise(b.employer_name)


def same_place(a: PostingKey, b: PostingKey) -> bool:
    if None not in (a.lat, a.lon, b.lat, b.lon) and metres_between(a.lat, a.lon, b.lat, b.lon) <= PLACE_METRES:
        return True
    left, right = address_normalise(a.address), address_normalise(b.address)
    return bool(left) and (left == right or (min(len(left), len(right)) >= 4 and (left in right or right in left)))


HOURS_A_DAY = 8  # one platform says 25 元/小时 where another says 200 元/天 for the same job


def _pay_per(key: PostingKey, unit: str) -> int | None:
    if key.pay_unit == unit:
        return key.pay_fen
    if (key.pay_unit, unit) == ("hour", "day"):
        return key.pay_fen * HOURS_A_DAY
    if (key.pay_unit, unit) == ("day", "hour"):
        return round(key.pay_fen / HOURS_A_DAY)
    return None  # a month against a day says too little


def pay_close(a: PostingKey, b: PostingKey, tolerance: float = PAY_TOLERANCE) -> bool:
    other = _pay_per(b, a.pay_unit)
    if other is None:
        return False
    return abs(a.pay_fen - other) <= tolerance * max(a.pay_fen, other)


def postings_same(a: PostingKey, b: PostingKey, *, tolerance: float = PAY_TOLERANCE) -> bool:
    return (
        same_employer(a, b)
        and a.trade == b.trade
        and a.start <= b.end
        and b.start <= a.end
        and same_place(a, b)
        and pay_close(a, b, tolerance)
    )


def key_from(*, uscc, name, trade, address, lat, lon, start, end, pay_fen, pay_unit) -> PostingKey:
    def as_float(value):
        return float(value) if isinstance(value, (int, float, Decimal)) and value is not None else None

    return PostingKey(
        employer_uscc=uscc or "",
        employer_name=name or "",
        trade=str(trade),
        address=address or "",
        lat=as_float(lat),
        lon=as_float(lon),
        start=start,
        end=end,
        pay_fen=pay_fen,
        pay_unit=pay_unit,
    )


def precision_recall(predicted: list[bool], labels: list[bool]) -> tuple[float, float]:
    true_positive = sum(1 for p, label in zip(predicted, labels) if p and label)
    predicted_positive, actual_positive = sum(predicted), sum(labels)
    precision = true_positive / predicted_positive if predicted_positive else 1.0
    recall = true_positive / actual_positive if actual_positive else 1.0
    return precision, recall
