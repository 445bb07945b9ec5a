"""Write lingong/aggregation/data/dedupe_pairs.csv: the labelled pairs the duplicate rule is measured on.

Each pair is a base posting (as in the sample feeds) and a variant whose label is set by what the
variant IS (the same job re-posted elsewhere, or another job), never by what the rule says. The hard
cases are on purpose: the same job with its pay in another unit, a range's lower bound far from a
fixed figure, a geocoder 350 m off with the address written differently; and other jobs that look
alike (the same employer's second site 250 m away, next week's shift). Dates are offsets from the
day of the run. `python scripts/dedupe_pairs_make.py` rewrites the file (the same file every time).
"""

from __future__ import annotations

import csv
import math
import random
from pathlib import Path

BASES = [
    # uscc, employer, trade, address, lat, lon, start, end, pay_fen, unit
    (
        "91540102945807305W",
        "拉萨雪域酒店管理有限公司",
        "room_attendant",
        "拉萨市城关区北京中路128号",
        29.6532,
        91.1192,
        1,
        5,
        16000,
        "day",
    ),
    (
        "915401022157368165",
        "西藏圣城建筑工程有限公司",
        "construction_labourer",
        "拉萨市城关区纳金路纳金工地",
        29.6705,
        91.1620,
        2,
        10,
        23000,
        "day",
    ),
    (
        "915401029303642658",
        "拉萨吉祥餐饮有限公司",
        "dishwasher",
        "拉萨市城关区八廓街东侧吉祥餐厅",
        29.6530,
        91.1330,
        1,
        3,
        15000,
        "day",
    ),
    (
        "91540102212997228J",
        "拉萨布达拉物业服务有限公司",
        "security_guard",
        "拉萨市城关区宇拓路小区",
        29.6555,
        91.1260,
        1,
        30,
        18000,
        "day",
    ),
    (
        "91540102003322451Y",
        "西藏高原物流有限公司",
        "mover",
        "拉萨市城关区金珠西路物流园",
        29.6480,
        91.0860,
        1,
        2,
        22000,
        "day",
    ),
    (
        "915401023832364071",
        "拉萨日光家政服务有限公司",
        "cleaner",
        "拉萨市城关区江苏路商场",
        29.6470,
        91.1410,
        1,
        6,
        17000,
        "day",
    ),
    (
        "915401023832364071",
        "拉萨日光家政服务有限公司",
        "elder_carer",
        "拉萨市城关区江苏路",
        29.6470,
        91.1410,
        2,
        20,
        20000,
        "day",
    ),
    (
        "91540102562241543E",
        "拉萨雪莲超市有限公司",
        "promoter",
        "拉萨市城关区太阳岛雪莲超市",
        29.6430,
        91.1120,
        3,
        4,
        18000,
        "day",
    ),
    (
        "91540102990951453T",
        "西藏天路装饰工程有限公司",
        "renovator",
        "拉萨市城关区林廓北路天路小区",
        29.6620,
        91.1290,
        1,
        15,
        28000,
        "day",
    ),
    ("", "次旦家庭", "domestic_helper", "拉萨市城关区藏大路", 29.6510, 91.1450, 1, 30, 2500, "hour"),
    (
        "91540102945807305W",
        "拉萨雪域酒店管理有限公司",
        "laundry_worker",
        "拉萨市城关区北京中路128号",
        29.6532,
        91.1192,
        1,
        10,
        16000,
        "day",
    ),
    (
        "91540102003322451Y",
        "西藏高原物流有限公司",
        "driver",
        "拉萨市城关区金珠西路物流园",
        29.6480,
        91.0860,
        3,
        3,
        40000,
        "day",
    ),
    (
        "91540102212997228J",
        "拉萨布达拉物业服务有限公司",
        "gardener",
        "拉萨市城关区宇拓路小区",
        29.6555,
        91.1260,
        2,
        12,
        18000,
        "day",
    ),
    (
        "915401029303642658",
        "拉萨吉祥餐饮有限公司",
        "restaurant_server",
        "拉萨市城关区八廓街东侧吉祥餐厅",
        29.6530,
        91.1330,
        1,
        3,
        14000,
        "day",
    ),
    (
        "91540102562241543E",
        "拉萨雪莲超市有限公司",
        "cashier",
        "拉萨市城关区太阳岛雪莲超市",
        29.6430,
        91.1120,
        5,
        95,
        400000,
        "month",
    ),
    (
        "915401022157368165",
        "西藏圣城建筑工程有限公司",
        "mason",
        "拉萨市城关区纳金路纳金工地",
        29.6705,
        91.1620,
        2,
        20,
        35000,
        "day",
    ),
    ("", "扎西装修队", "painter", "拉萨市城关区夺底路", 29.6690, 91.1350, 1, 4, 30000, "day"),
    (
        "91540102990951453T",
        "西藏天路装饰工程有限公司",
        "electrician",
        "拉萨市城关区林廓北路天路小区",
        29.6620,
        91.1290,
        1,
        5,
        35000,
        "day",
    ),
    (
        "915401023832364071",
        "拉萨日光家政服务有限公司",
        "childminder",
        "拉萨市城关区江苏路",
        29.6470,
        91.1410,
        3,
        60,
        450000,
        "month",
    ),
    (
        "91540102003322451Y",
        "西藏高原物流有限公司",
        "stock_clerk",
        "拉萨市城关区金珠西路物流园",
        29.6480,
        91.0860,
        1,
        7,
        17000,
        "day",
    ),
]


