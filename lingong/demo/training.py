"""The demo's skills training: a few courses, sessions always in the coming two weeks, some bookings.

`demo_training_ensure` is idempotent: the seed calls it once, and the demo routine calls it as the
clock moves, so there are always sessions to book (a past session is never planned again; new ones
are added ahead). Everything goes through the training services, as a clerk would do it.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from lingong.accounts.models import Role
from lingong.stations.models import Station
from lingong.trades.models import JobType
from lingong.training.models import SessionStatus, TeachingLanguage, TrainingBooking, TrainingCourse, TrainingSession
from lingong.training.services import booking_create, course_create, session_create
from lingong.workers.models import Worker

# (trade, station, title zh, title bo, provider zh, provider bo, hours, subsidy yuan, language, first day, seats)
COURSES = (
    (
        "electrician",
        "market",
        "低压电工上岗培训",
        "ཧྲུག་ཆུང་གློག་ལས་ལས་ཞུགས་སྦྱོང་བརྡར།",
        "城关区职业技能培训中心",
        "ཁྲིན་ཀོན་ཆུས་ལས་རིགས་ལག་རྩལ་སྦྱོང་བརྡར་ལྟེ་གནས།",
        16,
        800,
        TeachingLanguage.BOTH,
        2,
        20,
    ),
    (
        "elder_carer",
        "gongdelin",
        "养老护理员入门",
        "རྒན་གསོ་ལྟ་སྐྱོང་པའི་སྦྱོང་བརྡར་གཞི་རིམ།",
        "拉萨市养老服务指导中心",
        "ལྷ་སའི་རྒན་གསོ་ཞབས་ཞུ་མཛུབ་སྟོན་ལྟེ་གནས།",
        24,
        1200,
        TeachingLanguage.BO,
        3,
        12,
    ),
    (
        "cook",
        "jinzhu-xilu",
        "中式烹调（藏餐）基础",
        "རྒྱ་ཟས་དང་བོད་ཟས་གཡོ་བཟོའི་གཞི་རིམ།",
        "城关区就业服务中心",
        "ཁྲིན་ཀོན་ཆུས་ལས་ཞུགས་ཞབས་ཞུ་ལྟེ་གནས།",
        12,
        600,
        TeachingLanguage.ZH,
        4,
        3,
    ),
)
AHEAD_DAYS = 14
EVERY_DAYS = 7


def _admin():
    return get_user_model().objects.filter(role=Role.DISTRICT_ADMIN, is_active=True).order_by("pk").first()


def demo_training_ensure(*, now: datetime | None = None) -> int:
    """Courses once; sessions a week apart up to two weeks ahead; the first sessions partly booked.

    Returns how many sessions were planned now (0 on a second run the same day).
    """
    now = now or timezone.now()
    admin = _admin()
    if admin is None:
        return 0
    stations = {s.code: s for s in Station.objects.all()}
    trades = {t.slug: t for t in JobType.objects.filter(slug__in=[c[0] for c in COURSES])}
    today = timezone.localdate(now)
    planned = 0
    for slug, code, title_zh, title_bo, provider_zh, provider_bo, hours, yuan, language, first, seats in COURSES:
        if code not in stations or slug not in trades:
            continue
        course = TrainingCourse.objects.filter(title_zh=title_zh, station=stations[code]).first()
        if course is None:
            course = course_create(
                actor=admin,
                job_type=trades[slug],
                station=stations[code],
                title_zh=title_zh,
                title_bo=title_bo,
                provider_zh=provider_zh,
                provider_bo=provider_bo,
                hours=hours,
                place=stations[code].name_zh,
                subsidy_fen=yuan * 100,
                language=language,
            )
        last = (
            TrainingSession.objects.filter(course=course, status=SessionStatus.SCHEDULED)
            .order_by("-starts_at")
            .values_list("starts_at", flat=True)
            .first()
        )
        day = today + timedelta(days=first) if last is None else timezone.localdate(last) + timedelta(days=EVERY_DAYS)
        day = max(day, today + timedelta(days=1))
        while day <= today + timedelta(days=AHEAD_DAYS):
            starts = timezone.make_aware(datetime.combine(day, time(9, 30)))
            session_create(
                actor=admin,
                course=course,
                starts_at=starts,
                ends_at=starts + timedelta(hours=min(hours, 7)),
                capacity=seats,
            )
            planned += 1
            day += timedelta(days=EVERY_DAYS)
    _bookings(now=now)
    return planned


def _bookings(*, now: datetime) -> None:
    """A few seeded workers booked on the first session of each course (and the small one full, with a line)."""
    if TrainingBooking.objects.exists():
        return
    workers = list(
        Worker.objects.filter(is_active=True, hidden_at__isnull=True, user__isnull=False).order_by("pk")[:12]
    )
    for course in TrainingCourse.objects.order_by("pk"):
        session = (
            TrainingSession.objects.filter(course=course, status=SessionStatus.SCHEDULED, starts_at__gt=now)
            .order_by("starts_at")
            .first()
        )
        if session is None:
            continue
        for worker in workers[: min(session.capacity + 2, 5)]:
            booking_create(session=session, worker=worker, actor=worker.user, channel="kiosk")
