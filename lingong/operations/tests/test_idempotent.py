"""Every task run twice changes nothing the second time; a slot runs once; failures are kept.

Each case sets up a state in which the task has work, runs it at a moment
(time_machine), checks that it changed something, then runs it again at the
same moment with its slot claim removed (so the service itself, not the
claim, must hold) and checks that nothing at all changed in the database.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from lingong.attendance.tests.helpers import live_code, local, make_placement, start_day
from lingong.operations.models import ScheduledRun, TaskFailure
from lingong.operations.schedules import SCHEDULE_TZ, SCHEDULED_TASKS
from lingong.testing.aliyun_sms import aliyun_gateway  # noqa: F401  (fixture: the SMS gateway's fake provider)

pytestmark = pytest.mark.django_db
HOME = {"home_lat": "29.650000", "home_lon": "91.130000"}


def snapshot(task: str) -> dict:
    """Every row of every Lingong model, except the task's own slot claims."""
    rows = {}
    for model in apps.get_models():
        if not model.__module__.startswith("lingong."):
            continue
        queryset = model._base_manager.order_by("pk")
        if model is ScheduledRun:
            queryset = queryset.exclude(task=task)
        rows[model._meta.label] = list(queryset.values())
    return rows


def changed(before: dict, after: dict) -> list[str]:
    return [label for label in after if before.get(label) != after[label]]


@pytest.fixture
def placed(employer, job_types, staff, register_worker):
    """A placement a week ahead (09:00-17:00), and a second mover matching could offer it to."""
    worker = register_worker(trades=("mover",), **HOME)
    register_worker(trades=("mover",), **HOME)
    return make_placement(employer=employer, job_type=job_types["mover"], staff=staff, worker=worker)


def _confirmed(placement):
    from lingong.attendance.services import placement_confirm

    placement_confirm(
        placement=placement,
        actor=placement.worker.user,
        channel="kiosk",
        now=local(placement.start_date - timedelta(days=1), 19),
    )
    return placement


def case_confirmation_reminders(placed, **_):
    return "confirmation_reminders_task", (), placed.confirmation.remind_at + timedelta(minutes=1)


def case_confirmation_deadline(placed, **_):
    return "confirmation_deadline_task", (), placed.confirmation.deadline + timedelta(minutes=1)


def case_no_show(placed, **_):
    _confirmed(placed)
    return "attendance_no_show_task", (), local(placed.start_date, 10, 5)


def case_hours_settle(placed, **_):
    from lingong.attendance.models import AttendanceRecord
    from lingong.attendance.services import attendance_scan

    _confirmed(placed)
    day = placed.start_date
    attendance_scan(
        code=live_code(placed, local(day, 8, 55)),
        placement=placed,
        actor=placed.worker.user,
        channel="kiosk",
        now=local(day, 8, 55),
    )
    attendance_scan(
        code=live_code(placed, local(day, 17, 5)),
        placement=placed,
        actor=placed.worker.user,
        channel="kiosk",
        now=local(day, 17, 5),
    )
    record = AttendanceRecord.objects.get(placement=placed)
    return "attendance_hours_settle_task", (), record.hours_stand_at + timedelta(minutes=1)


def case_job_progress(placed, **_):
    return "job_progress_task", (), local(placed.start_date, 9, 5)


def case_job_expire(employer, job_types, staff, **_):
    from lingong.jobs.tests.factories import post_job

    day = start_day()
    post_job(employer=employer, job_type=job_types["cook"], actor=staff, start=day, today=timezone.localdate())
    return "job_expire_overdue_task", (), local(day + timedelta(days=1), 0, 10)


def case_appeal_escalate(placed, **_):
    from lingong.credit.models import Appeal
    from lingong.credit.services import appeal_create, credit_event_record

    event, _ = credit_event_record(subject=placed.worker, kind="no_show", source=placed, now=timezone.now())
    appeal_create(credit_event=event, reason="我去了", actor=placed.worker.user, now=timezone.now())
    return "appeal_escalate_overdue_task", (), Appeal.objects.get().due_at + timedelta(minutes=1)


def case_wage_overdue(placed, staff, **_):
    from lingong.attendance.services import attendance_record
    from lingong.wages.models import WagePayment

    _confirmed(placed)
    day = placed.start_date
    attendance_record(
        placement=placed,
        day=day,
        check_in_at=local(day, 9),
        check_out_at=local(day, 17),
        actor=staff,
        channel="window",
        now=local(day, 18),
    )
    wage = WagePayment.objects.get(placement=placed)
    assert wage.owed_fen > 0
    return "wage_overdue_task", (), datetime.combine(wage.due_date + timedelta(days=2), time(9), tzinfo=SCHEDULE_TZ)


