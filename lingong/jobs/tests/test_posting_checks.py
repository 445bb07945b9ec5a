"""The checks before a job is shown: refused outright, or held for staff (docs/posting-checks.md)."""

from datetime import time

import pytest

from lingong.core.errors import Conflict, InvalidInput, NotAllowed
from lingong.core.models import Event
from lingong.employers.services import employer_verify
from lingong.jobs.models import Job, JobStatus
from lingong.jobs.rules import MinimumWage, minimum_pay_fen, posting_findings, working_hours
from lingong.jobs.selectors import job_list_held, job_list_open_public, job_search
from lingong.jobs.services import job_expire_overdue, job_posting_findings, job_reject, job_release
from lingong.notifications.models import Notification
from lingong.testing.clock import days, local

from .factories import post_job

STANDARD = MinimumWage(monthly_fen=210000, hourly_fen=2000)


def _posting_findings(**override):
    fields = dict(
        texts=("搬运货物",),
        pay_fen=30000,
        pay_unit="day",
        daily_minutes=(9 * 60, 18 * 60),
        standard=STANDARD,
        trade_high_day_fen=35000,
        above_range_factor=3,
        in_district=True,
        employer_known=True,
    )
    fields.update(override)
    return posting_findings(**fields)


def _findings(**override):
    return [(f.code, f.holds) for f in _posting_findings(**override)]


# --- the rules (pure) --------------------------------------------------------------------------------------


def test_minimum_pay_per_unit():
    # A nine-hour day has eight paid hours: the full-time day, 2100 / 21.75 = 96.55 yuan.
    assert working_hours((9 * 60, 18 * 60)) == 8
    assert minimum_pay_fen(pay_unit="day", hours=8, standard=STANDARD) == 9655
    # Eleven paid hours earn 11/8 of it; four hours or fewer are part-time work at the hourly standard.
    assert minimum_pay_fen(pay_unit="day", hours=11, standard=STANDARD) == 13276
    assert minimum_pay_fen(pay_unit="day", hours=4, standard=STANDARD) == 8000
    assert minimum_pay_fen(pay_unit="hour", hours=8, standard=STANDARD) == 2000
    assert minimum_pay_fen(pay_unit="month", hours=8, standard=STANDARD) == 210000
    assert minimum_pay_fen(pay_unit="piece", hours=8, standard=STANDARD) is None


@pytest.mark.parametrize(
    "override, expected",
    [
        ({"pay_fen": 500}, [("below_minimum_wage", False)]),  # 5 yuan for a nine-hour day
        ({"pay_fen": 9654}, [("below_minimum_wage", False)]),
        ({"pay_fen": 9655}, []),
        ({"pay_fen": 1999, "pay_unit": "hour"}, [("below_minimum_wage", False)]),
        ({"pay_fen": 209999, "pay_unit": "month"}, [("below_minimum_wage", False)]),
        ({"pay_fen": 1, "pay_unit": "piece"}, []),  # a piece rate has no floor the checks can work out
        ({"texts": ("招保安，年龄18-45岁",)}, [("asks_age", True)]),
        ({"texts": ("限35周岁以下",)}, [("asks_age", True)]),
        ({"texts": ("出国务工，包吃住",)}, [("scam_signs", True)]),
        ({"texts": ("在家刷单，日赚500",)}, [("scam_signs", True)]),
        ({"texts": ("需交培训费300元",)}, [("charges_fee", False)]),
        ({"pay_fen": 105001}, [("pay_above_range", True)]),  # above 3 × 350 yuan
        ({"pay_fen": 105000}, []),
        ({"in_district": False}, [("outside_district", True)]),
        ({"employer_known": False}, [("employer_unknown", True)]),
        (
            {"texts": ("限男性，境外工作",), "pay_fen": 100},
            [("asks_gender", False), ("below_minimum_wage", False), ("scam_signs", True)],
        ),
    ],
)
def test_each_check_names_itself(override, expected):
    assert _findings(**override) == expected


