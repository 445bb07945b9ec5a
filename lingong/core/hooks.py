"""Hooks: where a step low in the house hands over to what follows it higher up.

A hire lives in `jobs`, but what every hire must get (a confirmation, an
agreement, a wage record, follow-up calls) lives in apps above it. Instead of
importing upwards, the step fires a hook it declares in its own `hooks.py`, and
`lingong.lifecycle` connects each hook to what follows: the life of a
placement is written down there, in one place, and no step imports it back.

A hook runs its handlers inside the caller's transaction (what must exist
together, or a refusal that must stop the step), or after the commit (tasks,
offers: nothing is sent for a change that was rolled back). A hook that nobody
connected refuses to fire: a placement must never be made without its
protection because an app was left out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

HOOKS: dict[str, Hook] = {}


class Hook:
    """A named point in a step; `fire(**kwargs)` calls every connected handler with those kwargs."""

    def __init__(self, name: str, *, after_commit: bool = False):
        if name in HOOKS:
            raise ImproperlyConfigured(f"Hook {name!r} is declared twice.")
        self.name = name
        self.after_commit = after_commit
        self._handlers: list[Callable] = []
        HOOKS[name] = self

    def __repr__(self) -> str:
        return f"<Hook {self.name}>"

    @property
    def handlers(self) -> tuple[Callable, ...]:
        return tuple(self._handlers)

    def connect(self, handler: Callable) -> Callable:
        """Add `handler` (once, however often the apps are made ready); usable as a decorator."""
        if handler not in self._handlers:
            self._handlers.append(handler)
        return handler

    def fire(self, **kwargs) -> None:
        if not self._handlers:
            raise ImproperlyConfigured(f"Hook {self.name!r} has no handler: is lingong.lifecycle installed?")
        for handler in self._handlers:
            if self.after_commit:
                transaction.on_commit(functools.partial(handler, **kwargs))
            else:
                handler(**kwargs)
