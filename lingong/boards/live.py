"""The screens' live streams, and each web process's one Redis subscription that wakes them.

Where Redis is (`LIVE_PUBSUB_URL`, production), every change a board shows is published once it commits
(lingong/core/live.py: from `event_record`, the one point every change of state passes through, including the
hire's conditional UPDATE of `places_filled`). Each web process holds ONE subscription to that channel, in a
daemon thread started by the first stream that asks (`board_changes()`), never one per screen: a hundred
screens on a process cost one Redis connection. The thread bumps a generation under a condition; each stream
waits on the condition (with a timeout for its heartbeat and its lifetime), then reads the change token
(`board_version`, cached per process, read again for each new generation), and tells its screen if the token
moved. A change therefore reaches the screens in the time of a Redis message and one set of queries, and an
idle process asks the database only every BOARD_SAFETY_SECONDS instead of twice a second.

A board must never go silent:
- a change nobody announced (a bulk load of the demo, a shell, a Redis that missed the publish) is found by the
  streams' safety check, every BOARD_SAFETY_SECONDS (so within twice that, as the token may be that old);
- while the subscription is not up (Redis down, restarting, not answering three pings, the thread gone), the
  streams poll the token every BOARD_CHECK_SECONDS exactly as without Redis, and the thread reconnects with a
  backoff (0.5 s doubling to 30 s); when it is back, every stream looks once more for what passed meanwhile;
- a thread that died is replaced by the next stream that asks.

Without Redis (SQLite, `make run`) the streams poll, as they always did.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import time
from collections.abc import Iterator

from django.conf import settings

from lingong.core.live import live_channel, live_redis

from .selectors import VERSION_SECONDS, board_version

logger = logging.getLogger("lingong.boards.live")

EVENT_RETRY_MS = 2000  # the browser reconnects this soon after a dropped stream
HEARTBEAT_SECONDS = 15.0  # a comment line keeps proxies from closing a quiet stream
PING_SECONDS = 5.0  # the listener pings Redis this often; three pings unanswered and it reconnects
RECONNECT_FIRST_SECONDS, RECONNECT_MAX_SECONDS = 0.5, 30.0
# Generations only grow in a process, across listeners too: the token's cache compares them.
_generations = itertools.count(1)
# Set when this process is told to stop (`board_streams_end`): its streams end, the screens reconnect elsewhere.
_ending = threading.Event()


class BoardChanges:
    """One process's subscription: `generation` moves whenever a change is announced or the listener comes up
    or goes down; `listening` says whether announcements can arrive now."""

    def __init__(self, url: str, channel: str) -> None:
        self.url, self.channel = url, channel
        self.pid = os.getpid()
        self.condition = threading.Condition()
        self.generation = next(_generations)
        self.listening = False
        self.subscriptions = 0  # how often the thread subscribed (once, unless Redis went away)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"board-changes {channel}", daemon=True)
        self.thread.start()

    def wait(self, seen: int, timeout: float) -> int:
        """The generation, once it differs from `seen` or after `timeout` seconds."""
        with self.condition:
            self.condition.wait_for(lambda: self.generation != seen, max(timeout, 0.0))
            return self.generation

    def stop(self) -> None:
        self.stopped.set()

    def _moved(self, *, listening: bool | None = None) -> None:
        with self.condition:
            if listening is not None:
                self.listening = listening
            self.generation = next(_generations)
            self.condition.notify_all()

    def _run(self) -> None:
        delay = RECONNECT_FIRST_SECONDS
        warned = False
        while not self.stopped.is_set():
            client = pubsub = None
            try:
                client = live_redis(self.url, socket_timeout=PING_SECONDS, client_name=f"board-changes-{self.pid}")
                pubsub = client.pubsub()
                pubsub.subscribe(self.channel)
                heard = pinged = time.monotonic()
                while not self.stopped.is_set():
                    if _ending.is_set():  # looked at every second at most: wake the streams, so they end
                        self._moved()
                        self.stopped.set()
                        break
                    message = pubsub.get_message(timeout=1.0)
                    now = time.monotonic()
                    if message is not None:
                        heard = now
                        if message["type"] == "subscribe":
                            self.subscriptions += 1
                            delay, warned = RECONNECT_FIRST_SECONDS, False
                            self._moved(listening=True)  # the streams look once for what passed while away
                        elif message["type"] == "message":
                            self._moved()
                    if now - pinged >= PING_SECONDS:
                        pubsub.ping()
                        pinged = now
                    if now - heard > 3 * PING_SECONDS:
                        raise ConnectionError(f"Redis did not answer for {now - heard:.0f} s")
            except Exception as error:  # noqa: BLE001  whatever it was, the screens poll and the thread retries
                if not warned:
                    logger.warning("board changes: no Redis subscription, the screens poll meanwhile: %s", error)
                    warned = True
            finally:
                if self.listening:
                    self._moved(listening=False)
                for part in (pubsub, client):
                    try:
                        if part is not None:
                            part.close()
                    except Exception:  # noqa: BLE001, S110  a connection that is gone is closed enough
                        pass
            self.stopped.wait(delay)
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)


_lock = threading.Lock()
_current: dict[str, BoardChanges] = {}


def board_changes() -> BoardChanges | None:
    """This process's subscription, started at the first ask (in each gunicorn worker, after the fork), or
    None where the screens poll (no Redis)."""
    url = settings.LIVE_PUBSUB_URL
    if not url:
        return None
    channel = live_channel()
    with _lock:
        current = _current.get("changes")
        if (
            current is None
            or current.pid != os.getpid()  # a fork: the thread stayed in the parent
            or not current.thread.is_alive()
            or (current.url, current.channel) != (url, channel)
        ):
            if current is not None and current.pid == os.getpid():
                current.stop()
            current = _current["changes"] = BoardChanges(url, channel)
        return current


def board_changes_stop() -> None:
    """Tests: end this process's subscription (the next stream starts another)."""
    with _lock:
        current = _current.pop("changes", None)
    if current is not None:
        current.stop()
        current.thread.join(timeout=5)


