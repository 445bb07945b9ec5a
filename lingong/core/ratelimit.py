"""Counting attempts in a window, on Django's cache so every process shares the counts.

The cache is the database by default (`CACHES` in settings: the table is made by
a migration) and Redis when `REDIS_URL` is set. A count starts at the first
attempt and is forgotten with its window.
"""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

from django.core.cache import cache

from .errors import TooManyRequests


def _cache_key(scope: str, key: str) -> str:
    # Keys may hold personal data (an ID number typed at a kiosk): only a digest is stored.
    return "lingong:rl:" + scope + ":" + hashlib.sha256(key.encode()).hexdigest()[:32]


def rate_limit_hit(*, scope: str, key: str, limit: int, window: timedelta, message=None) -> int:
    """Count one attempt of `key` in `scope`; refuse (429) past `limit` in the window. Returns the count."""
    name = _cache_key(scope, key)
    seconds = max(1, int(window.total_seconds()))
    if cache.add(name, 1, timeout=seconds):
        count = 1
        cache.set(name + ":start", time.time(), timeout=seconds)
    else:
        try:
            count = cache.incr(name)
        except ValueError:  # expired between add and incr
            cache.add(name, 1, timeout=seconds)
            cache.set(name + ":start", time.time(), timeout=seconds)
            count = 1
    if count > limit:
        started = cache.get(name + ":start")
        retry_after = seconds - (time.time() - started) if started is not None else seconds
        raise TooManyRequests(message, retry_after=retry_after)
    return count
