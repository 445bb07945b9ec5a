"""Sample payloads of each platform, as the tests, the docs and the demo use them.

Dates in the files are written relative to a day: `{{d+3}}` is that day plus three as 2026-12-09,
`{{s+3}}` as 2026/12/09, `{{ms+3}}` as epoch milliseconds of its midnight in Beijing. A sample thus
never goes stale, whatever day the tests run on.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from importlib import resources
from zoneinfo import ZoneInfo

_PLACEHOLDER = re.compile(r"\{\{(d|s|ms)([+-]\d+)\}\}")
SAMPLE_FILES = {
    "58": "wuba_feed.json",
    "boss": "boss_joblist.json",
    "51job": "job51_export.xml",
    "zhaopin": "zhaopin_export.csv",
    "generic": "generic_sheet.csv",
}


def sample_render(template: str, today: date) -> str:
    def replace(match: re.Match) -> str:
        day = today + timedelta(days=int(match[2]))
        if match[1] == "d":
            return day.isoformat()
        if match[1] == "s":
            return day.strftime("%Y/%m/%d")
        midnight = datetime.combine(day, time(), tzinfo=ZoneInfo("Asia/Shanghai"))
        return str(int(midnight.timestamp() * 1000))

    return _PLACEHOLDER.sub(replace, template)


def sample_bytes(platform: str, today: date) -> bytes:
    template = resources.files(__name__).joinpath(SAMPLE_FILES[platform]).read_text(encoding="utf-8")
    return sample_render(template, today).encode("utf-8")
