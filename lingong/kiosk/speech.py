"""What the kiosk says, as an ordered list of recorded segments: numbers, money, dates, a whole job card.

Pure (no Django): the kiosk speaks only from recordings that staff made at the
station (`lingong/kiosk/voice.py` keeps them), so a spoken sentence is a list
of segment ids, composed here in each language's own word order and number
words, and the server joins the approved recordings of those ids.

Tibetan (spoken Lhasa): the noun comes first and the number after it
("སྒོར་མོ་ བརྒྱ་དང་བཞི་བཅུ", "ཉིན་རེ་ …"); 21-99 are a tens prefix and a unit
(ཉེར་གཅིག, སོ་གཅིག, ཞེ་གཅིག …), round tens are words of their own (ཉི་ཤུ,
སུམ་ཅུ …), and དང joins the hundreds (or thousands) and what follows
(བརྒྱ་དང་བཞི་བཅུ, བརྒྱ་དང་རེ་ལྔ). Mandarin: as spoken (一百四十元每天, 两千一百).

`SCRIPT[language]` is the recording script: what the person recording each
fixed segment says. It is data in the language itself (number words are not
translations of an English msgid), shown in the studio beside the record button.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

LANGUAGES = ("bo", "zh-hans")
MAX_NUMBER = 99_999_999

BO_UNITS = ["ཀླད་ཀོར", "གཅིག", "གཉིས", "གསུམ", "བཞི", "ལྔ", "དྲུག", "བདུན", "བརྒྱད", "དགུ"]
BO_TEENS = {
    10: "བཅུ",
    11: "བཅུ་གཅིག",
    12: "བཅུ་གཉིས",
    13: "བཅུ་གསུམ",
    14: "བཅུ་བཞི",
    15: "བཅོ་ལྔ",
    16: "བཅུ་དྲུག",
    17: "བཅུ་བདུན",
    18: "བཅོ་བརྒྱད",
    19: "བཅུ་དགུ",
}
BO_ROUND_TENS = {
    20: "ཉི་ཤུ",
    30: "སུམ་ཅུ",
    40: "བཞི་བཅུ",
    50: "ལྔ་བཅུ",
    60: "དྲུག་ཅུ",
    70: "བདུན་ཅུ",
    80: "བརྒྱད་ཅུ",
    90: "དགུ་བཅུ",
}
# The tens said before a unit: 21 ཉེར་གཅིག, 31 སོ་གཅིག … 91 གོ་གཅིག.
BO_TENS_PREFIX = {2: "ཉེར", 3: "སོ", 4: "ཞེ", 5: "ང", 6: "རེ", 7: "དོན", 8: "གྱ", 9: "གོ"}
BO_MULTIPLIER = {1: "", 2: "ཉིས", 3: "སུམ", 4: "བཞི", 5: "ལྔ", 6: "དྲུག", 7: "བདུན", 8: "བརྒྱད", 9: "དགུ"}
BO_WEEKDAYS = ["གཟའ་ཟླ་བ", "གཟའ་མིག་དམར", "གཟའ་ལྷག་པ", "གཟའ་ཕུར་བུ", "གཟའ་པ་སངས", "གཟའ་སྤེན་པ", "གཟའ་ཉི་མ"]
ZH_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
ZH_WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
PAY_UNITS = ("hour", "day", "piece", "month")


def _bo_script() -> dict[str, str]:
    words = {f"num-{n}": word for n, word in enumerate(BO_UNITS)}
    words |= {f"num-{n}": word for n, word in BO_TEENS.items()}
    words |= {f"num-{n}": word for n, word in BO_ROUND_TENS.items()}
    words |= {f"num-tens-{d}": word for d, word in BO_TENS_PREFIX.items()}
    words |= {f"num-hundreds-{d}": f"{m}་བརྒྱ" if m else "བརྒྱ" for d, m in BO_MULTIPLIER.items()}
    words |= {f"num-thousands-{d}": f"{m}་སྟོང" if m else "སྟོང" for d, m in BO_MULTIPLIER.items()}
    words["num-10000"] = "ཁྲི"
    words["num-and"] = "དང"
    words |= {f"weekday-{i}": word for i, word in enumerate(BO_WEEKDAYS)}
    words |= {
        "money-yuan": "སྒོར་མོ",
        "money-jiao": "ཞོ",
        "money-fen": "སྐར་མ",
        "unit-hour": "ཆུ་ཚོད་རེ་",
        "unit-day": "ཉིན་རེ་",
        "unit-piece": "ཅ་ལག་རེ་",
        "unit-month": "ཟླ་བ་རེ་",
        "date-month": "ཟླ་བ་",
        "date-day": "ཚེས་",
        "time-hour": "ཆུ་ཚོད་",
        "time-minute": "སྐར་མ་",
        "time-from": "ནས་",
        "time-until": "བར་",
        "distance-km": "སྤྱི་ལེ་",
        "link-pay": "གླ་ཕོགས་",
        "link-place": "ས་གནས་",
        "link-distance": "ཐག་རིང་ཚད་",
        "link-start": "ལས་ཀ་འགོ་འཛུགས་ཉིན་",
    }
    return words


def _zh_script() -> dict[str, str]:
    words = {f"num-{n}": word for n, word in enumerate(ZH_DIGITS)}
    words |= {"num-10": "十", "num-100": "百", "num-1000": "千", "num-10000": "万", "num-liang": "两"}
    words |= {f"weekday-{i}": word for i, word in enumerate(ZH_WEEKDAYS)}
    words |= {
        "money-yuan": "元",
        "money-jiao": "角",
        "money-fen": "分",
        "unit-hour": "每小时",
        "unit-day": "每天",
        "unit-piece": "每件",
        "unit-month": "每月",
        "date-month": "月",
        "date-day": "日",
        "time-hour": "点",
        "time-minute": "分",
        "time-until": "到",
        "distance-km": "公里",
        "link-pay": "工钱",
        "link-place": "地点",
        "link-distance": "距离",
        "link-start": "开工",
    }
    return words


SCRIPT: dict[str, dict[str, str]] = {"bo": _bo_script(), "zh-hans": _zh_script()}


def _check(n: int) -> None:
    if not isinstance(n, int) or n < 0 or n > MAX_NUMBER:
        raise ValueError(f"not a number the kiosk can say: {n!r}")


def _bo_below_100(n: int) -> list[str]:
    if n < 20 or n % 10 == 0:
        return [f"num-{n}"]
    return [f"num-tens-{n // 10}", f"num-{n % 10}"]


def number_bo(n: int) -> list[str]:
    """Spoken Lhasa Tibetan: 140 → བརྒྱ་དང་བཞི་བཅུ, 2100 → ཉིས་སྟོང་དང་བརྒྱ, 20000 → ཁྲི་གཉིས."""
    _check(n)
    if n == 0:
        return ["num-0"]
    parts: list[list[str]] = []
    if n >= 10000:
        count = n // 10000
        parts.append(["num-10000", *(number_bo(count) if count > 1 else [])])
        n %= 10000
    if n >= 1000:
        parts.append([f"num-thousands-{n // 1000}"])
        n %= 1000
    if n >= 100:
        parts.append([f"num-hundreds-{n // 100}"])
        n %= 100
    if n:
        parts.append(_bo_below_100(n))
    out: list[str] = []
    for i, part in enumerate(parts):
        if i and i == len(parts) - 1:
            out.append("num-and")
        out.extend(part)
    return out


def _zh_below_10000(n: int, *, leading: bool) -> list[str]:
    out: list[str] = []
    zero = False
    for place in (1000, 100, 10, 1):
        digit = n // place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("num-0")
            zero = False
        if place == 10 and digit == 1 and not out and leading:
            out.append("num-10")  # 十五, not 一十五, at the start
            continue
        two_as_liang = digit == 2 and (place == 1000 or (place == 100 and not out))
        out.append("num-liang" if two_as_liang else f"num-{digit}")
        if place > 1:
            out.append(f"num-{place}")
    return out


def number_zh(n: int) -> list[str]:
    """Mandarin: 15 → 十五, 101 → 一百零一, 2100 → 两千一百, 10100 → 一万零一百."""
    _check(n)
    if n == 0:
        return ["num-0"]
    high, low = divmod(n, 10000)
    out: list[str] = []
    if high:
        out += ["num-liang"] if high == 2 else _zh_below_10000(high, leading=True)
        out.append("num-10000")
        if low and low < 1000:
            out.append("num-0")
    if low:
        out += _zh_below_10000(low, leading=not high)
    return out


def number(n: int, language: str) -> list[str]:
    return number_bo(n) if language == "bo" else number_zh(n)


def money(fen: int, language: str) -> list[str]:
    """An amount in yuan, with 角 and 分 when there are any."""
    _check(fen)
    yuan, rest = divmod(fen, 100)
    jiao, cents = divmod(rest, 10)
    pieces = [(yuan, "money-yuan")] + [
        (count, word) for count, word in ((jiao, "money-jiao"), (cents, "money-fen")) if count
    ]
    out: list[str] = []
    for count, word in pieces:
        out += [word, *number(count, language)] if language == "bo" else [*number(count, language), word]
    return out


def pay(fen: int, unit: str, language: str) -> list[str]:
    """ཉིན་རེ་ སྒོར་མོ་ བརྒྱ་དང་བཞི་བཅུ · 一百四十元每天."""
    unit_ids = [f"unit-{unit}"] if unit in PAY_UNITS else []
    return [*unit_ids, *money(fen, language)] if language == "bo" else [*money(fen, language), *unit_ids]


def day(when: date, language: str) -> list[str]:
    """Month and day as numbers, then the weekday."""
    weekday = f"weekday-{when.weekday()}"
    if language == "bo":
        return ["date-month", *number_bo(when.month), "date-day", *number_bo(when.day), weekday]
    return [*number_zh(when.month), "date-month", *number_zh(when.day), "date-day", weekday]


def clock(at: time, language: str) -> list[str]:
    minutes = (
        (["time-minute", *number_bo(at.minute)] if language == "bo" else [*number_zh(at.minute), "time-minute"])
        if at.minute
        else []
    )
    hour = ["time-hour", *number_bo(at.hour)] if language == "bo" else [*number_zh(at.hour), "time-hour"]
    return hour + minutes


def hours(start: time, end: time, language: str) -> list[str]:
    """ཆུ་ཚོད་ དགུ་ ནས་ ཆུ་ཚོད་ བཅུ་བདུན་ བར་ · 九点到十七点."""
    if language == "bo":
        return [*clock(start, "bo"), "time-from", *clock(end, "bo"), "time-until"]
    return [*clock(start, "zh-hans"), "time-until", *clock(end, "zh-hans")]


def distance(km: float, language: str) -> list[str]:
    """Whole kilometres, at least one."""
    whole = max(1, round(km))
    if language == "bo":
        return ["link-distance", "distance-km", *number_bo(whole)]
    return ["link-distance", *number_zh(whole), "distance-km"]


@dataclass(frozen=True)
class JobCardFacts:
    """What a job card shows, as the composer needs it (no model: this module stays pure)."""

    trade: str  # the trade's slug
    pay_fen: int
    pay_unit: str
    start_date: date
    start_time: time
    end_time: time
    place: str | None = None  # a station's code; None when it has no recording (then it is left out)
    distance_km: float | None = None


def job_card(facts: JobCardFacts, language: str) -> list[str]:
    """The whole card: trade, pay, place, distance, first day, hours."""
    if language not in LANGUAGES:
        raise ValueError(f"no spoken language {language!r}")
    out = [f"trade-{facts.trade}", "link-pay", *pay(facts.pay_fen, facts.pay_unit, language)]
    if facts.place:
        out += ["link-place", f"station-{facts.place}"]
    if facts.distance_km is not None:
        out += distance(facts.distance_km, language)
    out += ["link-start", *day(facts.start_date, language), *hours(facts.start_time, facts.end_time, language)]
    return out


def spoken_text(segments: list[str], language: str, names: dict[str, str] | None = None) -> str:
    """The words of a list of segments (for the studio, and for tests that read Tibetan)."""
    words = {**SCRIPT[language], **(names or {})}
    sep = "་" if language == "bo" else ""
    return sep.join(words[s].rstrip("་") if language == "bo" else words[s] for s in segments)
