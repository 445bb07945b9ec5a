"""The screens' live updates through Redis (a real one, LINGONG_TEST_REDIS_URL): a committed change is published
and reaches a stream within 2 s; one subscription per process, whatever the number of streams; a Redis that is
gone or drops the subscription leaves the screens polling, and the listener comes back by itself.

Each test has a channel of its own (LINGONG_INSTANCE), so parallel runs on the same Redis never cross. The
polling and safety intervals are set to 30 s, so that only a Redis message can bring a change within 2 s,
except in the tests of polling."""

from __future__ import annotations

import os
import secrets
import socket
import threading
import time

import pytest
import redis
from django.db import connection
from django.test import override_settings

from lingong.attendance.tests.helpers import make_placement
from lingong.boards import live, selectors
from lingong.jobs.services import placement_cancel

REDIS_URL = os.environ.get("LINGONG_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def channel():
    """A channel (and listener) of this test's own."""
    instance = f"test-live-{os.getpid()}-{secrets.token_hex(4)}"
    selectors.board_version_forget()
    with override_settings(
        LIVE_PUBSUB_URL=REDIS_URL,
        LINGONG_INSTANCE=instance,
        BOARD_CHECK_SECONDS=30,
        BOARD_SAFETY_SECONDS=30,
        BOARD_STREAM_SECONDS=20,
    ):
        yield f"{instance}:live"
    live.board_changes_stop()
    live._ending.clear()  # noqa: SLF001  a test that stopped "the process" gives the next one a running one
    selectors.board_version_forget()


def open_stream(client):
    """A screen's event stream: its chunks, after the first (`version`) event."""
    response = client.get("/boards/events/")
    assert response["Content-Type"] == "text/event-stream"
    chunks = iter(response.streaming_content)
    first = next(chunks).decode()
    assert first.startswith("retry: 2000\nevent: version\ndata: ")
    return chunks, first.rsplit("data: ", 1)[1].strip()


def wait_until(condition, timeout=5.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.02)


def listening():
    changes = live.board_changes()
    wait_until(lambda: changes.listening)
    return changes


def in_another_thread(change, *, after: float = 0.3):
    """Make the change from elsewhere (another connection, committed), while the stream waits."""

    def run():
        time.sleep(after)
        try:
            change()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def next_event_within(chunks, seconds: float) -> tuple[str, float]:
    started = time.monotonic()
    event = next(chunks).decode()
    return event, time.monotonic() - started


def test_a_hire_committed_elsewhere_reaches_the_stream_within_2_s(
    client, employer, job_types, staff, register_worker, channel
):
    worker = register_worker(name="扎西次仁", phone="13912345678")
    chunks, version = open_stream(client)
    listening()
    made = in_another_thread(
        lambda: make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    )
    event, waited = next_event_within(chunks, 2)
    made.join()
    assert event.startswith("event: change\ndata: ") and event.split("data: ")[1].strip() != version
    assert waited < 2.3  # 0.3 s before the change, then the message: polling (30 s) could not have brought it
    assert "扎" not in event and "13912345678" not in event


def test_the_process_holds_one_subscription_for_all_its_streams(
    client, employer, job_types, staff, register_worker, channel
):
    worker = register_worker()
    changes = listening()  # up before the streams open: only a message can wake them now
    first, _ = open_stream(client)
    second, _ = open_stream(client)
    assert live.board_changes() is changes
    assert redis.Redis.from_url(REDIS_URL).pubsub_numsub(channel) == [(channel.encode(), 1)]
    assert [t.name for t in threading.enumerate()].count(f"board-changes {channel}") == 1
    make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    for chunks in (first, second):
        event, waited = next_event_within(chunks, 2)
        assert event.startswith("event: change\n") and waited < 2
    assert changes.subscriptions == 1


def test_a_cancelled_hire_gives_its_place_back_by_update_and_the_stream_hears_of_it(
    client, employer, job_types, staff, register_worker
):
    """The place goes back to the job with a conditional `QuerySet.update()` (no model signal sees it): the
    cancellation's event announces it all the same."""
    placement = make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker())
    chunks, version = open_stream(client)
    listening()
    cancelled = in_another_thread(
        lambda: placement_cancel(placement=placement, actor=staff, channel="window", reason="the worker fell ill")
    )
    event, waited = next_event_within(chunks, 2)
    cancelled.join()
    assert event.startswith("event: change\n") and event.split("data: ")[1].strip() != version
    assert waited < 2.3
    placement.job.refresh_from_db()
    assert placement.job.places_filled == 0


def test_without_redis_the_streams_poll_and_still_see_the_change(
    client, settings, employer, job_types, staff, register_worker
):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    settings.LIVE_PUBSUB_URL = f"redis://127.0.0.1:{closed}/0"
    settings.BOARD_CHECK_SECONDS = 0.1
    worker = register_worker()
    chunks, version = open_stream(client)
    changes = live.board_changes()
    time.sleep(0.3)
    assert not changes.listening
    make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)  # publishing fails
    event, waited = next_event_within(chunks, 2)
    assert event.startswith("event: change\n") and event.split("data: ")[1].strip() != version
    assert waited < 2


def test_a_dropped_subscription_comes_back_by_itself(client, employer, job_types, staff, register_worker, channel):
    worker = register_worker()
    before, _ = open_stream(client)
    changes = listening()
    server = redis.Redis.from_url(REDIS_URL)
    [ours] = [c for c in server.client_list(_type="pubsub") if c["name"] == f"board-changes-{os.getpid()}"]
    server.client_kill_filter(_id=ours["id"])  # as a Redis restart or a network drop would
    wait_until(lambda: changes.subscriptions == 2)  # reconnected, after the first backoff
    assert changes.listening and live.board_changes() is changes
    assert server.pubsub_numsub(channel) == [(channel.encode(), 1)]
    after, _ = open_stream(client)
    made = in_another_thread(
        lambda: make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)
    )
    for chunks in (after, before):
        event, waited = next_event_within(chunks, 2)
        assert event.startswith("event: change\n") and waited < 2.3
    made.join()


def test_publishing_says_nothing_but_that_something_changed(employer, job_types, staff, register_worker, channel):
    subscriber = redis.Redis.from_url(REDIS_URL).pubsub(ignore_subscribe_messages=True)
    subscriber.subscribe(channel)
    subscriber.get_message(timeout=1)
    make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=register_worker(name="扎西"))
    messages = []
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:
        message = subscriber.get_message(timeout=0.2)
        if message:
            messages.append(message["data"])
    subscriber.close()
    # one per transaction that changed what a screen shows: the job posted (and published), the hire (a
    # placement, the job filled); the application and the worker's acceptance show on no screen
    assert messages == [b"changed", b"changed"], messages


@pytest.mark.parametrize("redis_up", [True, False], ids=["announced", "polling"])
def test_a_stopping_process_ends_its_streams_at_once(client, settings, redis_up):
    """gunicorn's SIGTERM (a restart, a reload; deploy/gunicorn.conf.py) calls board_streams_end: the open streams
    end within the listener's second, or at once where they poll, not after their 20 s lifetime (polling and
    safety checks are 30 s here)."""
    if not redis_up:
        settings.LIVE_PUBSUB_URL = ""
    chunks, _version = open_stream(client)
    if redis_up:
        listening()
    ended = []
    reader = threading.Thread(target=lambda: ended.append(list(chunks)))
    reader.start()
    time.sleep(0.3)
    live.board_streams_end()
    reader.join(timeout=5)
    assert not reader.is_alive() and ended == [[]]