def board_streams_end() -> None:
    """This process is stopping (gunicorn's SIGTERM on a restart or a reload: deploy/gunicorn.conf.py): its
    streams end within a second or BOARD_CHECK_SECONDS, not at the graceful timeout, and their screens reconnect
    to a process that stays. Safe in a signal handler: it only sets an event."""
    _ending.set()


def board_events(*, lifetime: float, check: float, safety: float) -> Iterator[str]:
    """Server-sent events: `version` at once, then `change` whenever the boards' data change, a comment when
    quiet for HEARTBEAT_SECONDS; ends after `lifetime` seconds, or when the process stops (`board_streams_end`);
    the browser reconnects after `retry`."""
    changes = board_changes()
    started = last_sent = time.monotonic()
    seen = changes.generation if changes is not None else 0
    version = board_version(generation=seen)
    yield f"retry: {EVENT_RETRY_MS}\nevent: version\ndata: {version}\n\n"
    while not _ending.is_set() and (left := lifetime - (time.monotonic() - started)) > 0:
        if changes is None:
            _ending.wait(min(check, left))
            now = board_version()
        else:
            told = changes.listening  # announcements arrive: wait for one; else poll as without Redis
            quiet_left = HEARTBEAT_SECONDS - (time.monotonic() - last_sent)
            seen = changes.wait(seen, min(safety if told else check, left, quiet_left))
            now = board_version(generation=seen, max_age=safety if changes.listening else VERSION_SECONDS)
        if now != version:
            version, last_sent = now, time.monotonic()
            yield f"event: change\ndata: {version}\n\n"
        elif time.monotonic() - last_sent >= HEARTBEAT_SECONDS:
            last_sent = time.monotonic()
            yield ": still here\n\n"
