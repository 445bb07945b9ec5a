"""One adapter per platform: bytes as the platform delivers them → `PostingRow`s (see base.py)."""

from __future__ import annotations

from .base import FeedError, PostingRow, RowProblem
from .boss import boss_rows
from .generic import generic_rows, mapping_problems
from .job51 import job51_rows
from .wuba import wuba_rows
from .zhaopin import zhaopin_rows

__all__ = ["FeedError", "PostingRow", "RowProblem", "adapter_rows", "mapping_problems"]


def adapter_rows(platform: str, payload: bytes, *, mapping: dict | None = None, file_name: str = ""):
    """The rows of a payload from `platform` (lingong.aggregation.models.Platform values)."""
    if platform == "58":
        return wuba_rows(payload)
    if platform == "boss":
        return boss_rows(payload)
    if platform == "51job":
        return job51_rows(payload)
    if platform == "zhaopin":
        return zhaopin_rows(payload)
    if platform == "generic":
        return generic_rows(payload, mapping=mapping or {}, file_name=file_name)
    raise FeedError(f"unknown platform {platform!r}")