def case_dispatch(employer, job_types, staff, register_worker, **_):
    from lingong.jobs.tests.factories import post_job

    day = start_day()
    for _n in range(3):
        register_worker(trades=("mover",), **HOME)
    post_job(
        employer=employer, job_type=job_types["mover"], actor=staff, start=day, today=timezone.localdate(), headcount=2
    )
    return "dispatch_morning_task", (), datetime.combine(day, time(7), tzinfo=SCHEDULE_TZ)


def case_dispatch_answer_deadline(employer, job_types, staff, register_worker, **_):
    """A dispatch proposal nobody answered: it expires, the worker is told, the next standby is proposed."""
    from lingong.jobs.services import application_create
    from lingong.jobs.tests.factories import post_job
    from lingong.matching.models import DispatchStandby

    first, standby = (register_worker(trades=("mover",), **HOME) for _n in range(2))
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, today=timezone.localdate())
    proposal = application_create(job=job, worker=first, origin="dispatch", channel="system", actor=None)
    DispatchStandby.objects.create(job=job, worker=standby, rank=1, score=0.5)
    return "dispatch_answer_deadline_task", (), proposal.created_at + timedelta(minutes=35)


def case_standby_promote(employer, job_types, staff, register_worker, **_):
    """A dispatch proposal was declined: the task proposes the place to the next standby, once."""
    from lingong.jobs.tests.factories import post_job
    from lingong.matching.models import DispatchStandby

    standby = register_worker(trades=("mover",), **HOME)
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, today=timezone.localdate())
    DispatchStandby.objects.create(job=job, worker=standby, rank=1, score=0.5)
    return "standby_promote_task", (job.pk,), timezone.now()


def case_fast_channel(employer, job_types, staff, register_worker, **_):
    from lingong.jobs.tests.factories import post_job

    for _n in range(3):
        register_worker(trades=("mover",), **HOME)
    job = post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        start=start_day(),
        today=timezone.localdate(),
        is_fast_channel=True,
    )
    return "fast_channel_offer_task", (job.pk, 1), timezone.now()


def case_acceptance_train(employer, job_types, staff, register_worker, **_):
    from lingong.matching.tests.learning_helpers import answered_exposures

    slot = datetime.combine(timezone.localdate(), time(3), tzinfo=SCHEDULE_TZ)
    answered_exposures(register_worker=register_worker, employer=employer, job_types=job_types, staff=staff, now=slot)
    return "acceptance_model_train_task", (), slot


def case_idempotency_purge(make_user, **_):
    from lingong.core.models import IdempotencyKey

    user = make_user("worker")
    record = IdempotencyKey.objects.create(key="old", user=user, scope="api", status=201, result="{}")
    IdempotencyKey.objects.filter(pk=record.pk).update(created_at=timezone.now() - timedelta(hours=25))
    return "idempotency_purge_task", (), timezone.now()


def case_privacy_retention(**_):
    from lingong.accounts.models import SmsCode

    old = timezone.now() - timedelta(days=3)
    SmsCode.objects.create(phone_digest="x", purpose="sign_in", code_hash="h", expires_at=old, created_at=old)
    return "privacy_retention_task", (), timezone.now()


def case_scheduled_run_purge(**_):
    old = timezone.now() - timedelta(days=40)
    ScheduledRun.objects.create(task="wage_overdue_task", slot=old, started_at=old, status="done")
    return "scheduled_run_purge_task", (), timezone.now()


def _outbox_message():
    from django.utils.translation import gettext_noop

    from lingong.notifications.services import notification_send

    return notification_send(
        kind="staff_call", phone="13912345678", language="bo", message=gettext_noop("Staff were called.")
    )


def case_notification_deliver(**_):
    return "notification_deliver_task", (_outbox_message().pk,), timezone.now()


def case_notification_sweep(**_):
    _outbox_message()  # its delivery task was lost: the commit never came in this test
    return "notification_sweep_task", (), timezone.now() + timedelta(minutes=2)


def case_notification_receipts(aliyun_gateway, **_):
    from lingong.notifications.services import notification_deliver

    message = _outbox_message()
    notification_deliver(notification_id=message.pk)
    message.refresh_from_db()
    aliyun_gateway.report(message.provider_id, delivered=True)
    return "notification_receipts_task", (), timezone.now()


def case_stats_rollup(placed, **_):
    return "stats_rollup_task", (), timezone.now()


def case_stats_rollup_nightly(placed, **_):
    return "stats_rollup_nightly_task", (), timezone.now()


def case_import_sources(admin_user, stations, **_):
    """Imported postings past their source's days lapse (the feeds themselves: lingong/aggregation/tests)."""
    from lingong.aggregation.samples import sample_bytes
    from lingong.aggregation.services import import_run, source_save

    source = source_save(
        actor=admin_user, name="58", platform="58", fetch_kind="file", expiry_days=2, station=stations["market"]
    )
    today = timezone.localdate()
    import_run(source=source, actor=admin_user, upload=(sample_bytes("58", today), "58.json"), today=today)
    return "import_sources_task", (), datetime.combine(today + timedelta(days=3), time(10, 20), tzinfo=SCHEDULE_TZ)


