"""Small data that changes rarely (trades, stations, the kiosk's approved voice takes), read once a process a
minute, not on every page.

A search form's choices, the console's station picker and a kiosk page's voice takes cost a query each on
every page. A snapshot keeps what `read` returns (a list or a dict, never a lazy queryset) in the process
for `seconds`: a change saved in this process (the admin, the voice studio) clears it at once, and again
when its transaction commits, through its models' save and delete signals; another process sees it within
`seconds`. The rows are shared between requests and threads: read them, never change them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

SNAPSHOT_SECONDS = 60.0


class Snapshot:
    every: list[Snapshot] = []  # for tests, which start each on a fresh database

    def __init__(self, read: Callable[[], Any], *, models: Iterable[type], seconds: float = SNAPSHOT_SECONDS):
        self.read, self.seconds, self.models = read, seconds, tuple(models)
        self._held: tuple[float, Any] | None = None  # (when read, what): replaced whole, so threads never tear it
        self._lock = threading.Lock()
        for model in self.models:
            post_save.connect(self._changed, sender=model, weak=False)
            post_delete.connect(self._changed, sender=model, weak=False)
        Snapshot.every.append(self)

    def __call__(self) -> Any:
        held = self._held
        if held is None or time.monotonic() - held[0] >= self.seconds:
            with self._lock:  # one reader at a time; the others take what it read
                held = self._held
                if held is None or time.monotonic() - held[0] >= self.seconds:
                    held = self._held = (time.monotonic(), self.read())
        return held[1]

    def by_pk(self, pk) -> Any:
        """The row with this primary key, of a snapshot that holds a list of model objects; None if none."""
        return next((row for row in self() if row.pk == pk), None)

    def clear(self) -> None:
        self._held = None

    def changed(self) -> None:
        """A change no model signal sees (a `QuerySet.update()`): read again at the next ask, and after the commit."""
        self.clear()
        transaction.on_commit(self.clear)  # a page read between the save and the commit kept the old rows

    def _changed(self, **kwargs) -> None:
        self.changed()

    @classmethod
    def clear_every(cls) -> None:
        for snapshot in cls.every:
            snapshot.clear()
