"""Small reference lists that change rarely (trades, stations), read once a process a minute, not on every page.

A search form's choices and the console's station picker cost a query each on every page. A snapshot keeps
the rows in the process for `seconds`: a change made in this process (the admin, a migration) clears it at
once through its model's save and delete signals; another process sees it within `seconds`. The rows are
shared between requests and threads: read them, never change them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable

from django.db.models.signals import post_delete, post_save

SNAPSHOT_SECONDS = 60.0


class Snapshot:
    every: list[Snapshot] = []  # for tests, which start each on a fresh database

    def __init__(self, read: Callable[[], Iterable], *, models: Iterable[type], seconds: float = SNAPSHOT_SECONDS):
        self.read, self.seconds = read, seconds
        self._held: tuple[float, list] | None = None  # (when read, rows): replaced whole, so threads never tear it
        self._lock = threading.Lock()
        for model in models:
            post_save.connect(self._changed, sender=model, weak=False)
            post_delete.connect(self._changed, sender=model, weak=False)
        Snapshot.every.append(self)

    def __call__(self) -> list:
        held = self._held
        if held is None or time.monotonic() - held[0] >= self.seconds:
            with self._lock:  # one reader at a time; the others take what it read
                held = self._held
                if held is None or time.monotonic() - held[0] >= self.seconds:
                    held = self._held = (time.monotonic(), list(self.read()))
        return held[1]

    def by_pk(self, pk) -> object | None:
        return next((row for row in self() if row.pk == pk), None)

    def clear(self) -> None:
        self._held = None

    def _changed(self, **kwargs) -> None:
        self.clear()

    @classmethod
    def clear_every(cls) -> None:
        for snapshot in cls.every:
            snapshot.clear()