@pytest.mark.parametrize("text", ["男女不限，年龄不限", "工作地点：城关区八廓街", "日薪300元当天结", "有保安证者优先"])
def test_ordinary_postings_pass_every_check(text):
    assert _findings(texts=(text,)) == []


def test_the_minimum_wage_refusal_says_the_floor():
    (finding,) = _posting_findings(texts=(), pay_fen=500)
    assert "96.55" in finding.reason and "20" in finding.reason and "2,100" in finding.reason


# --- the services --------------------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_a_job_below_the_minimum_wage_is_refused_and_nothing_is_written(employer, job_types, staff):
    before = (Job.objects.count(), Event.objects.count())
    with pytest.raises(InvalidInput) as caught:
        post_job(employer=employer, job_type=job_types["mover"], actor=staff, pay_fen=500, hours=(time(8), time(17)))
    assert (caught.value.code, caught.value.field) == ("below_minimum_wage", "pay_fen")
    assert (Job.objects.count(), Event.objects.count()) == before


def test_the_settings_hold_the_standard(employer, job_types, staff, settings):
    settings.LINGONG_MINIMUM_WAGE = {**settings.LINGONG_MINIMUM_WAGE, "hourly_fen": 3500}
    with pytest.raises(InvalidInput) as caught:
        post_job(employer=employer, job_type=job_types["mover"], actor=staff, pay_fen=3000, pay_unit="hour")
    assert caught.value.code == "below_minimum_wage"


def test_a_held_job_waits_unseen_until_staff_show_it(employer, job_types, staff, other_staff, register_worker):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, description="招搬运工，年龄20-45岁")
    assert job.status == JobStatus.HELD
    # The note is in the employer's language (Chinese here), for their job page.
    assert job.review_note == "岗位设有年龄限制：工作人员核查是否符合法律规定。"
    assert job.published_at is None
    assert not job_list_open_public().filter(pk=job.pk).exists()
    assert [j.pk for j in job_list_held(user=staff)] == [job.pk]
    assert list(job_list_held(user=staff, station=staff.station)) == [job]
    # Another station's staff neither see it in their list nor may release it.
    assert list(job_list_held(user=other_staff)) == []
    with pytest.raises(NotAllowed):
        job_release(job=job, actor=other_staff)
    job.refresh_from_db()
    assert job.status == JobStatus.HELD

    job_release(job=job, actor=staff, note="搬运重活，年龄要求合理")
    job.refresh_from_db()
    assert (job.status, job.published_at is not None) == (JobStatus.OPEN, True)
    assert job_list_open_public().filter(pk=job.pk).exists()
    assert list(
        Event.objects.filter(subject_id=str(job.pk), verb__startswith="job").order_by("id").values_list("verb", "data")
    ) == [
        ("job_create", {}),
        ("job_hold", {"checks": ["asks_age"]}),
        ("job_release", {"note": "搬运重活，年龄要求合理"}),
    ]
    with pytest.raises(Conflict):
        job_release(job=job, actor=staff)
    # The employer hears it, in their language, once.
    assert list(Notification.objects.filter(kind="job_review").values_list("body", "language")) == [
        (f"【零工】驿站已审核您的岗位 搬运货物（{job.start_date:%m-%d} 09:00），现在零工可以看到了。", "zh-hans")
    ]


def test_staff_take_a_held_job_down_with_the_reason(employer, job_types, staff):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, lat="29.400000", lon="91.000000")
    assert (job.status, job.review_note) == (JobStatus.HELD, "工作地点不在本区：工作人员进行核查。")
    job_reject(job=job, actor=staff, reason="地点在山南，不在本区")
    job.refresh_from_db()
    assert (job.status, job.review_note) == (JobStatus.CANCELLED, "地点在山南，不在本区")
    assert list(Notification.objects.filter(kind="job_review").values_list("body", flat=True)) == [
        f"【零工】驿站撤下了您的岗位 搬运货物（{job.start_date:%m-%d} 09:00）：地点在山南，不在本区"
    ]


def test_an_imported_job_of_an_unknown_employer_is_held(employer, job_types, staff):
    job = post_job(
        employer=employer, job_type=job_types["mover"], actor=staff, source="58", external_id="58-1", channel="import"
    )
    assert (job.status, job.review_note) == (JobStatus.HELD, "驿站尚不认识该雇主：工作人员先核实雇主。")


