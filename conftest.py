"""Shared fixtures: users of every role, stations, trades, a worker and an employer."""

from __future__ import annotations

import os
from datetime import date, datetime

import pytest
import time_machine
from django.conf import settings

from lingong.testing.clock import ENV, TEST_NOW, TEST_TODAY

# xdist workers start after this import and inherit the environment: one day for all of them, even at midnight.
os.environ.setdefault(ENV, TEST_TODAY.isoformat())


def pytest_report_header(config):
    return f"lingong test day: {TEST_TODAY.isoformat()} 10:00 Asia/Shanghai (set {ENV}=YYYY-MM-DD to change)"


@pytest.fixture(scope="session")
def test_today() -> date:
    return TEST_TODAY


@pytest.fixture
def today(test_today) -> date:
    """The test day. Write dates relative to it (today + timedelta(days=3)), never as literals."""
    return test_today


@pytest.fixture
def now() -> datetime:
    """10:00 in Asia/Shanghai on the test day: the instant every test starts at."""
    return TEST_NOW


@pytest.fixture(autouse=True)
def _clock_at_test_day(now):
    """Every test (unit, transactional, live server, browser) runs as if it were `now`.

    The clock ticks from there (tick=True), so timeouts and ordering by time still
    work; a test that must stand at another instant nests its own time_machine.travel.
    time-machine patches the process-wide clock, so the live server's threads see it too.
    """
    with time_machine.travel(now, tick=True):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """A request leaves its language active in the thread (LocaleMiddleware activates it, nothing deactivates
    it): each test starts, and ends, with the settings' language, whatever the test before it asked for."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_snapshots():
    """Reference lists kept in the process (trades, stations) are read again from each test's database."""
    from lingong.core.snapshot import Snapshot

    Snapshot.clear_every()


@pytest.fixture(autouse=True)
def _fresh_match_index():
    """Each test has its own database state; the process's index must not outlive it."""
    from lingong.matching.loader import match_index_reset

    match_index_reset()
    yield
    match_index_reset()


@pytest.fixture(autouse=True)
def _fresh_rate_limits(django_db_blocker):
    """Rate-limit counts live in the cache table, which a flush does not empty: each test starts at zero."""
    from django.core.cache import cache

    yield
    with django_db_blocker.unblock():
        try:
            cache.clear()
        except Exception:  # noqa: BLE001  no test database in this test (pure unit test): nothing to clear
            pass


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete():
    """Transactional tests end with a flush by DELETE that keeps the permissions (lingong/testing/flush.py)."""
    from django.db.backends.postgresql.base import DatabaseWrapper as Postgres
    from django.db.backends.sqlite3.base import DatabaseWrapper as Sqlite

    from lingong.testing.flush import flush_sql_by_delete

    patched = {backend.ops_class: backend.ops_class.sql_flush for backend in (Postgres, Sqlite)}
    for ops, original in patched.items():
        ops.sql_flush = flush_sql_by_delete(original)
    yield
    for ops, original in patched.items():
        ops.sql_flush = original


def _flushes_database(item) -> bool:
    """A transactional test: pytest-django flushes the database when it ends."""
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    names = getattr(item, "fixturenames", ())
    return bool(transactional or "transactional_db" in names or "live_server" in names)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Transactional tests may start after a flush: put the data migrations' rows back."""
    if _flushes_database(request.node):
        request.getfixturevalue("reference_data")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test's flush, put the stations and trades back at once.

    The next test on this worker may be a plain one, or a class that seeded the demo once for all its tests
    (lingong/demo/tests): it reads the reference data without asking for it. xdist's groups decide which
    tests share a worker, so the order is not ours to choose.
    """
    result = yield
    # The last test's teardown has dropped the test database: nothing to put back, and nowhere safe to.
    if nextitem is not None and _flushes_database(item):
        from pytest_django.plugin import blocking_manager_key  # noqa: PLC0415  pytest-django's own handle

        from lingong.testing.browser import reference_data_restore  # noqa: PLC0415  Django is set up by now

        with item.config.stash[blocking_manager_key].unblock():
            reference_data_restore()
    return result


@pytest.fixture
def stations(db):
    from lingong.stations.models import Station

    return {s.code: s for s in Station.objects.all()}


@pytest.fixture
def make_user(db):
    from lingong.accounts.models import User

    counter = {"n": 0}

    def make(role: str, station=None, **extra):
        counter["n"] += 1
        return User.objects.create_user(
            username=f"{role}-{counter['n']}",
            password="pw",
            role=role,
            station=station,
            is_staff=role not in ("worker", "employer"),
            **extra,
        )

    return make


@pytest.fixture
def staff(make_user, stations):
    return make_user("station_staff", station=stations["gongdelin"])


@pytest.fixture
def other_staff(make_user, stations):
    return make_user("station_staff", station=stations["jinzhu-xilu"])


@pytest.fixture
def admin_user(make_user):
    return make_user("district_admin")


@pytest.fixture
def auditor(make_user):
    return make_user("auditor")


@pytest.fixture
def job_types(db):
    from lingong.trades.models import JobType

    return {t.slug: t for t in JobType.objects.all()}


@pytest.fixture
def id_numbers():
    """Valid ID numbers (checked by the validator's own tests), adults born 1970-1990."""
    from lingong.core.idnumber import check_character

    def make(division: str, birth: str, seq: str) -> str:
        first17 = division + birth + seq
        return first17 + check_character(first17)

    return [make("540102", f"19{70 + i % 20:02d}0{1 + i % 9}1{i % 9}", f"{i:03d}") for i in range(1, 200)]


@pytest.fixture
def register_worker(db, stations, job_types, id_numbers, staff):
    from lingong.workers.services import TradeSkill, worker_register

    counter = {"n": 0}

    def register(trades=("mover",), **overrides):
        counter["n"] += 1
        n = counter["n"]
        kwargs = dict(
            name=f"扎西{n}",
            id_number=id_numbers[n],
            phone=f"139{n:08d}",
            trades=[t if isinstance(t, TradeSkill) else TradeSkill(job_types[t], level=2) for t in trades],
            channel="window",
            actor=staff,
            station=stations["gongdelin"],
            consent_notice_version=settings.CONSENT_NOTICE_VERSION,
            read_aloud=True,
        )
        kwargs.update(overrides)
        return worker_register(**kwargs)

    return register


@pytest.fixture
def employer(db, stations, staff):
    from lingong.employers.services import employer_register

    return employer_register(
        kind="enterprise",
        name="拉萨雪域餐饮有限公司",
        uscc="91540100MA6T11117H",
        contact_name="卓玛",
        contact_phone="13800138000",
        address="拉萨市城关区北京中路",
        channel="window",
        actor=staff,
        station=stations["gongdelin"],
        lat="29.65",
        lon="91.12",
    )


from lingong.testing.browser import browser, new_context, page, phone_page, reference_data  # noqa: E402,F401  (fixtures)
