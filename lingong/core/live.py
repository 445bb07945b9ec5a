"""Live changes: one tiny Redis message, after the commit, whenever something a public screen shows changes.

Where the message comes from: `event_record` (lingong/core/services.py). The house rule is that every change
of state records an event, so the timeline is the one point every change passes through, whichever app makes
it and however it writes: a hire takes its place with a conditional `QuerySet.update()` on `places_filled`
(no model signal sees that), then records `placement_create`; a cancellation gives the place back with another
`update()` and records the placement's transition; a notice put up or taken down records `notice_post` or
`notice_hide`. A surface says which subjects its screens show (`live_watch("jobs.Job", ...)`, from its
`AppConfig.ready`), and an event about one of them publishes once per transaction, after it commits (nothing
is announced for a change that was rolled back, and a screen that asks at once reads the committed rows).

What is published: the word "changed" on the deployment's channel, nothing else (no id, no person). It only
says "look again"; what a screen then shows comes from the database (lingong/boards/live.py listens).

Without `LIVE_PUBSUB_URL` (no Redis: SQLite, `make run`) nothing is published and the screens poll. A Redis that
is down costs a warning in the log, never the change itself: the listeners fall back to polling, and a change
that was never announced (a bulk load of the demo, a shell) is found by their slow safety check.
"""

from __future__ import annotations

import logging
import threading

import redis
from django.conf import settings
from django.db import connection, transaction
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger("lingong.live")

WATCHED: set[str] = set()
_clients: dict[str, redis.Redis] = {}
_clients_lock = threading.Lock()


def live_watch(*labels: str) -> None:
    """Announce changes of these models (`app_label.ModelName`, as `Model._meta.label`)."""
    WATCHED.update(labels)


def live_channel() -> str:
    """The channel of this deployment (LINGONG_INSTANCE keeps two deployments or test runs on one Redis apart)."""
    return f"{settings.LINGONG_INSTANCE}:live"


def live_redis(url: str, **options) -> redis.Redis:
    """A client that fails fast and never retries on its own: whoever calls it decides what a failure means."""
    options = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0, "retry": Retry(NoBackoff(), 0), **options}
    return redis.Redis.from_url(url, **options)


def _publisher(url: str) -> redis.Redis:
    with _clients_lock:
        if url not in _clients:
            _clients[url] = live_redis(url)
        return _clients[url]


def _publish() -> None:
    url = settings.LIVE_PUBSUB_URL
    try:
        _publisher(url).publish(live_channel(), "changed")
    except redis.RedisError as error:
        logger.warning("live change not published (the screens' safety check will find it): %s", error)


def live_changed(subject) -> None:
    """An event about `subject` was recorded: publish once this transaction commits, if screens show it."""
    if not settings.LIVE_PUBSUB_URL or subject._meta.label not in WATCHED:
        return
    if any(entry[1] is _publish for entry in connection.run_on_commit):
        return  # one message per transaction is enough: it says "look again", not what changed
    transaction.on_commit(_publish)