def case_training_reminders(staff, job_types, stations, register_worker, **_):
    from lingong.training.services import booking_create
    from lingong.training.tests.factories import make_course, make_session

    session = make_session(staff=staff, course=make_course(staff=staff, job_types=job_types, stations=stations), days=1)
    worker = register_worker()
    booking_create(session=session, worker=worker, actor=worker.user, channel="web")
    return "training_reminders_task", (), datetime.combine(timezone.localdate(), time(18), tzinfo=SCHEDULE_TZ)


CASES = [
    case_confirmation_reminders,
    case_confirmation_deadline,
    case_no_show,
    case_hours_settle,
    case_job_progress,
    case_job_expire,
    case_appeal_escalate,
    case_wage_overdue,
    case_dispatch,
    case_dispatch_answer_deadline,
    case_standby_promote,
    case_fast_channel,
    case_acceptance_train,
    case_idempotency_purge,
    case_scheduled_run_purge,
    case_privacy_retention,
    case_notification_deliver,
    case_notification_sweep,
    case_notification_receipts,
    case_stats_rollup,
    case_stats_rollup_nightly,
    case_import_sources,
    case_training_reminders,
]


def task_named(name: str):
    from lingong.matching.tasks import fast_channel_offer_task, standby_promote_task
    from lingong.notifications.tasks import notification_deliver_task

    on_demand = {
        "fast_channel_offer_task": fast_channel_offer_task,
        "standby_promote_task": standby_promote_task,
        "notification_deliver_task": notification_deliver_task,
    }
    return on_demand.get(name) or SCHEDULED_TASKS[name]


def test_every_task_has_a_case():
    from lingong.operations.tests.test_registry import tasks_defined_in_code

    covered = {case.__name__ for case in CASES}
    assert len(covered) == len(tasks_defined_in_code())


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__.removeprefix("case_"))
def test_a_task_run_twice_changes_nothing_the_second_time(case, request, django_capture_on_commit_callbacks):
    fixtures = {name: request.getfixturevalue(name) for name in case.__code__.co_varnames[: case.__code__.co_argcount]}
    fixtures.update(
        {
            name: request.getfixturevalue(name)
            for name in ("employer", "job_types", "staff", "register_worker", "make_user")
        }
    )
    name, args, moment = case(**fixtures)
    task = task_named(name)
    with time_machine.travel(moment, tick=False):
        before = snapshot(name)
        with django_capture_on_commit_callbacks(execute=True):
            task.call_local(*args)
        after_first = snapshot(name)
        assert changed(before, after_first), f"{name} had nothing to do: the case is wrong"
        ScheduledRun.objects.filter(task=name).delete()  # the service itself must hold, not the slot claim
        with django_capture_on_commit_callbacks(execute=True):
            task.call_local(*args)
        assert changed(after_first, snapshot(name)) == []


def test_a_slot_runs_once_and_a_failed_run_gives_its_slot_back(monkeypatch):
    from lingong.operations import tasks as operations_tasks

    task = SCHEDULED_TASKS["idempotency_purge_task"]
    moment = datetime.combine(timezone.localdate(), time(14, 17, 30), tzinfo=SCHEDULE_TZ)
    with time_machine.travel(moment, tick=False):
        assert task.call_local() == 0
        assert task.call_local() is None  # same slot: nothing ran
        run = ScheduledRun.objects.get()
        assert (run.task, run.slot, run.status, run.result) == (
            "idempotency_purge_task",
            moment.replace(second=0),
            "done",
            "0",
        )
    with time_machine.travel(moment + timedelta(hours=1), tick=False):

        def broken(**kwargs):
            raise RuntimeError("database went away")

        monkeypatch.setattr(operations_tasks, "idempotency_purge_expired", broken)
        with pytest.raises(RuntimeError):
            task.call_local()
        assert ScheduledRun.objects.count() == 1  # the failed slot is free for the retry
        monkeypatch.undo()
        assert task.call_local() == 0
        assert ScheduledRun.objects.count() == 2


def test_a_failure_is_recorded_only_when_no_retry_is_left(caplog):
    from lingong.testing.failing_tasks import delivery_always_refused_task

    delivery_always_refused_task(3, "13800138000")  # immediate mode: one try, retries are scheduled, not run
    assert TaskFailure.objects.count() == 0
    task = delivery_always_refused_task.s(4, "13800138000")
    assert task.retries == 2
    task.retries = 0  # the last try
    from huey.contrib.djhuey import HUEY

    HUEY.execute(task)
    failure = TaskFailure.objects.get()
    assert (failure.args, failure.error) == ("4, str", "RuntimeError: the gateway refused … (case 4)")
