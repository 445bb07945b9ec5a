"""Loads the curated trade list (trades/data/job_types.json) into the database."""

from __future__ import annotations

import json
from pathlib import Path

from .models import JobType

DATA_FILE = Path(__file__).resolve().parent / "data" / "job_types.json"


def job_type_sync_from_file(*, model=None, path: Path = DATA_FILE) -> int:
    """Create or update every trade of the file; returns how many.

    `model` lets a data migration pass its historical model.
    """
    model = model or JobType
    entries = json.loads(path.read_text(encoding="utf-8"))
    by_slug = {}
    for order, entry in enumerate(entries):
        low, high = entry.get("typical_day_pay_yuan", [0, 0])
        job_type, _created = model.objects.update_or_create(
            slug=entry["slug"],
            defaults={
                "csco_code": entry["csco_code"],
                "csco_name": entry["csco_name"],
                "name_zh": entry["name_zh"],
                "name_bo": entry["name_bo"],
                "name_en": entry.get("name_en", ""),
                "icon": entry["icon"],
                "intensity": entry["intensity"],
                "outdoor": entry["outdoor"],
                "typical_pay_low_fen": int(low) * 100,
                "typical_pay_high_fen": int(high) * 100,
                "default_pay_unit": entry.get("pay_unit", "day"),
                "sort_order": order,
            },
        )
        by_slug[entry["slug"]] = job_type
    for entry in entries:
        by_slug[entry["slug"]].related.set([by_slug[s] for s in entry.get("related", []) if s in by_slug])
    return len(entries)