def _imported(employer, job_types, staff, external_id="58-1"):
    return post_job(
        employer=employer,
        job_type=job_types["mover"],
        actor=staff,
        source="58",
        external_id=external_id,
        channel="import",
    )


def _unchanged(job):
    """What a refused release must leave as it was."""
    job.refresh_from_db()
    job.employer.refresh_from_db()
    return (
        job.status,
        job.published_at,
        job.employer.verification,
        job.employer.verified_by_id,
        Event.objects.count(),
        Notification.objects.count(),
    )


def test_an_unknown_employers_job_is_shown_when_staff_checked_the_credit_code(employer, job_types, staff, other_staff):
    job = _imported(employer, job_types, staff)
    second = _imported(employer, job_types, staff, external_id="58-2")
    assert (job.status, second.status, employer.verification) == (JobStatus.HELD, JobStatus.HELD, "pending")
    before = _unchanged(job)
    # Without the tick the job stays held, with the reason on the box.
    with pytest.raises(InvalidInput) as caught:
        job_release(job=job, actor=staff, note="看过了")
    assert (caught.value.code, caught.value.field) == ("employer_check_required", "employer_checked")
    assert _unchanged(job) == before
    # Another station's staff may neither show the job nor verify the employer.
    with pytest.raises(NotAllowed):
        job_release(job=job, actor=other_staff, employer_checked=True)
    assert _unchanged(job) == before

    job_release(job=job, actor=staff, note="公示系统查询：存续", employer_checked=True)

    job.refresh_from_db()
    employer.refresh_from_db()
    assert (job.status, employer.verification, employer.verified_by) == (JobStatus.OPEN, "verified", staff)
    assert job_list_open_public().filter(pk=job.pk).exists()
    assert list(
        Event.objects.filter(verb__in=("employer_verify", "job_release")).order_by("id").values_list("verb", "data")
    ) == [
        ("employer_verify", {"note": "公示系统查询：存续"}),
        ("job_release", {"note": "公示系统查询：存续", "employer_verified": True}),
    ]
    # The employer is known now: its other held job needs no tick, and its next posting is shown at once.
    assert [f.code for f in job_posting_findings(second)] == []
    job_release(job=second, actor=staff)
    assert Job.objects.get(pk=second.pk).status == JobStatus.OPEN
    assert _imported(employer, job_types, staff, external_id="58-3").status == JobStatus.OPEN


def test_the_job_of_a_rejected_employer_cannot_be_released(employer, job_types, staff):
    job = _imported(employer, job_types, staff)
    employer_verify(employer=employer, actor=staff, approve=False, note="信用代码查无此企业")
    before = _unchanged(job)
    with pytest.raises(NotAllowed) as caught:
        job_release(job=job, actor=staff, employer_checked=True)
    assert caught.value.code == "employer_rejected"
    assert _unchanged(job) == before


def test_the_tick_is_not_needed_for_a_known_employer(employer, job_types, staff):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, description="招搬运工，年龄20-45岁")
    job_release(job=job, actor=staff, note="重活", employer_checked=True)
    employer.refresh_from_db()
    assert (Job.objects.get(pk=job.pk).status, employer.verification) == (JobStatus.OPEN, "pending")


def test_a_held_job_lapses_when_its_days_are_over(employer, job_types, staff):
    job = post_job(employer=employer, job_type=job_types["mover"], actor=staff, description="限40岁以下")
    assert job.status == JobStatus.HELD
    assert job_expire_overdue(now=local(days(10), 12)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.EXPIRED


def test_a_held_job_is_not_in_the_workers_search(employer, job_types, staff):
    held = post_job(employer=employer, job_type=job_types["mover"], actor=staff, description="限40岁以下")
    shown = post_job(employer=employer, job_type=job_types["mover"], actor=staff)
    assert [j.pk for j in job_search(trade=job_types["mover"])] == [shown.pk]
    assert held.status == JobStatus.HELD