def shift(lat, lon, metres, bearing_deg):
    d_lat = metres * math.cos(math.radians(bearing_deg)) / 111_320
    d_lon = metres * math.sin(math.radians(bearing_deg)) / (111_320 * math.cos(math.radians(lat)))
    return round(lat + d_lat, 6), round(lon + d_lon, 6)


def variants(base, rng):
    uscc, name, trade, address, lat, lon, start, end, pay, unit = base
    drift = shift(lat, lon, rng.randint(10, 120), rng.randint(0, 359))
    yield (
        "reposted: other title, pay -5%, 10-120 m drift",
        "same",
        dict(lat=drift[0], lon=drift[1], pay=round(pay * 0.95)),
    )
    yield "reposted without coordinates, same address", "same", dict(lat="", lon="", pay=pay)
    yield "range lower bound vs fixed pay, +8%", "same", dict(pay=round(pay * 1.08))
    yield "name written without 有限公司, no credit code", "same", dict(uscc="", name=name.replace("有限公司", ""))
    yield "dates shifted by a day, still overlapping", "same", dict(start=start + 1, end=end + 1)
    far = shift(lat, lon, 350, rng.randint(0, 359))
    yield (
        "HARD same: geocoder 350 m off, address written differently",
        "same",
        dict(lat=far[0], lon=far[1], address=address[:9] + "附近"),
    )
    yield "HARD same: pay range's lower bound 15% below a fixed figure", "same", dict(pay=round(pay * 0.85))
    other_unit = {"day": "hour", "hour": "day", "month": "day"}[unit]
    yield (
        "HARD same: pay given per hour on one platform, per day on the other",
        "same",
        dict(pay=round(pay / 8) if other_unit == "hour" else pay * 8, unit=other_unit),
    )
    other_trade = "cleaner" if trade != "cleaner" else "security_guard"
    yield "other trade, same employer, place and days", "different", dict(trade=other_trade)
    site = shift(lat, lon, 2000, rng.randint(0, 359))
    yield (
        "same employer and trade, another site 2 km away",
        "different",
        dict(lat=site[0], lon=site[1], address="拉萨市城关区另一工地"),
    )
    yield "next period: days do not overlap", "different", dict(start=end + 1, end=end + 1 + (end - start))
    yield "pay 30% higher: another grade of the job", "different", dict(pay=round(pay * 1.3))
    yield "another employer, same trade and place", "different", dict(uscc="", name=name[:4] + "另一家商行")
    near = shift(lat, lon, 250, rng.randint(0, 359))
    yield (
        "HARD different: the same employer's second site 250 m away",
        "different",
        dict(lat=near[0], lon=near[1], address=address[:9] + "二号院"),
    )


def main() -> None:
    rng = random.Random(13)
    rows = []
    for index, base in enumerate(BASES):
        all_variants = list(variants(base, rng))
        # every base gives 5 pairs; the hard cases rotate so that each appears several times
        chosen = [all_variants[(index + offset * 3) % len(all_variants)] for offset in range(5)]
        for note, label, change in chosen:
            uscc, name, trade, address, lat, lon, start, end, pay, unit = base
            b = dict(
                uscc=uscc,
                name=name,
                trade=trade,
                address=address,
                lat=lat,
                lon=lon,
                start=start,
                end=end,
                pay=pay,
                unit=unit,
            )
            b.update(change)
            rows.append(
                [uscc, name, trade, address, lat, lon, start, end, pay, unit]
                + [b[k] for k in ("uscc", "name", "trade", "address", "lat", "lon", "start", "end", "pay", "unit")]
                + [label, note]
            )
    header = [
        f"{side}_{k}"
        for side in "ab"
        for k in ("uscc", "name", "trade", "address", "lat", "lon", "start", "end", "pay_fen", "unit")
    ]
    path = Path(__file__).resolve().parent.parent / "lingong/aggregation/data/dedupe_pairs.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([*header, "label", "note"])
        writer.writerows(rows)
    print(f"{len(rows)} pairs, {sum(r[-2] == 'same' for r in rows)} same → {path}")


if __name__ == "__main__":
    main()
