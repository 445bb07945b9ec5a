"""Each business event writes its messages to the right person, in that person's language."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from lingong.jobs.models import ApplicationStatus, Placement
from lingong.jobs.services import (
    application_accept,
    application_create,
    application_interview_set,
    job_create,
    placement_release_unconfirmed,
)
from lingong.notifications.models import Notification

pytestmark = pytest.mark.django_db

TZ = ZoneInfo("Asia/Shanghai")
EMPLOYER = "拉萨雪域餐饮有限公司"


def sent():
    """(kind, to whom, language) of every message written, oldest first."""
    return [
        (n.kind, n.user.username if n.user else n.phone_masked, n.language)
        for n in Notification.objects.select_related("user").order_by("id")
    ]


@pytest.fixture
def start():
    return timezone.localdate() + timedelta(days=3)


@pytest.fixture
def post(employer, job_types, staff, start):
    def make(**extra):
        kwargs = dict(
            employer=employer,
            job_type=job_types["mover"],
            title="搬运货物",
            headcount=1,
            pay_fen=30000,
            pay_unit="day",
            start_date=start,
            end_date=start,
            start_time=time(9),
            end_time=time(17),
            address="拉萨市城关区江苏路",
            lat="29.650000",
            lon="91.130000",
            actor=staff,
            channel="window",
            today=timezone.localdate(),
        )
        kwargs.update(extra)
        return job_create(**kwargs)

    return make


@pytest.fixture
def employer_user(make_user, employer):
    from lingong.employers.models import Employer

    user = make_user("employer")
    Employer.objects.filter(pk=employer.pk).update(user=user)
    employer.user = user
    return user


@pytest.fixture
def tibetan(register_worker):
    return register_worker(language="bo")


def test_registration_keeps_the_language_of_the_page(register_worker, employer):
    assert register_worker(language="bo").language == "bo"
    assert register_worker(language="zh-hans").language == "zh-hans"
    assert register_worker(language="fr").language == "zh-hans"  # not a language of the site: the default
    assert employer.language == "zh-hans"


def test_an_invitation_reaches_the_worker_in_tibetan(post, tibetan, employer_user, start):
    job = post()
    application_create(job=job, worker=tibetan, origin="employer", channel="web", actor=employer_user)
    notification = Notification.objects.get()
    assert (notification.kind, notification.user, notification.language, notification.station.code) == (
        "invitation",
        tibetan.user,
        "bo",
        "gongdelin",
    )
    assert notification.body == (
        f"【零工】{EMPLOYER} ཡིས་ཁྱེད་ལ་ 搬运货物 ལས་ཀ་བྱེད་པར་གདན་ཞུ་བྱས་འདུག {start:%m-%d} 09:00 ནས་ 拉萨市城关区江苏路 ལ། "
        "300 སྒོར་མོ་/ཉིན་རེ། ཡིན། ལས་ཞུགས་འཕྲུལ་ཆས་སམ་ལས་མིའི་དྲ་ངོས་སུ་ལན་འདེབས་གནང་རོགས།"
    )


def test_a_worker_who_applies_is_not_told_what_they_did(post, tibetan):
    application_create(job=post(), worker=tibetan, origin="worker", channel="web", actor=tibetan.user)
    assert Notification.objects.count() == 0


def test_a_fast_channel_dispatch_is_an_offer_in_chinese(post, register_worker, start):
    worker = register_worker(language="zh-hans")
    application_create(job=post(is_fast_channel=True), worker=worker, origin="dispatch", channel="system", actor=None)
    notification = Notification.objects.get()
    assert (notification.kind, notification.language) == ("offer", "zh-hans")
    assert notification.body == (
        f"【零工】快速招聘：{EMPLOYER} 急招 搬运货物，{start:%m-%d} 09:00 开工，地点 拉萨市城关区江苏路，300 元/天。"
        "先答应的先得：请在就业一体机或零工页面上回复。"
    )


def test_an_interview_reaches_both_sides_once_per_time_and_place(post, tibetan, staff, employer, start):
    application = application_create(job=post(), worker=tibetan, origin="staff", channel="window", actor=staff)
    when = datetime.combine(start - timedelta(days=1), time(15, 30), tzinfo=TZ)
    for _ in range(2):
        application_interview_set(
            application=application, interview_at=when, interview_place="北京中路 12 号", actor=staff, channel="window"
        )
    interviews = Notification.objects.filter(kind="interview").order_by("id")
    assert [(n.user_id, n.language) for n in interviews] == [(tibetan.user_id, "bo"), (None, "zh-hans")]
    day = f"{when:%m-%d} 15:30"
    assert interviews[0].body == (f"【零工】{EMPLOYER} ཡི་ 搬运货物 ངོ་ཐུག {day} ལ་ 北京中路 12 号 ལ། 卓玛 ལ་འཚོལ་རོགས།")
    assert interviews[1].body == f"【零工】{tibetan.name} 将于 {day} 到 北京中路 12 号 参加 搬运货物 的面试。"
    assert interviews[1].phone_masked == "138****8000"
    application_interview_set(
        application=application,
        interview_at=when + timedelta(hours=1),
        interview_place="北京中路 12 号",
        actor=staff,
        channel="window",
    )
    assert Notification.objects.filter(kind="interview").count() == 4  # a new time is a new message


def test_the_hire_tells_both_sides_and_the_other_offers_are_withdrawn(post, register_worker, staff, employer_user):
    job = post()
    hired, other = register_worker(language="bo"), register_worker(language="zh-hans")
    first = application_create(job=job, worker=hired, origin="dispatch", channel="system", actor=None)
    second = application_create(job=job, worker=other, origin="dispatch", channel="system", actor=None)
    application_accept(application=first, side="worker", actor=hired.user, channel="web")
    application_accept(application=first, side="employer", actor=employer_user, channel="web")
    second.refresh_from_db()
    assert second.status == ApplicationStatus.WITHDRAWN
    assert sent() == [
        ("invitation", hired.user.username, "bo"),
        ("invitation", other.user.username, "zh-hans"),
        ("offer_withdrawn", other.user.username, "zh-hans"),
        ("hire", hired.user.username, "bo"),
        ("hire", employer_user.username, "zh-hans"),
    ]
    assert Notification.objects.get(kind="offer_withdrawn").body == (
        f"【零工】{EMPLOYER} 的 搬运货物 已经招满，这个活已经关闭。就业一体机和零工页面上还有别的活等着您。"
    )


def _placement(post, worker, staff):
    application = application_create(job=post(), worker=worker, origin="staff", channel="window", actor=staff)
    application_accept(application=application, side="worker", actor=worker.user, channel="kiosk")
    application_accept(application=application, side="employer", actor=staff, channel="window")
    return Placement.objects.get(application=application)


def test_confirmation_reminder_and_release_reach_the_worker(post, tibetan, staff):
    from lingong.attendance.services import confirmation_reminders_send

    placement = _placement(post, tibetan, staff)
    confirmation = placement.confirmation
    Notification.objects.all().delete()
    assert confirmation_reminders_send(now=confirmation.remind_at) == 1
    assert confirmation_reminders_send(now=confirmation.remind_at + timedelta(minutes=1)) == 0
    placement_release_unconfirmed(placement=placement)
    assert [(k, lang) for k, _who, lang in sent()] == [
        ("confirmation_reminder", "bo"),
        ("release", "bo"),
        ("release", "zh-hans"),
    ]
    assert (
        Notification.objects.filter(kind="release", user=tibetan.user)
        .get()
        .body.startswith("【零工】ཁྱེད་ཀྱིས་ 搬运货物 དུས་ཐོག་ཏུ་གཏན་འཁེལ་མ་གནང་བས་")
    )


def test_wages_due_and_overdue_remind_the_employer(post, tibetan, staff):
    from lingong.wages.models import WagePayment
    from lingong.wages.services import wage_due_remind, wage_overdue_sweep

    placement = _placement(post, tibetan, staff)
    Notification.objects.all().delete()
    wage = WagePayment.objects.get(placement=placement)
    WagePayment.objects.filter(pk=wage.pk).update(owed_fen=30000)
    pay_day = datetime.combine(wage.due_date, time(9), tzinfo=TZ)
    assert wage_due_remind(now=pay_day) == 1
    wage_due_remind(now=pay_day + timedelta(hours=1))  # the same day again: nothing new
    wage_overdue_sweep(now=pay_day + timedelta(days=1))
    assert [(k, lang) for k, _who, lang in sent()] == [("wage_due", "zh-hans"), ("wage_overdue", "zh-hans")]
    due = Notification.objects.get(kind="wage_due")
    assert due.body == (
        f"【零工】{tibetan.name}（搬运货物）的工钱 300 元今天（{wage.due_date.isoformat()}）到期。"
        "请付清，并在雇主页面上登记已付。"
    )
    assert due.phone_masked == "138****8000"


def test_rights_case_steps_reach_the_worker(post, tibetan, staff, employer, make_user, stations):
    from lingong.rights.services import rights_case_decide, rights_case_open

    officer = make_user("rights_officer")
    case = rights_case_open(
        workers=[tibetan],
        employer=employer,
        kind="wage_arrears",
        description="没给工钱",
        channel="window",
        actor=staff,
        amount_claimed_fen=30000,
        station=stations["gongdelin"],
    )
    rights_case_decide(case=case, outcome="recovered", actor=officer, amount_recovered_fen=30000)
    assert [(k, lang) for k, _who, lang in sent()] == [("case_update", "bo"), ("case_update", "bo")]
    assert Notification.objects.order_by("id").last().body == (
        f"【零工】ཐོབ་ཐང་སྲུང་སྐྱོབ། {EMPLOYER} སྐོར་གྱི་ཁྱེད་ཀྱི་ཞུ་གཏུག་ཨང་ {case.pk} ལ་མཇུག་འབྲས་ཐོན་སོང་། "
        f"ཕྱིར་ལེན་ཐུབ་པའི་དངུལ་གྲངས། ཕྱིར་ལེན་བྱས་པ། 300 སྒོར་མོ། དྲི་བ་ཡོད་ན་ {case.station.hotline} ལ་ཁ་པར་གཏོང་རོགས།"
    )
    assert case.station.hotline


def test_a_missed_follow_up_call_is_told_to_the_worker(post, register_worker, staff):
    from lingong.followups.services import followup_record_outcome, followup_schedule_for_placement

    worker = register_worker(language="zh-hans")
    placement = _placement(post, worker, staff)
    Notification.objects.all().delete()
    followup = followup_schedule_for_placement(placement=placement)[0]
    followup_record_outcome(followup=followup, actor=staff, reached=False)
    notification = Notification.objects.get()
    assert (notification.kind, notification.user, notification.language) == ("follow_up", worker.user, "zh-hans")
    assert notification.body.startswith(
        f"【零工】{followup.station.name_zh} 为您的活（搬运货物）给您打过电话，没有打通。"
    )


def test_closing_a_job_that_has_its_workers_tells_those_still_waiting(post, register_worker, staff, employer_user):
    from lingong.jobs.services import job_close

    job = post(headcount=2)
    hired, waiting = register_worker(), register_worker()
    first = application_create(job=job, worker=hired, origin="employer", channel="web", actor=employer_user)
    application_create(job=job, worker=waiting, origin="employer", channel="web", actor=employer_user)
    application_accept(application=first, side="worker", actor=hired.user, channel="web")
    Notification.objects.all().delete()
    job_close(job=job, actor=employer_user, channel="web")
    assert sent() == [("offer_withdrawn", waiting.user.username, "zh-hans")]
