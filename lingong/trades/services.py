"""Loads the curated trade list (trades/data/job_types.json) into the database."""

from __future__ import annotations

import json
from pathlib import Path

from .models import JobType

DATA_FILE = Path(__file__).resolve().parent / "data" / "job_types.json"


def job_type_sync_from_file(*, model=None, path: Path = DATA_FILE) -> int:
    """Create or update every trade of the file; returns how many.

    `model` lets a data migration pass its historical model. An empty table (a new database, or a test's
    after its flush) is filled in two inserts rather than a read and a write a trade.
    """
    model = model or JobType
    entries = json.loads(path.read_text(encoding="utf-8"))
    if not model.objects.exists():
        created = model.objects.bulk_create(model(**_job_type_fields(e, o)) for o, e in enumerate(entries))
        by_slug = {t.slug: t for t in created}
        through = model.related.through
        through.objects.bulk_create(
            through(from_jobtype=by_slug[a], to_jobtype=by_slug[b]) for a, b in sorted(_related_pairs(entries))
        )
        return len(entries)
    by_slug = {}
    for order, entry in enumerate(entries):
        fields = _job_type_fields(entry, order)
        job_type, _created = model.objects.update_or_create(slug=fields.pop("slug"), defaults=fields)
        by_slug[entry["slug"]] = job_type
    for entry in entries:
        by_slug[entry["slug"]].related.set([by_slug[s] for s in entry.get("related", []) if s in by_slug])
    return len(entries)


def _related_pairs(entries: list[dict]) -> set[tuple[str, str]]:
    """The (from, to) rows that setting each trade's `related` in file order leaves (a symmetrical relation:
    each set also writes, and takes away, the other direction)."""
    slugs = {e["slug"] for e in entries}
    pairs: set[tuple[str, str]] = set()
    for entry in entries:
        slug, related = entry["slug"], {s for s in entry.get("related", []) if s in slugs}
        pairs = {(a, b) for a, b in pairs if slug not in (a, b) or (b if a == slug else a) in related}
        pairs |= {(slug, other) for other in related} | {(other, slug) for other in related}
    return pairs


def _job_type_fields(entry: dict, order: int) -> dict:
    low, high = entry.get("typical_day_pay_yuan", [0, 0])
    return {
        "slug": entry["slug"],
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
    }
